//! Release review: a release is uploaded, read through the CLI's filters,
//! segmented and pretranslated from the TM (memoria-leverage's units, each
//! distinct segment looked up once); the page shows each segment with its
//! best match — a word diff of the match's source against the segment,
//! placeables and the glossary's terms highlighted, each term with its
//! target terms and their status (deprecated and forbidden ones struck
//! through) — and a translation box filled with the match's
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
use memoria_core::term::Status;
use memoria_core::tu::{Header, Tu, Tuv};
use memoria_formats::filter::Fill;
use memoria_leverage::terms::{FoundTerm, Glossary};
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
    /// Glossary terms recognised in the source (memoria-leverage's
    /// [`memoria_leverage::terms::Glossary`], found when the release was uploaded).
    #[serde(default)]
    pub terms: Vec<RTerm>,
    /// The confirmed translation.
    pub confirmed: Option<String>,
}

/// A glossary term found in a segment's source, as the page shows it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RTerm {
    /// Byte range of the words found in the segment's source.
    pub start: usize,
    pub end: usize,
    /// The glossary's source term and its status.
    pub term: String,
    pub status: Option<Status>,
    /// The entry's id, and the glossary it came from.
    pub entry: Option<String>,
    pub collection: String,
    /// The entry's target terms with their statuses, allowed ones first.
    pub targets: Vec<(String, Option<Status>)>,
    /// The source term stays as it is in the translation.
    pub do_not_translate: bool,
    /// The entry's definition.
    #[serde(default)]
    pub definition: Option<String>,
}

impl RTerm {
    fn of(f: &FoundTerm) -> RTerm {
        RTerm {
            start: f.start,
            end: f.end,
            term: f.term.clone(),
            status: f.status,
            entry: f.entry.clone(),
            collection: f.collection.clone(),
            targets: f.targets.iter().map(|t| (t.term.clone(), t.status)).collect(),
            do_not_translate: f.do_not_translate,
            definition: f.definition.clone(),
        }
    }

    /// The term as the XLIFF writers take it (1.2 note, 2.1 Glossary module).
    fn gloss(&self) -> memoria_formats::xliff::Gloss {
        let mut translations: Vec<String> =
            self.targets.iter().filter(|(_, s)| s.map_or(true, Status::allowed)).map(|(t, _)| t.clone()).collect();
        if self.do_not_translate && translations.is_empty() {
            translations.push(self.term.clone());
        }
        let id = self.entry.as_deref().map_or(String::new(), |i| format!(" [entry {i}]"));
        memoria_formats::xliff::Gloss {
            term: self.term.clone(),
            origin: self.collection.clone(),
            translations,
            definition: self.definition.clone(),
            note: format!("{}{id}", term_title(self)),
        }
    }
}

/// The class of a term of status `s`: `term-ok` (preferred, admitted,
/// standardized or none given), `term-deprecated` (deprecated, superseded),
/// `term-forbidden`.
fn status_class(s: Option<Status>) -> &'static str {
    match s {
        Some(Status::Forbidden) => "term-forbidden",
        Some(Status::Deprecated | Status::Superseded) => "term-deprecated",
        _ => "term-ok",
    }
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
            let glossary = Glossary::load(tm, &from, &to)?;
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
                        terms: glossary.found(u.source(&rel)).iter().map(RTerm::of).collect(),
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

/// A marked stretch of a segment's source.
enum Span<'a> {
    Placeable,
    Term(&'a RTerm),
}

/// `text` with its glossary terms and its placeables (numbers, dates, URLs,
/// e-mails) marked; a placeable inside a term is left to the term.
fn marked(text: &str, lang: &LangTag, terms: &[RTerm]) -> Markup {
    let ok = |s: usize, e: usize| s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e);
    let mut spans: Vec<(usize, usize, Span)> =
        terms.iter().filter(|t| ok(t.start, t.end)).map(|t| (t.start, t.end, Span::Term(t))).collect();
    for p in memoria_core::placeable::recognize(text, lang) {
        if ok(p.start, p.end) && !spans.iter().any(|(s, e, _)| p.start < *e && *s < p.end) {
            spans.push((p.start, p.end, Span::Placeable));
        }
    }
    spans.sort_by_key(|(s, e, _)| (*s, std::cmp::Reverse(*e)));
    let mut at = 0;
    html! {
        @for (start, end, span) in &spans {
            @if *start >= at {
                (text[at..*start])
                @match span {
                    Span::Placeable => mark.ph title="placeable: copied or localised, not translated" { (text[*start..*end]) },
                    Span::Term(t) => mark class={ "term " (status_class(t.status)) } title=(term_title(t)) { (text[*start..*end]) },
                }
                ({ at = *end; "" })
            }
        }
        (text[at..])
    }
}

/// The tooltip of a marked term: `glossary term → target (status); …`.
fn term_title(t: &RTerm) -> String {
    let targets: Vec<String> = t
        .targets
        .iter()
        .map(|(term, s)| match s {
            Some(s) => format!("{term} ({})", s.as_str()),
            None => term.clone(),
        })
        .collect();
    let to = if t.do_not_translate { "do not translate".to_string() } else { targets.join("; ") };
    format!("{} → {to}", t.term)
}

/// The terms of a segment with their target terms: allowed ones as they
/// are, deprecated and superseded ones struck through, forbidden ones
/// struck through in red, each with its status in words.
fn term_list(terms: &[RTerm]) -> Markup {
    html! {
        @if !terms.is_empty() {
            ul.terms aria-label="Glossary terms in this segment" {
                @for t in terms { li {
                    span class={ "src " (status_class(t.status)) } { (t.term) }
                    @if let Some(s) = t.status { @if !s.allowed() { " " span.status { (s.as_str()) } } }
                    " → "
                    @if t.do_not_translate {
                        span.tt.term-ok { (t.term) } " " span.status { "do not translate" }
                    } @else if t.targets.is_empty() {
                        span.muted { "(no target term)" }
                    } @else {
                        @for (i, (term, s)) in t.targets.iter().enumerate() {
                            @if i > 0 { " · " }
                            @if s.is_some_and(|s| !s.allowed()) {
                                del class={ "tt " (status_class(*s)) } { (term) }
                            } @else {
                                span class={ "tt " (status_class(*s)) } { (term) }
                            }
                            @if let Some(s) = s { " " span.status { (s.as_str()) } }
                        }
                    }
                    @if let Some(id) = &t.entry { " " span.muted { "[" (t.collection) " " (id) "]" } }
                } }
            }
        }
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
                    div.source { span.badge { (i + 1) } " " (marked(&s.source, &r.from, &s.terms)) }
                    (term_list(&s.terms))
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
                terms: s.terms.iter().map(RTerm::gloss).collect(),
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
