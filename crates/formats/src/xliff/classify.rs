//! Which XLIFF units are real translations, as their producers mean them.
//!
//! [`classify`] takes a read [`XUnit`] and says either how far along its
//! translation is ([`Level`]) or why it is no translation ([`Skip`]). The
//! rules, in order:
//!
//! 1. `translate="no"` (in 2.x inherited from `<file>`/`<group>`, overridable
//!    on the unit) is not for translation;
//! 2. an empty source, no target, an empty target, or a target of only
//!    inline codes, white space and placeholders (`{0}`, `%s`, `%1$s`) is
//!    none;
//! 3. the producer's own status, where it has one: Trados SDLXLIFF
//!    `sdl:seg conf` (`Translated`; `ApprovedTranslation` reviewed;
//!    `ApprovedSignOff` final; `Draft`, `RejectedTranslation`,
//!    `RejectedSignOff` and no `conf` are drafts), memoQ `mq:status`
//!    (`ManuallyConfirmed`; `Reviewer1Confirmed` reviewed;
//!    `Reviewer2Confirmed`/`Proofread` final; `NotStarted` none; the
//!    unconfirmed ones drafts), WorldServer `iws:status`
//!    (`translation_status="finished"`);
//! 4. else the XLIFF state: 1.2 `new`/`needs-translation` none,
//!    `needs-review-*`/`translated` translated, `signed-off` (XTM) reviewed,
//!    `final` final, `approved="yes"` reviewed, none written: translated
//!    unless the target is a copy of the source (a pseudo-translation);
//!    2.x `initial` or none: none, `translated`, `reviewed`, `final`.
//!
//! Drafts count as translations only when the caller asks (`--include-drafts`).

use super::read::{ProducerStatus, XUnit};
use memoria_core::content::{CodeKind, Content, Inline};

/// How far a translation has come. Ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Translated,
    Reviewed,
    Final,
}

/// Why a unit gives no TU: the report's reasons.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Skip {
    /// `translate="no"`.
    NotTranslatable,
    /// The source has no text.
    EmptySource,
    /// No `<target>`.
    NoTarget,
    /// A `<target>` with no text.
    EmptyTarget,
    /// A target of inline codes, white space and placeholders only.
    CodesOnly,
    /// The state says it is not translated (1.2 `new`, 2.x `initial`, memoQ
    /// `NotStarted`…).
    NotTranslated,
    /// A producer's draft (Trados `Draft`, memoQ `PartiallyEdited`…).
    Draft,
    /// Below `--min-state`.
    BelowMinState,
    /// No state, and the target is the source unchanged.
    CopiedSource,
    /// A state memoria does not know.
    UnknownState(String),
}

impl Skip {
    /// The reason's id in reports.
    pub fn id(&self) -> String {
        match self {
            Skip::NotTranslatable => "translate-no".into(),
            Skip::EmptySource => "empty-source".into(),
            Skip::NoTarget => "no-target".into(),
            Skip::EmptyTarget => "empty-target".into(),
            Skip::CodesOnly => "codes-only-target".into(),
            Skip::NotTranslated => "not-translated".into(),
            Skip::Draft => "draft".into(),
            Skip::BelowMinState => "below-min-state".into(),
            Skip::CopiedSource => "copied-source".into(),
            Skip::UnknownState(s) => format!("unknown-state:{s}"),
        }
    }
}

/// What the caller accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rules {
    /// The lowest level taken.
    pub min_level: Level,
    /// Producers' drafts count as translated.
    pub include_drafts: bool,
}

impl Default for Rules {
    fn default() -> Rules {
        Rules { min_level: Level::Translated, include_drafts: false }
    }
}

/// The level of `u`'s translation, or why it is none (module documentation).
pub fn classify(u: &XUnit, v2: bool, rules: Rules) -> Result<Level, Skip> {
    if !u.translate {
        return Err(Skip::NotTranslatable);
    }
    if !u.source.has_text() {
        return Err(Skip::EmptySource);
    }
    let Some(target) = &u.target else { return Err(Skip::NoTarget) };
    if target.items.is_empty() || (target.is_plain() && !target.has_text()) {
        return Err(Skip::EmptyTarget);
    }
    if only_codes(target) {
        return Err(Skip::CodesOnly);
    }
    let draft = |rules: Rules| if rules.include_drafts { Ok(Level::Translated) } else { Err(Skip::Draft) };
    let level = match &u.producer {
        Some(ProducerStatus::Sdl(conf)) => match conf.as_deref() {
            Some("Translated") => Ok(Level::Translated),
            Some("ApprovedTranslation") => Ok(Level::Reviewed),
            Some("ApprovedSignOff") => Ok(Level::Final),
            Some("Draft" | "RejectedTranslation" | "RejectedSignOff") | None => draft(rules),
            Some(other) => Err(Skip::UnknownState(other.to_string())),
        },
        Some(ProducerStatus::MemoQ(s)) => match s.as_str() {
            "ManuallyConfirmed" => Ok(Level::Translated),
            "Reviewer1Confirmed" => Ok(Level::Reviewed),
            "Reviewer2Confirmed" | "Proofread" => Ok(Level::Final),
            "NotStarted" => Err(Skip::NotTranslated),
            "PartiallyEdited" | "Editing" | "Pretranslated" | "MachineTranslated" | "Rejected" => draft(rules),
            other => Err(Skip::UnknownState(other.to_string())),
        },
        Some(ProducerStatus::WorldServer { translation_status: Some(s), .. }) if s == "finished" => {
            Ok(Level::Translated)
        }
        _ => state_level(u, v2, target),
    }?;
    if level < rules.min_level {
        return Err(Skip::BelowMinState);
    }
    Ok(level)
}

/// The level the XLIFF state itself gives (rule 4).
fn state_level(u: &XUnit, v2: bool, target: &Content) -> Result<Level, Skip> {
    if v2 {
        return match u.state.as_deref() {
            None | Some("initial") => Err(Skip::NotTranslated),
            Some("translated") => Ok(Level::Translated),
            Some("reviewed") => Ok(Level::Reviewed),
            Some("final") => Ok(Level::Final),
            Some(other) => Err(Skip::UnknownState(other.to_string())),
        };
    }
    let by_state = match u.state.as_deref() {
        Some("new" | "needs-translation") => return Err(Skip::NotTranslated),
        Some(s)
            if s.starts_with("needs-review") || s == "translated" || s == "needs-adaptation" || s == "needs-l10n" =>
        {
            Level::Translated
        }
        Some("signed-off") => Level::Reviewed,
        Some("final") => Level::Final,
        Some(other) if other.starts_with("x-") => Level::Translated,
        Some(other) => return Err(Skip::UnknownState(other.to_string())),
        None if u.approved => Level::Reviewed,
        None if target.plain_text().trim() == u.source.plain_text().trim() => return Err(Skip::CopiedSource),
        None => Level::Translated,
    };
    Ok(if u.approved { by_state.max(Level::Reviewed) } else { by_state })
}

/// Whether `c` holds nothing but codes, white space and placeholders
/// (`{0}`, `{name}`, `%s`, `%1$s`, `%d`).
fn only_codes(c: &Content) -> bool {
    // Most targets start with a letter: said without building the text.
    if first_char(&c.items).is_some_and(|ch| ch != '{' && ch != '%') {
        return false;
    }
    let text = c.plain_text();
    let mut rest = text.as_str();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return true;
        }
        if let Some(r) = rest.strip_prefix('{') {
            match r.find('}') {
                Some(end) if r[..end].chars().all(|ch| ch.is_alphanumeric() || ch == '_') => rest = &r[end + 1..],
                _ => return false,
            }
        } else if let Some(r) = rest.strip_prefix('%') {
            let spec = r
                .find(|ch: char| ch.is_ascii_alphabetic())
                .filter(|&i| r[..i].chars().all(|ch| ch.is_ascii_digit() || ch == '$'));
            match spec {
                Some(i) => rest = &r[i + 1..],
                None => return false,
            }
        } else {
            return false;
        }
    }
}

/// The first character of [`Content::plain_text`] that is not white space.
fn first_char(items: &[Inline]) -> Option<char> {
    items.iter().find_map(|it| match it {
        Inline::Text(t) => t.trim_start().chars().next(),
        Inline::Code(c) if c.kind == CodeKind::Hi => first_char(&c.content),
        Inline::Code(_) => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(source: &str, target: Option<&str>, state: Option<&str>) -> XUnit {
        XUnit {
            id: "1".into(),
            unit_id: "1".into(),
            resname: None,
            file: 0,
            line: 1,
            source: Content::from_text(source),
            target: target.map(Content::from_text),
            state: state.map(String::from),
            approved: false,
            translate: true,
            producer: None,
            range: None,
            changer: None,
            changed: None,
        }
    }

    #[test]
    fn states_of_xliff_12_and_2() {
        let r = Rules::default();
        assert_eq!(classify(&unit("Hola.", Some("Hello."), Some("new")), false, r), Err(Skip::NotTranslated));
        assert_eq!(
            classify(&unit("Hola.", Some("Hello."), Some("needs-review-translation")), false, r),
            Ok(Level::Translated)
        );
        assert_eq!(classify(&unit("Hola.", Some("Hello."), Some("signed-off")), false, r), Ok(Level::Reviewed));
        assert_eq!(classify(&unit("Hola.", Some("Hello."), None), false, r), Ok(Level::Translated));
        assert_eq!(classify(&unit("Hola.", Some("Hola."), None), false, r), Err(Skip::CopiedSource));
        assert_eq!(classify(&unit("Hola.", Some("Hello."), None), true, r), Err(Skip::NotTranslated));
        assert_eq!(classify(&unit("Hola.", Some("Hello."), Some("reviewed")), true, r), Ok(Level::Reviewed));
        let strict = Rules { min_level: Level::Final, ..r };
        assert_eq!(classify(&unit("Hola.", Some("Hello."), Some("reviewed")), true, strict), Err(Skip::BelowMinState));
    }

    #[test]
    fn empty_and_placeholder_only_targets_are_no_translation() {
        let r = Rules::default();
        assert_eq!(classify(&unit("Hola.", Some("  "), None), false, r), Err(Skip::EmptyTarget));
        assert_eq!(classify(&unit("Hola {0}.", Some(" {0} %1$s %d"), None), false, r), Err(Skip::CodesOnly));
        assert_eq!(classify(&unit("Hola.", None, None), false, r), Err(Skip::NoTarget));
        assert_eq!(classify(&unit("{0} de %d", Some("{0} of %d"), None), false, r), Ok(Level::Translated));
    }

    #[test]
    fn producer_status_decides_before_the_xliff_state() {
        let mut u = unit("Hola.", Some("Hello."), Some("translated"));
        u.producer = Some(ProducerStatus::Sdl(Some("Draft".into())));
        assert_eq!(classify(&u, false, Rules::default()), Err(Skip::Draft));
        assert_eq!(classify(&u, false, Rules { include_drafts: true, ..Rules::default() }), Ok(Level::Translated));
        u.producer = Some(ProducerStatus::MemoQ("NotStarted".into()));
        assert_eq!(classify(&u, false, Rules::default()), Err(Skip::NotTranslated));
    }
}
