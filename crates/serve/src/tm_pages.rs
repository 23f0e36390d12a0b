//! The TM pages: concordance search, browsing by collection and language
//! pair, one TU with its history (edit a variant, delete the TU), and the
//! list of inconsistent translations. Every change goes through the TM's
//! maintenance API ([`memoria_store::Tm::edit_target`], [`memoria_store::Tm::delete`]):
//! one transaction, recorded in the audit trail.

use crate::page::{action, layout, urlencode};
use crate::{App, AppError};
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use maud::{html, Markup};
use memoria_core::content::Content;
use memoria_core::lang::LangTag;
use memoria_store::{Action, Author, InconsistencyKind, Selection, TargetEdit, TextQuery};
use serde::Deserialize;
use std::sync::Arc;

/// Most rows on one page of results.
const PAGE: usize = 50;

pub(crate) fn lang(s: Option<&str>, default: &str) -> Result<LangTag, AppError> {
    let s = s.filter(|s| !s.trim().is_empty()).unwrap_or(default);
    LangTag::new(s.trim()).map_err(|e| AppError::BadRequest(format!("language {s:?}: {e}")))
}

/// `YYYY-MM-DD hh:mm UTC` of Unix seconds.
pub(crate) fn when(secs: i64) -> String {
    let t = memoria_core::date::format_tmx(secs);
    format!("{}-{}-{} {}:{} UTC", &t[0..4], &t[4..6], &t[6..8], &t[9..11], &t[11..13])
}

/// The default author of a change made in the browser: the server's user.
pub(crate) fn default_author() -> String {
    std::env::var("USER").ok().filter(|u| !u.is_empty()).unwrap_or_else(|| "reviewer".into())
}

pub(crate) fn author(name: &str) -> Result<Author, AppError> {
    let n = name.trim();
    if n.is_empty() || n.chars().any(char::is_control) || n.chars().count() > 100 {
        return Err(AppError::BadRequest("give your name (up to 100 characters) as the author of the change".into()));
    }
    Ok(Author::now(n))
}

#[derive(Deserialize)]
struct ConcordanceQ {
    q: Option<String>,
    lang: Option<String>,
    to: Option<String>,
}

async fn concordance(State(app): State<Arc<App>>, Query(p): Query<ConcordanceQ>) -> Result<Markup, AppError> {
    let (from, to) = (lang(p.lang.as_deref(), "es")?, lang(p.to.as_deref(), "en")?);
    let q = p.q.unwrap_or_default();
    let hits = if q.trim().is_empty() {
        vec![]
    } else {
        let (q, from, to) = (q.clone(), from.clone(), to.clone());
        app.tm(move |tm| Ok(tm.concordance(&q, &from, Some(&to), PAGE + 1)?)).await?
    };
    // One more than a page asked for: whether to say there are more.
    let more = hits.len() > PAGE;
    let hits = &hits[..hits.len().min(PAGE)];
    Ok(layout(
        "Concordance",
        Some("/tm/concordance"),
        html! {
            form.row method="get" action="/tm/concordance" role="search" {
                label for="q" { "Phrase" }
                input #q type="search" name="q" value=(q) size="40" autofocus;
                label for="lang" { "in" }
                input #lang type="text" name="lang" value=(from.as_str()) size="5";
                label for="to" { "show" }
                input #to type="text" name="to" value=(to.as_str()) size="5";
                button.primary type="submit" { "Search" }
            }
            @if !q.trim().is_empty() {
                @if more {
                    p.muted { "More than " (PAGE) " segments in " (from.as_str()) " contain “" (q) "”: the " (PAGE)
                        " it covers most of (among the first found) are shown. A longer phrase narrows the search." }
                } @else {
                    p.muted { (hits.len()) " segment(s) in " (from.as_str()) " contain “" (q) "”." }
                }
                table #hits {
                    thead { tr { th { "TU" } th { (from.as_str()) } th { (to.as_str()) } } }
                    tbody { @for h in hits { tr {
                        td.num { a href={ "/tm/tu/" (h.tu_id) } { (h.tu_id) } }
                        td.text { (h.source.plain_text()) }
                        td.text { @if let Some(t) = &h.target { (t.plain_text()) } @else { span.muted { "—" } } }
                    } } }
                }
            }
        },
    ))
}

#[derive(Deserialize)]
struct BrowseQ {
    collection: Option<String>,
    from: Option<String>,
    to: Option<String>,
    offset: Option<usize>,
}

async fn browse(State(app): State<Arc<App>>, Query(p): Query<BrowseQ>) -> Result<Markup, AppError> {
    let (from, to) = (lang(p.from.as_deref(), "es")?, lang(p.to.as_deref(), "en")?);
    let collection = p.collection.filter(|c| !c.is_empty());
    let offset = p.offset.unwrap_or(0);
    let sel = Selection {
        collection: collection.clone(),
        source: Some(TextQuery { lang: from.clone(), text: String::new(), whole: false }),
        target: Some(TextQuery { lang: to.clone(), text: String::new(), whole: false }),
        ..Selection::default()
    };
    let (rows, collections) = app.tm(move |tm| Ok((tm.find(&sel, offset, PAGE + 1)?, tm.collections()?))).await?;
    let more = rows.len() > PAGE;
    let link = |off: usize| {
        format!(
            "/tm/browse?collection={}&from={}&to={}&offset={off}",
            urlencode(collection.as_deref().unwrap_or("")),
            from.as_str(),
            to.as_str()
        )
    };
    Ok(layout(
        "Browse the TM",
        Some("/tm/browse"),
        html! {
            form.row method="get" action="/tm/browse" {
                label for="collection" { "Collection" }
                select #collection name="collection" {
                    option value="" { "(all)" }
                    @for c in &collections { @if let Some(name) = &c.collection {
                        option value=(name) selected[collection.as_deref() == Some(name.as_str())] { (name) " (" (c.tus) ")" }
                    } }
                }
                label for="from" { "Pair" }
                input #from type="text" name="from" value=(from.as_str()) size="5";
                input type="text" name="to" value=(to.as_str()) size="5" aria-label="target language";
                button.primary type="submit" { "Show" }
            }
            table {
                thead { tr { th { "TU" } th { (from.as_str()) } th { (to.as_str()) } th { "Collection" } th { "Changed" } } }
                tbody { @for t in rows.iter().take(PAGE) { tr {
                    td.num { a href={ "/tm/tu/" (t.id) } { (t.id) } }
                    td.text { (t.text(&from).unwrap_or("")) }
                    td.text { (t.text(&to).unwrap_or("")) }
                    td { (t.collection.as_deref().unwrap_or("—")) }
                    td { (when(t.changed)) @if let Some(c) = &t.changer { " · " (c) } }
                } } }
            }
            p.row {
                @if offset > 0 { a.button href=(link(offset.saturating_sub(PAGE))) { "← Previous" } }
                @if more { a.button href=(link(offset + PAGE)) { "Next →" } }
            }
        },
    ))
}

#[derive(Deserialize)]
struct TuQ {
    saved: Option<String>,
}

async fn tu_page(State(app): State<Arc<App>>, Path(id): Path<i64>, Query(q): Query<TuQ>) -> Result<Markup, AppError> {
    let (tu, history) = app.tm(move |tm| Ok((tm.load_tu(id).ok(), tm.history(id)?))).await?;
    if tu.is_none() && history.is_empty() {
        return Err(AppError::NotFound(format!("TU {id} is not in the TM")));
    }
    let me = default_author();
    Ok(layout(
        &format!("TU {id}"),
        None,
        html! {
            @if let Some(s) = q.saved.as_deref() { p.notice role="status" { (s) } }
            @if let Some(tu) = &tu {
                @for v in &tu.tuvs {
                    form.seg method="post" action=(action(&app, &format!("/tm/tu/{id}/edit"))) {
                        input type="hidden" name="lang" value=(v.lang.as_str());
                        label for={ "t-" (v.lang.as_str()) } { (v.lang.as_str()) }
                        textarea id={ "t-" (v.lang.as_str()) } name="text" rows="2" { (v.seg.plain_text()) }
                        div.row {
                            label for={ "a-" (v.lang.as_str()) } { "Author" }
                            input id={ "a-" (v.lang.as_str()) } type="text" name="author" value=(me) size="16";
                            button.primary type="submit" { "Save " (v.lang.as_str()) }
                        }
                    }
                }
                form.row method="post" action=(action(&app, &format!("/tm/tu/{id}/delete"))) {
                    label for="del-author" { "Author" }
                    input #del-author type="text" name="author" value=(me) size="16";
                    button.danger type="submit" { "Delete this TU" }
                }
            } @else {
                p.warning { "This TU was deleted. Its history:" }
            }
            h2 { "History" }
            @if history.is_empty() { p.muted { "No change recorded: the TU is as it was imported." } }
            ol #history {
                @for r in &history { li {
                    strong { (when(r.at)) } " · " (r.author) " · " (r.action.as_str())
                    ul { @for (l, before, after) in r.changed_variants() { li {
                        span.badge { (l.as_str()) } " " del { (before) }
                        @if let Some(a) = after { " → " ins { (a) } }
                    } } }
                } }
            }
        },
    ))
}

#[derive(Deserialize)]
struct EditForm {
    lang: String,
    text: String,
    author: String,
}

async fn edit(State(app): State<Arc<App>>, Path(id): Path<i64>, Form(f): Form<EditForm>) -> Result<Response, AppError> {
    let who = author(&f.author)?;
    let lang = lang(Some(&f.lang), "en")?;
    let changed = app
        .tm(move |tm| {
            let old = tm.load_tu(id).map_err(AppError::from)?.variant(&lang).map(|v| v.seg.clone());
            let mut target = Content::from_text(f.text.trim());
            if let Some(old) = old.filter(|o| o.code_count() > 0) {
                target = memoria_leverage::codes::transfer(&old, &target).0;
            }
            Ok(!tm.edit_target(&TargetEdit { tu_id: id, lang, target }, &who, false)?.tus.is_empty())
        })
        .await?;
    let msg = if changed { "Saved." } else { "Nothing changed." };
    Ok(Redirect::to(&format!("/tm/tu/{id}?saved={}", urlencode(msg))).into_response())
}

#[derive(Deserialize)]
struct AuthorForm {
    author: String,
}

async fn delete(
    State(app): State<Arc<App>>,
    Path(id): Path<i64>,
    Form(f): Form<AuthorForm>,
) -> Result<Response, AppError> {
    let who = author(&f.author)?;
    let n = app.tm(move |tm| Ok(tm.delete(&Selection::id(id), &who, false)?.tus.len())).await?;
    let msg = if n == 1 { "Deleted." } else { "Already deleted." };
    Ok(Redirect::to(&format!("/tm/tu/{id}?saved={}", urlencode(msg))).into_response())
}

#[derive(Deserialize)]
struct PairQ {
    from: Option<String>,
    to: Option<String>,
}

async fn inconsistencies(State(app): State<Arc<App>>, Query(p): Query<PairQ>) -> Result<Markup, AppError> {
    let (from, to) = (lang(p.from.as_deref(), "es")?, lang(p.to.as_deref(), "en")?);
    let (f, t) = (from.clone(), to.clone());
    let groups = app
        .tm(move |tm| {
            let mut g = tm.inconsistencies(InconsistencyKind::SeveralTargets, &f, &t, 200)?;
            g.extend(tm.inconsistencies(InconsistencyKind::SeveralSources, &f, &t, 200)?);
            Ok(g)
        })
        .await?;
    Ok(layout(
        "Inconsistent translations",
        Some("/tm/inconsistencies"),
        html! {
            form.row method="get" action="/tm/inconsistencies" {
                label for="from" { "Pair" }
                input #from type="text" name="from" value=(from.as_str()) size="5";
                input type="text" name="to" value=(to.as_str()) size="5" aria-label="target language";
                button.primary type="submit" { "Check" }
            }
            p.muted { (groups.len()) " group(s). Open a TU to edit or delete it." }
            @for g in &groups { section.seg {
                p.source { span.badge { (g.shared_lang.as_str()) } " " (g.shared) " "
                    span.badge.weak { @if g.kind == InconsistencyKind::SeveralTargets { "several translations" } @else { "one translation, several sources" } } }
                ul { @for v in &g.variants { li {
                    span.badge { (g.other_lang.as_str()) } " " (v.text) " — "
                    @for id in &v.tu_ids { a href={ "/tm/tu/" (id) } { "TU " (id) } " " }
                } } }
            } }
        },
    ))
}

pub(crate) fn routes() -> Router<Arc<App>> {
    let _ = Action::Edit;
    Router::new()
        .route("/tm/concordance", get(concordance))
        .route("/tm/browse", get(browse))
        .route("/tm/tu/{id}", get(tu_page))
        .route("/tm/tu/{id}/edit", post(edit))
        .route("/tm/tu/{id}/delete", post(delete))
        .route("/tm/inconsistencies", get(inconsistencies))
}
