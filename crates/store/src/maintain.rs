//! The types of TM maintenance, on every backend: which TUs a deletion or a
//! listing takes ([`Selection`]), who makes a change ([`Author`]), what a
//! change did ([`Change`]), the audit trail ([`AuditRecord`]) and the
//! consistency check ([`Inconsistency`]) — Weblate's "inconsistent" (one
//! source, several translations) and "reused" (one translation of several
//! sources) checks, memoQ's consistency QA.

use crate::error::StoreError;
use memoria_core::content::Content;
use memoria_core::lang::LangTag;
use memoria_core::tu::Tu;

/// A text condition on one language's variant of a TU.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextQuery {
    /// The variant's language; any region of it matches (`es` finds `es-AR`).
    pub lang: LangTag,
    /// The text looked for, compared case-insensitively (Unicode lower case)
    /// after trimming. Empty: any variant in `lang` (the TU merely has one).
    pub text: String,
    /// Whether the whole segment must equal `text` (ignoring case and the
    /// white space around it), rather than contain it.
    pub whole: bool,
}

impl TextQuery {
    /// Whether `segment` (a variant's plain text) satisfies the query.
    pub fn matches(&self, segment: &str) -> bool {
        let want = self.text.trim().to_lowercase();
        if want.is_empty() {
            return true;
        }
        let have = segment.trim().to_lowercase();
        if self.whole {
            have == want
        } else {
            have.contains(&want)
        }
    }
}

/// Which TUs a deletion ([`crate::Tm::delete`]) or a listing
/// ([`crate::Tm::find`]) takes: every condition given must hold (they are
/// ANDed); an empty selection takes every TU, and a deletion refuses it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Only these TU ids (empty: any id). Ids that are not stored are
    /// ignored by the backend and reported by the caller.
    pub ids: Vec<i64>,
    /// Only TUs of this collection (the TMX file name, or the name chosen
    /// at import): those it stored and those it brought again (a TU belongs
    /// to every collection that imported it; deleting it takes it out of
    /// all of them).
    pub collection: Option<String>,
    /// A condition on the source variant.
    pub source: Option<TextQuery>,
    /// A condition on the target variant.
    pub target: Option<TextQuery>,
}

impl Selection {
    /// Whether no condition is given (the selection is the whole TM).
    pub fn is_everything(&self) -> bool {
        self.ids.is_empty() && self.collection.is_none() && self.source.is_none() && self.target.is_none()
    }

    /// The selection of one TU.
    pub fn id(id: i64) -> Selection {
        Selection { ids: vec![id], ..Selection::default() }
    }
}

/// Who makes a change, and when: recorded in the audit trail and written as
/// the TU's TMX `changeid`/`changedate` (TMX 1.4b §3.1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Author {
    /// The user's name (`--author`, else `$USER`).
    pub name: String,
    /// Unix seconds of the change.
    pub at: i64,
}

/// The variants of one inconsistency from its rows (TU id, the other side's
/// text, that text's normalised hash), in row order: one variant per hash
/// with its TU ids once each, most TUs first, then by first TU id. Both
/// backends' `inconsistencies` group their rows with it.
pub(crate) fn group_variants(rows: impl IntoIterator<Item = (i64, String, i64)>) -> Vec<InconsistentVariant> {
    let mut variants: Vec<(i64, InconsistentVariant)> = Vec::new();
    for (tu, text, other_hash) in rows {
        match variants.iter_mut().find(|(h, _)| *h == other_hash) {
            Some((_, v)) => {
                if !v.tu_ids.contains(&tu) {
                    v.tu_ids.push(tu)
                }
            }
            None => variants.push((other_hash, InconsistentVariant { text, tu_ids: vec![tu] })),
        }
    }
    let mut variants: Vec<InconsistentVariant> = variants.into_iter().map(|(_, v)| v).collect();
    variants.sort_by(|a, b| b.tu_ids.len().cmp(&a.tu_ids.len()).then(a.tu_ids[0].cmp(&b.tu_ids[0])));
    variants
}

/// The variant of `before` that `edit` changes: the one whose language
/// fits `edit.lang` best ([`LangTag::fit`]: the exact tag, then the bare
/// language, then another region), the first of equals. `NotFound` names the variants the TU has when none fits
/// (every backend's edit picks its variant with this).
pub(crate) fn edited_variant(before: &Tu, edit: &TargetEdit) -> Result<usize, StoreError> {
    (0..before.tuvs.len())
        .filter(|&i| edit.lang.fit(&before.tuvs[i].lang) > 0)
        .max_by_key(|&i| (edit.lang.fit(&before.tuvs[i].lang), std::cmp::Reverse(i)))
        .ok_or_else(|| {
            let has: Vec<&str> = before.tuvs.iter().map(|v| v.lang.as_str()).collect();
            StoreError::NotFound(format!("TU {} has no {} variant (it has {})", edit.tu_id, edit.lang, has.join(", ")))
        })
}

/// `before` with variant `i`'s content replaced by `target` and the change
/// stamped as TMX does: the TU's `changeid`/`changedate` set, and a
/// variant's own `changeid`/`changedate`, when it carries them, renewed
/// (every backend's edit stores what this gives).
pub(crate) fn stamped_edit(before: &Tu, i: usize, target: &Content, who: &Author) -> Tu {
    let mut after = before.clone();
    let stamp = memoria_core::date::format_tmx(who.at);
    after.set_attr("changeid", &who.name);
    after.set_attr("changedate", &stamp);
    let v = &mut after.tuvs[i];
    v.seg = target.clone();
    for (name, value) in v.attrs.iter_mut() {
        match name.as_str() {
            "changedate" => *value = stamp.clone(),
            "changeid" => *value = who.name.clone(),
            _ => {}
        }
    }
    after
}

impl Author {
    /// `name`, now.
    pub fn now(name: &str) -> Author {
        Author { name: name.to_string(), at: memoria_core::date::now() }
    }
}

/// A TU as a listing shows it: id, provenance, last change, and the plain
/// text of each variant in stored order.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct TuSummary {
    pub id: i64,
    pub collection: Option<String>,
    /// Unix seconds of the last change (TMX `changedate`, else
    /// `creationdate`, else the import).
    pub changed: i64,
    /// Who made it (TMX `changeid`), when known.
    pub changer: Option<String>,
    /// (language tag, plain text) of each variant.
    pub variants: Vec<(LangTag, String)>,
}

impl TuSummary {
    /// The plain text of the variant best serving `lang` ([`LangTag::fit`]).
    pub fn text(&self, lang: &LangTag) -> Option<&str> {
        self.variants.iter().filter(|(l, _)| lang.fit(l) > 0).max_by_key(|(l, _)| lang.fit(l)).map(|(_, t)| t.as_str())
    }
}

/// A change to make to one TU: its variant in `lang` gets `target`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetEdit {
    pub tu_id: i64,
    /// The variant edited: the one best serving this tag.
    pub lang: LangTag,
    /// The new content (text with any inline codes).
    pub target: Content,
}

/// What a deletion or an edit did (or, with `dry_run`, would do): one entry
/// per TU, with the TU before and after (`None` after a deletion).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    /// Whether the transaction was rolled back on purpose (`--dry-run`).
    pub dry_run: bool,
    pub tus: Vec<ChangedTu>,
}

/// One TU of a [`Change`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ChangedTu {
    pub id: i64,
    pub before: Tu,
    /// `None`: the TU is deleted.
    pub after: Option<Tu>,
}

/// What an audit record says was done.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// A variant's text was changed ([`crate::Tm::edit_target`]).
    Edit,
    /// The TU was deleted ([`crate::Tm::delete`]).
    Delete,
}

impl Action {
    /// The stored name: `edit`, `delete`.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Edit => "edit",
            Action::Delete => "delete",
        }
    }

    /// The action of a stored name.
    pub fn parse(s: &str) -> Option<Action> {
        match s {
            "edit" => Some(Action::Edit),
            "delete" => Some(Action::Delete),
            _ => None,
        }
    }
}

/// One entry of a TU's history ([`crate::Tm::history`]), kept in the TM.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct AuditRecord {
    /// Order of the records (ascending with time).
    pub seq: i64,
    pub tu_id: i64,
    /// Unix seconds.
    pub at: i64,
    pub author: String,
    pub action: Action,
    /// The TU before the change.
    pub before: Tu,
    /// The TU after it (`None` for a deletion).
    pub after: Option<Tu>,
}

impl AuditRecord {
    /// The variants whose text changed: (language, before, after), plain
    /// text; `after` is `None` for a deleted TU's variants.
    pub fn changed_variants(&self) -> Vec<(LangTag, String, Option<String>)> {
        let mut out = Vec::new();
        for v in &self.before.tuvs {
            let now = self.after.as_ref().and_then(|a| a.tuvs.iter().find(|w| w.lang == v.lang)).map(|w| &w.seg);
            if now != Some(&v.seg) {
                out.push((v.lang.clone(), v.seg.plain_text(), now.map(|c| c.plain_text())));
            }
        }
        out
    }
}

/// Which side of a language pair an inconsistency is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InconsistencyKind {
    /// One source text with several different translations (Weblate's
    /// "inconsistent").
    SeveralTargets,
    /// One translation given to several different source texts (Weblate's
    /// "reused").
    SeveralSources,
}

/// A group of TUs that share one text on one side and differ on the other.
/// Texts are compared in their normalised form, as an exact (100 %) match
/// compares them ([`memoria_core::normalize`]): Unicode NFC, runs of white
/// space as one, curly and straight quotes and dashes alike; case counts.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Inconsistency {
    pub kind: InconsistencyKind,
    /// The language of the shared text.
    pub shared_lang: LangTag,
    /// The shared text (as the first TU holding it spells it).
    pub shared: String,
    /// The language of the differing texts.
    pub other_lang: LangTag,
    /// Each different text with the TUs holding it, most TUs first.
    pub variants: Vec<InconsistentVariant>,
}

/// One of the differing texts of an [`Inconsistency`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct InconsistentVariant {
    pub text: String,
    pub tu_ids: Vec<i64>,
}
