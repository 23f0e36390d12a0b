//! The page frame every page shares (navigation, headings, the style sheet
//! and the script), and the routes of the static files and the start page.

use crate::{App, AppError};
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use maud::{html, Markup, DOCTYPE};
use std::sync::Arc;

const CSS: &str = include_str!("../static/app.css");
const JS: &str = include_str!("../static/app.js");

/// `path` with this process's CSRF token, for a form's `action`.
pub(crate) fn action(app: &App, path: &str) -> String {
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}csrf={}", app.csrf)
}

/// The page frame: `title` as heading, `current` the navigation entry shown
/// as the current page.
pub(crate) fn layout(title: &str, current: Option<&str>, body: Markup) -> Markup {
    let nav = [
        ("/", "Start"),
        ("/align", "Align"),
        ("/release", "Review a release"),
        ("/tm/concordance", "Concordance"),
        ("/tm/browse", "Browse TM"),
        ("/tm/inconsistencies", "Inconsistencies"),
    ];
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · memoria" }
                link rel="stylesheet" href="/static/app.css";
                script src="/static/app.js" defer {}
            }
            body {
                header.top {
                    a.brand href="/" { "memoria" }
                    nav aria-label="Main" {
                        @for (href, label) in nav {
                            a href=(href) aria-current=[(current == Some(href)).then_some("page")] { (label) }
                        }
                    }
                }
                main id="main" {
                    h1 { (title) }
                    (body)
                }
            }
        }
    }
}

/// The start page: what the TM holds and where to go.
async fn start(State(app): State<Arc<App>>) -> Result<Markup, AppError> {
    let (tus, pairs, collections) = app.tm(|tm| Ok((tm.tu_count()?, tm.stats()?, tm.collections()?))).await?;
    let aligns = app.pending.list("align");
    let releases = app.pending.list("release");
    Ok(layout(
        "Translation memory",
        Some("/"),
        html! {
            p.lead { (tus) " translation units. " }
            div.cards {
                section.card {
                    h2 { "Language pairs" }
                    table { thead { tr { th { "Pair" } th.num { "TUs" } } }
                        tbody { @for p in &pairs { tr { td { (p.source) "–" (p.target) } td.num { (p.tus) } } } } }
                }
                section.card {
                    h2 { "Collections" }
                    ul.plain { @for c in &collections {
                        li { a href={ "/tm/browse?collection=" (urlencode(c.collection.as_deref().unwrap_or(""))) } {
                            (c.collection.as_deref().unwrap_or("(no collection)")) } " · " (c.tus) " TUs" }
                    } }
                }
                section.card {
                    h2 { "Pending reviews" }
                    @if aligns.is_empty() && releases.is_empty() { p.muted { "Nothing pending." } }
                    ul.plain {
                        @for (id, title) in &aligns { li { a href={ "/align/" (id) } { "Alignment: " (title) } } }
                        @for (id, title) in &releases { li { a href={ "/release/" (id) } { "Release: " (title) } } }
                    }
                    p { a.button href="/align" { "Align a release pair" } " " a.button href="/release" { "Review a release" } }
                }
            }
        },
    ))
}

/// Percent-encodes a query value.
pub(crate) fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub(crate) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/", get(start))
        .route(
            "/static/app.css",
            get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], CSS).into_response() }),
        )
        .route(
            "/static/app.js",
            get(|| async { ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], JS).into_response() }),
        )
}
