//! Release review: a release is uploaded, read through the CLI's filters,
//! segmented and pretranslated from the TM (memoria-leverage's units, each
//! distinct segment looked up once); the page shows each segment with its
//! best match — a word diff of the match's source against the segment,
//! placeables highlighted — and a translation box filled with the match's
//! target. Confirming a segment (button, or Ctrl+Enter, which then moves to
//! the next one) stores the pair in the TM in one transaction. The review
//! is a file of the review folder (it survives a restart); the confirmed
//! translations download as TMX, as XLIFF 1.2, or as the translated
//! document (the release's own format, through its filter's merge).

use crate::diff::word_diff;
use crate::page::{action, layout};
use crate::tm_pages::{author, default_author};
use crate::{App, AppError};
use axum::extract::{Form, Multipart, Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use maud::{html, Markup};
use memoria_core::content::Content;
use memoria_core::lang::LangTag;
use memoria_core::tu::{Header, Tu, Tuv};
use memoria_formats::filter::Fill;
use memoria_leverage::units::{units, TmSupplier};
use memoria_store::Provenance;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Lowest score of a match shown (and used to fill the box).
const MIN_SCORE: u8 = 50;

/// A TM match of a segment, as the page shows it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RMatch {
    pub score: u8,
    pub tu_id: Option<i64>,
    pub source: String,
    pub target: String,
}

/// One unit of the release under review.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RSeg {
    /// Byte range in the release text.
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub source: String,
    pub best: Option<RMatch>,
    /// The confirmed translation.
    pub confirmed: Option<String>,
}

/// A release under review (a JSON file of the review folder).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Review {
    pub title: String,
    pub name: String,
    pub from: LangTag,
    pub to: LangTag,
    /// The uploaded file, to write the translated document.
    pub bytes: Vec<u8>,
    pub segs: Vec<RSeg>,
}

async fn start(State(app): State<Arc<App>>) -> Markup {
    let pending = app.pending.list("release");
    layout(
        "Review a release",
        Some("/release"),
        html! {
            form.card method="post" enctype="multipart/form-data" action=(action(&app, "/release")) {
                p { "Upload a release (plain text, HTML or Word): each segment is shown with its best TM match; confirm the translations one by one." }
                div.row { label for="release" { "Release" } input #release type="file" name="release" required; }
                div.row {
                    label for="from" { "From" } input #from type="text" name="from" value="es" size="5";
                    label for="to" { "to" } input #to type="text" name="to" value="en" size="5";
                }
                button.primary type="submit" { "Pretranslate" }
            }
            @if !pending.is_empty() {
                h2 { "Releases under review" }
                ul { @for (id, title) in &pending { li { a href={ "/release/" (id) } { (title) } } } }
            }
        },
    )
}

async fn upload(State(app): State<Arc<App>>, mp: Multipart) -> Result<Response, AppError> {
    let (files, texts) = crate::align_pages::fields(mp).await?;
    let text = |n: &str| texts.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
    let from = crate::tm_pages::lang(text("from"), "es")?;
    let to = crate::tm_pages::lang(text("to"), "en")?;
    let (_, name, bytes) = files
        .into_iter()
        .find(|(k, ..)| k == "release")
        .ok_or_else(|| AppError::BadRequest("no release uploaded".into()))?;
    let review = app
        .tm(move |tm| {
            let rel = crate::align_pages::read_upload(&name, bytes.clone(), &from)?;
            if rel.segments.is_empty() {
                return Err(AppError::BadRequest(format!("{name}: no segments (the file is empty or blank)")));
            }
            let supplier = TmSupplier { tm, from: from.clone(), to: to.clone() };
            let found = units(&rel, &supplier, MIN_SCORE, 1)?;
            let segs = found
                .iter()
                .map(|u| {
                    let (line, column) = rel.line_col(u.segs.start);
                    RSeg {
                        start: u.start,
                        end: u.end,
                        line,
                        column,
                        source: u.source(&rel).to_string(),
                        best: u.best().map(|c| RMatch {
                            score: c.score,
                            tu_id: match &c.origin {
                                memoria_leverage::units::Origin::Tm { tu_id, .. } => Some(*tu_id),
                                _ => None,
                            },
                            source: c.source.plain_text(),
                            target: c.target.plain_text(),
                        }),
                        confirmed: None,
                    }
                })
                .collect();
            Ok(Review { title: name.clone(), name, from, to, bytes, segs })
        })
        .await?;
    let id = crate::pending::Store::new_id();
    app.pending.save("release", &id, &review).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(Redirect::to(&format!("/release/{id}")).into_response())
}

fn load(app: &App, id: &str) -> Result<Review, AppError> {
    app.pending.load("release", id).ok_or_else(|| AppError::NotFound(format!("no release under review {id}")))
}

/// `text` with its placeables (numbers, dates, URLs, e-mails) marked.
fn placeables(text: &str, lang: &LangTag) -> Markup {
    let found = memoria_core::placeable::recognize(text, lang);
    let mut at = 0;
    html! {
        @for p in &found {
            @if p.start >= at && p.end <= text.len() {
                (text[at..p.start])
                mark.ph title="placeable: copied or localised, not translated" { (text[p.start..p.end]) }
                ({ at = p.end; "" })
            }
        }
        (text[at..])
    }
}

#[derive(Deserialize)]
struct FocusQ {
    focus: Option<usize>,
}

async fn review(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    Query(q): Query<FocusQ>,
) -> Result<Markup, AppError> {
    let r = load(&app, &id)?;
    Ok(render(&app, &id, &r, q.focus))
}

/// The review page (public for the benchmark of its server time).
pub fn render(app: &App, id: &str, r: &Review, focus: Option<usize>) -> Markup {
    let done = r.segs.iter().filter(|s| s.confirmed.is_some()).count();
    let focus = focus.unwrap_or_else(|| r.segs.iter().position(|s| s.confirmed.is_none()).unwrap_or(0));
    let me = default_author();
    layout(
        &format!("Release: {}", r.title),
        Some("/release"),
        html! {
            p.row {
                span #progress { (done) " of " (r.segs.len()) " segments confirmed." }
                span.muted { "Ctrl+Enter confirms a segment and moves to the next." }
            }
            p.row {
                a.button href={ "/release/" (id) "/tmx" } { "Download TMX" }
                a.button href={ "/release/" (id) "/xliff" } { "Download XLIFF" }
                a.button href={ "/release/" (id) "/document" } { "Download the translated document" }
                label for="author" { "Author" }
                input #author type="text" value=(me) size="14" aria-describedby="author-help";
                span #author-help.muted { "(recorded with each confirmed segment)" }
            }
            @for (i, s) in r.segs.iter().enumerate() {
                form id={ "seg-" (i) } class={ "seg" @if s.confirmed.is_some() { " confirmed" } } data-confirm="" method="post"
                    action=(action(app, &format!("/release/{id}/seg/{i}"))) {
                    div.source { span.badge { (i + 1) } " " (placeables(&s.source, &r.from)) }
                    @if let Some(m) = &s.best {
                        div.match {
                            span class={ "badge" @if m.score >= 100 { " ok" } } { (m.score) " %" } " "
                            @if m.score < 100 { (word_diff(&m.source, &s.source)) } @else { (m.source) }
                            @if let Some(t) = m.tu_id { " · " a href={ "/tm/tu/" (t) } { "TU " (t) } }
                        }
                    } @else { div.match { span.badge { "no match" } } }
                    textarea name="text" aria-label={ "Translation of segment " (i + 1) } autofocus[i == focus] {
                        (s.confirmed.clone().or_else(|| s.best.as_ref().map(|m| m.target.clone())).unwrap_or_default())
                    }
                    input type="hidden" name="author" value=(me);
                    div.row {
                        button.primary type="submit" { @if s.confirmed.is_some() { "Confirm again" } @else { "Confirm" } }
                        @if s.confirmed.is_some() { span.badge.ok { "confirmed" } }
                    }
                }
            }
        },
    )
}

#[derive(Deserialize)]
struct SegForm {
    text: String,
    author: Option<String>,
}

async fn confirm(
    State(app): State<Arc<App>>,
    Path((id, i)): Path<(String, usize)>,
    Form(f): Form<SegForm>,
) -> Result<Response, AppError> {
    let mut r = load(&app, &id)?;
    let n = r.segs.len();
    let seg = r.segs.get(i).cloned().ok_or_else(|| AppError::NotFound(format!("segment {} of {n}", i + 1)))?;
    let text = f.text.trim().to_string();
    if text.is_empty() {
        return Err(AppError::BadRequest(format!("segment {}: the translation is empty", i + 1)));
    }
    let who = author(f.author.as_deref().unwrap_or(&default_author()))?;
    let mut tu =
        Tu { tuvs: vec![Tuv::plain(r.from.clone(), &seg.source), Tuv::plain(r.to.clone(), &text)], ..Tu::default() };
    // The TU names who confirmed it, and when, as TMX does (creationid, creationdate).
    tu.set_attr("creationid", &who.name);
    tu.set_attr("creationdate", &memoria_core::date::format_tmx(who.at));
    let prov = Provenance {
        collection: None,
        document: Some(r.name.clone()),
        position: Some(i as i64),
        prev: i.checked_sub(1).map(|k| r.segs[k].source.clone()),
        next: r.segs.get(i + 1).map(|s| s.source.clone()),
    };
    app.tm(move |tm| {
        let mut imp = tm.import()?;
        imp.add(&tu, &prov)?;
        imp.commit()?;
        Ok(())
    })
    .await?;
    r.segs[i].confirmed = Some(text);
    app.pending.save("release", &id, &r).map_err(|e| AppError::Internal(e.to_string()))?;
    let next = (i + 1).min(n - 1);
    // No fragment: a document with a target element skips autofocus (HTML spec).
    Ok(Redirect::to(&format!("/release/{id}?focus={next}")).into_response())
}

fn download(name: String, mime: &'static str, body: Vec<u8>) -> Response {
    let safe: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' }).collect();
    (
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{safe}\"")),
        ],
        body,
    )
        .into_response()
}

async fn tmx(State(app): State<Arc<App>>, Path(id): Path<String>) -> Result<Response, AppError> {
    let r = load(&app, &id)?;
    let mut header = Header::default();
    header.set_attr("datatype", "plaintext");
    header.set_attr("srclang", r.from.as_str());
    let mut w = memoria_formats::tmx::TmxWriter::new(Vec::new(), memoria_formats::tmx::WriteOptions::default());
    let io = |e: std::io::Error| AppError::Internal(e.to_string());
    w.write_header(&header).map_err(io)?;
    for s in &r.segs {
        if let Some(t) = &s.confirmed {
            w.write_tu(&Tu {
                tuvs: vec![Tuv::plain(r.from.clone(), &s.source), Tuv::plain(r.to.clone(), t)],
                ..Tu::default()
            })
            .map_err(io)?;
        }
    }
    Ok(download(format!("{}.{}.tmx", r.name, r.to), "application/x-tmx+xml", w.finish().map_err(io)?))
}

async fn xliff(State(app): State<Arc<App>>, Path(id): Path<String>) -> Result<Response, AppError> {
    use memoria_formats::xliff::{Candidate, Doc, Unit};
    let r = load(&app, &id)?;
    let sources: Vec<Content> = r.segs.iter().map(|s| Content::from_text(&s.source)).collect();
    let targets: Vec<Option<Content>> = r.segs.iter().map(|s| s.confirmed.as_deref().map(Content::from_text)).collect();
    let checksum = memoria_formats::filter::checksum(&r.bytes);
    let units = r
        .segs
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let fill = targets[i].as_ref().map(|t| Candidate {
                score: 100,
                exact: true,
                source_lang: r.from.as_str(),
                target_lang: r.to.as_str(),
                source: &sources[i],
                target: t,
                stored_target: t,
                origin: Some("memoria serve"),
            });
            Unit {
                id: (i + 1).to_string(),
                source: sources[i].clone(),
                line: s.line,
                column: s.column,
                fill,
                candidates: fill.into_iter().collect(),
                segments: 1,
                range: Some(s.start..s.end),
                terms: Vec::new(),
            }
        })
        .collect();
    let doc = Doc {
        original: &r.name,
        from: r.from.as_str(),
        to: r.to.as_str(),
        units,
        skeleton: Some((&r.name, &checksum)),
        copy_source: false,
    };
    let out = memoria_formats::xliff::write_xliff12(&[doc]);
    Ok(download(format!("{}.{}.xlf", r.name, r.to), "application/xliff+xml", out.into_bytes()))
}

async fn document(State(app): State<Arc<App>>, Path(id): Path<String>) -> Result<Response, AppError> {
    let r = load(&app, &id)?;
    let rel = crate::align_pages::read_upload(&r.name, r.bytes.clone(), &r.from)?;
    let fills: Vec<Fill> = r
        .segs
        .iter()
        .filter_map(|s| s.confirmed.as_ref().map(|t| Fill { range: s.start..s.end, target: Content::from_text(t) }))
        .collect();
    let out = rel.merge(&fills).map_err(|e| AppError::Internal(format!("{}: {e}", r.name)))?;
    Ok(download(format!("{}.{}", r.to, r.name), "application/octet-stream", out))
}

pub(crate) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/release", get(start).post(upload))
        .route("/release/{id}", get(review))
        .route("/release/{id}/seg/{i}", post(confirm))
        .route("/release/{id}/tmx", get(tmx))
        .route("/release/{id}/xliff", get(xliff))
        .route("/release/{id}/document", get(document))
}
