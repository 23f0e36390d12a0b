//! Alignment review: a release and its translation are uploaded, read
//! through the same filters as the CLI, segmented and aligned
//! (memoria-core's aligner); the beads are shown side by side with their
//! scores, weak ones flagged; a reviewer joins, splits, skips or corrects
//! beads; nothing enters the TM until "Approve", which imports the kept
//! beads in one transaction. The pending alignment is a file of the review
//! folder: it survives a restart; "Discard" deletes it without touching
//! the TM.

use crate::page::{action, layout};
use crate::{App, AppError};
use axum::extract::{Form, Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use maud::{html, Markup};
use memoria_core::align::{Aligner, AlignerConfig, Sentences};
use memoria_core::lang::LangTag;
use memoria_core::tu::{Tu, Tuv};
use memoria_store::Provenance;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::Arc;

/// Beads scoring below this are flagged (the CLI's `align --import` default).
pub const WEAK_BELOW: f64 = 75.0;
/// Share of weak beads above which the pair is flagged as probably not a
/// translation of each other.
pub const SUSPECT_SHARE: f64 = 0.5;

/// One bead under review.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PBead {
    pub src: Range<usize>,
    pub tgt: Range<usize>,
    /// The aligner's score; `None` once a reviewer joined or split it.
    pub score: Option<f64>,
    pub skip: bool,
    /// The translation as the reviewer corrected it.
    pub fixed: Option<String>,
}

impl PBead {
    /// Flagged for the reviewer: low score, a side missing, or not 1-1, 1-2, 2-1.
    pub fn weak(&self) -> bool {
        let kind_ok = matches!((self.src.len(), self.tgt.len()), (1, 1) | (1, 2) | (2, 1));
        self.src.is_empty()
            || (self.tgt.is_empty() && self.fixed.is_none())
            || (self.score.is_some_and(|s| s < WEAK_BELOW) && self.fixed.is_none())
            || (!kind_ok && self.score.is_some())
    }
}

/// A pending alignment (a JSON file of the review folder).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Pending {
    pub title: String,
    pub from: LangTag,
    pub to: LangTag,
    pub source_name: String,
    pub target_name: String,
    pub src: Vec<String>,
    pub tgt: Vec<String>,
    pub beads: Vec<PBead>,
}

impl Pending {
    fn target_text(&self, b: &PBead) -> String {
        b.fixed.clone().unwrap_or_else(|| self.tgt[b.tgt.clone()].join(" "))
    }
}

/// Reads an uploaded release through the CLI's filters and segments it.
pub(crate) fn read_upload(
    name: &str,
    bytes: Vec<u8>,
    lang: &LangTag,
) -> Result<memoria_leverage::release::Release, AppError> {
    let seg = memoria_core::segment::SegmenterBuilder::new(lang.clone())
        .build()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    memoria_leverage::release::Release::read_owned(name, bytes, memoria_formats::filter::Kind::Auto, lang, &seg)
        .map_err(|e| AppError::BadRequest(format!("{name}: {e}")))
}

/// The fields of an upload form: files by field name (name, bytes), texts.
pub(crate) async fn fields(
    mut mp: Multipart,
) -> Result<(Vec<(String, String, Vec<u8>)>, Vec<(String, String)>), AppError> {
    let (mut files, mut texts) = (Vec::new(), Vec::new());
    while let Some(f) = mp.next_field().await.map_err(|e| AppError::BadRequest(format!("upload: {e}")))? {
        let field = f.name().unwrap_or("").to_string();
        match f.file_name().map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).to_string()) {
            Some(name) => {
                let bytes = f.bytes().await.map_err(|e| AppError::BadRequest(format!("upload: {e}")))?;
                files.push((field, name, bytes.to_vec()));
            }
            None => texts.push((field, f.text().await.map_err(|e| AppError::BadRequest(format!("upload: {e}")))?)),
        }
    }
    Ok((files, texts))
}

async fn start(State(app): State<Arc<App>>) -> Markup {
    let pending = app.pending.list("align");
    layout(
        "Align a release pair",
        Some("/align"),
        html! {
            form.card method="post" enctype="multipart/form-data" action=(action(&app, "/align")) {
                p { "Upload a release and its published translation (plain text, HTML or Word). The beads are shown for review; nothing enters the TM until you approve." }
                div.row { label for="source" { "Source release" } input #source type="file" name="source" required; }
                div.row { label for="target" { "Its translation" } input #target type="file" name="target" required; }
                div.row {
                    label for="from" { "From" } input #from type="text" name="from" value="es" size="5";
                    label for="to" { "to" } input #to type="text" name="to" value="en" size="5";
                }
                button.primary type="submit" { "Align" }
            }
            @if !pending.is_empty() {
                h2 { "Pending alignments" }
                ul { @for (id, title) in &pending { li { a href={ "/align/" (id) } { (title) } } } }
            }
        },
    )
}

async fn upload(State(app): State<Arc<App>>, mp: Multipart) -> Result<Response, AppError> {
    let (files, texts) = fields(mp).await?;
    let text = |n: &str| texts.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
    let from = crate::tm_pages::lang(text("from"), "es")?;
    let to = crate::tm_pages::lang(text("to"), "en")?;
    let file = |n: &str| {
        files
            .iter()
            .find(|(k, ..)| k == n)
            .cloned()
            .ok_or_else(|| AppError::BadRequest(format!("no {n} file uploaded")))
    };
    let ((_, sname, sbytes), (_, tname, tbytes)) = (file("source")?, file("target")?);
    let pending = tokio::task::spawn_blocking(move || -> Result<Pending, AppError> {
        let (s, t) = (read_upload(&sname, sbytes, &from)?, read_upload(&tname, tbytes, &to)?);
        let texts = |r: &memoria_leverage::release::Release| -> Vec<String> {
            (0..r.segments.len()).map(|i| r.text(i).replace(['\r', '\n'], " ")).collect()
        };
        for (r, name) in [(&s, &sname), (&t, &tname)] {
            if r.segments.is_empty() {
                return Err(AppError::BadRequest(format!(
                    "{name}: no sentences to align (the file is empty or blank)"
                )));
            }
        }
        let aligner = Aligner::new(AlignerConfig::for_pair(&from, &to));
        let beads = aligner.align_documents(
            &Sentences::from_segments(&s.doc.text, &s.segments),
            &Sentences::from_segments(&t.doc.text, &t.segments),
        );
        Ok(Pending {
            title: format!("{sname} ⟷ {tname}"),
            from,
            to,
            source_name: sname,
            target_name: tname,
            src: texts(&s),
            tgt: texts(&t),
            beads: beads
                .into_iter()
                .map(|b| PBead { src: b.src, tgt: b.tgt, score: Some(b.score), skip: false, fixed: None })
                .collect(),
        })
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))??;
    let id = crate::pending::Store::new_id();
    app.pending.save("align", &id, &pending).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(Redirect::to(&format!("/align/{id}")).into_response())
}

fn load(app: &App, id: &str) -> Result<Pending, AppError> {
    app.pending.load("align", id).ok_or_else(|| AppError::NotFound(format!("no pending alignment {id}")))
}

async fn review(State(app): State<Arc<App>>, Path(id): Path<String>) -> Result<Markup, AppError> {
    let p = load(&app, &id)?;
    let weak = p.beads.iter().filter(|b| b.weak()).count();
    let share = weak as f64 / p.beads.len().max(1) as f64;
    let kept =
        p.beads.iter().filter(|b| !b.skip && !b.src.is_empty() && !(b.tgt.is_empty() && b.fixed.is_none())).count();
    Ok(layout(
        &format!("Alignment: {}", p.title),
        Some("/align"),
        html! {
            @if share > SUSPECT_SHARE {
                p.warning #suspect role="alert" {
                    strong { "These documents are probably not translations of each other: " }
                    (weak) " of " (p.beads.len()) " beads are weak (" (format!("{:.0}", share * 100.0)) " %). "
                    "Check that you uploaded the right pair, or discard this alignment: the TM is not touched until you approve."
                }
            } @else {
                p.muted { (p.beads.len()) " beads, " (weak) " weak (highlighted). " (kept) " will be stored when you approve." }
            }
            div.row {
                form.inline method="post" action=(action(&app, &format!("/align/{id}/approve"))) {
                    button.primary #approve type="submit" { "Approve: store " (kept) " pairs in the TM" }
                }
                form.inline method="post" action=(action(&app, &format!("/align/{id}/discard"))) {
                    button.danger #discard type="submit" { "Discard" }
                }
            }
            table #beads {
                thead { tr { th.num { "#" } th.num { "Score" } th { (p.from.as_str()) } th { (p.to.as_str()) } th { "Actions" } } }
                tbody { @for (i, b) in p.beads.iter().enumerate() {
                    tr id={ "bead-" (i) } class={ @if b.skip { "skipped" } @else if b.weak() { "weak" } } {
                        td.num { (i + 1) }
                        td.num {
                            @match b.score { Some(s) => span class={ "badge" @if b.weak() { " weak" } } { (format!("{s:.0}")) }, None => span.badge { "edited" } }
                            br; span.muted { (b.src.len()) "–" (b.tgt.len()) }
                        }
                        td.text { (p.src[b.src.clone()].join(" ")) }
                        td.text {
                            @if b.fixed.is_some() { ins { (p.target_text(b)) } } @else { (p.target_text(b)) }
                            details { summary { "Correct the translation" }
                                form method="post" action=(action(&app, &format!("/align/{id}/bead/{i}"))) {
                                    input type="hidden" name="op" value="edit";
                                    textarea name="text" aria-label={ "Translation of bead " (i + 1) } { (p.target_text(b)) }
                                    button type="submit" { "Save" }
                                }
                            }
                        }
                        td { div.actions {
                            @for (op, label) in [("skip", if b.skip { "Keep" } else { "Skip" }), ("join", "Join with next"), ("swap", "Re-pair with next"), ("split", "Split")] {
                                form.inline method="post" action=(action(&app, &format!("/align/{id}/bead/{i}"))) {
                                    input type="hidden" name="op" value=(op);
                                    button type="submit" name="bead" value=(i) { (label) }
                                }
                            }
                        } }
                    }
                } }
            }
        },
    ))
}

#[derive(Deserialize)]
struct BeadForm {
    op: String,
    text: Option<String>,
}

async fn bead(
    State(app): State<Arc<App>>,
    Path((id, i)): Path<(String, usize)>,
    Form(f): Form<BeadForm>,
) -> Result<Response, AppError> {
    let mut p = load(&app, &id)?;
    if i >= p.beads.len() {
        return Err(AppError::NotFound(format!("bead {} of {}", i + 1, p.beads.len())));
    }
    match f.op.as_str() {
        "skip" => p.beads[i].skip = !p.beads[i].skip,
        "edit" => {
            let t = f.text.unwrap_or_default().trim().to_string();
            p.beads[i].fixed = (!t.is_empty()).then_some(t);
        }
        "join" if i + 1 < p.beads.len() => {
            let next = p.beads.remove(i + 1);
            let b = &mut p.beads[i];
            let join = |a: &Range<usize>, c: &Range<usize>| match (a.is_empty(), c.is_empty()) {
                (true, _) => c.clone(),
                (_, true) => a.clone(),
                _ => a.start.min(c.start)..a.end.max(c.end),
            };
            b.src = join(&b.src, &next.src);
            b.tgt = join(&b.tgt, &next.tgt);
            b.score = None;
            b.fixed = None;
        }
        // Re-pair: this bead's source with the next bead's translation, and the reverse.
        "swap" if i + 1 < p.beads.len() => {
            let (a, b) = (p.beads[i].clone(), p.beads[i + 1].clone());
            p.beads[i] = PBead { tgt: b.tgt, fixed: b.fixed, score: None, ..a.clone() };
            p.beads[i + 1] = PBead { tgt: a.tgt, fixed: a.fixed, score: None, ..b };
        }
        "split" => {
            let b = p.beads[i].clone();
            if b.src.len() + b.tgt.len() <= 2 {
                return Err(AppError::BadRequest("a bead of one sentence a side cannot be split".into()));
            }
            let cut = |r: &Range<usize>| {
                if r.len() >= 2 {
                    (r.start..r.start + 1, r.start + 1..r.end)
                } else {
                    (r.clone(), r.end..r.end)
                }
            };
            let (s1, s2) = cut(&b.src);
            let (t1, t2) = cut(&b.tgt);
            p.beads[i] = PBead { src: s1, tgt: t1, score: None, skip: false, fixed: None };
            p.beads.insert(i + 1, PBead { src: s2, tgt: t2, score: None, skip: false, fixed: None });
        }
        other => return Err(AppError::BadRequest(format!("unknown action {other:?}"))),
    }
    app.pending.save("align", &id, &p).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(Redirect::to(&format!("/align/{id}#bead-{i}")).into_response())
}

async fn approve(State(app): State<Arc<App>>, Path(id): Path<String>) -> Result<Markup, AppError> {
    let p = load(&app, &id)?;
    let pairs: Vec<(usize, String, String)> = p
        .beads
        .iter()
        .filter(|b| !b.skip && !b.src.is_empty() && !(b.tgt.is_empty() && b.fixed.is_none()))
        .map(|b| (b.src.start, p.src[b.src.clone()].join(" "), p.target_text(b)))
        .collect();
    let doc = format!("{} | {}", p.source_name, p.target_name);
    let (from, to, src) = (p.from.clone(), p.to.clone(), p.src.clone());
    let report = app
        .tm(move |tm| {
            let mut imp = tm.import()?;
            for (pos, s, t) in &pairs {
                let tu = Tu { tuvs: vec![Tuv::plain(from.clone(), s), Tuv::plain(to.clone(), t)], ..Tu::default() };
                let prov = Provenance {
                    collection: None,
                    document: Some(doc.clone()),
                    position: Some(*pos as i64),
                    prev: pos.checked_sub(1).map(|i| src[i].clone()),
                    next: src.get(pos + 1).cloned(),
                };
                imp.add(&tu, &prov)?;
            }
            // (Concordance finds the new TUs at once: SQLite's reads the
            // postings the import wrote, PostgreSQL's indexes them itself.)
            Ok(imp.commit()?)
        })
        .await?;
    app.pending.remove("align", &id);
    Ok(layout(
        "Alignment approved",
        Some("/align"),
        html! {
            p.notice #approved role="status" { "Stored " (report.added) " pairs in the TM (" (report.duplicates) " were already there)." }
            p { a href="/tm/concordance" { "Search the TM" } " · " a href="/align" { "Align another pair" } }
        },
    ))
}

async fn discard(State(app): State<Arc<App>>, Path(id): Path<String>) -> Result<Response, AppError> {
    load(&app, &id)?;
    app.pending.remove("align", &id);
    Ok(Redirect::to("/align").into_response())
}

pub(crate) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/align", get(start).post(upload))
        .route("/align/{id}", get(review))
        .route("/align/{id}/bead/{i}", post(bead))
        .route("/align/{id}/approve", post(approve))
        .route("/align/{id}/discard", post(discard))
}
