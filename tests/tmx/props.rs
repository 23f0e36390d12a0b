//! Property tests: any model the writer is given comes back from the reader.

use crate::{read_bytes, write};
use memoria_core::content::{CodeKind, Content, Inline, InlineCode};
use memoria_core::lang::LangTag;
use memoria_core::tu::{Header, Note, Prop, Tu, Tuv};
use memoria_formats::tmx::OutputEncoding;
use proptest::prelude::*;

// ---- property tests: write then read gives the model back ----

fn text_strategy() -> impl Strategy<Value = String> {
    // Any XML-legal text, weighted towards markup characters and whitespace.
    prop::collection::vec(
        prop_oneof![
            3 => any::<char>().prop_filter("XML char", |c| memoria_formats::tmx::text::is_xml_char(*c)),
            2 => prop::sample::select(vec!['<', '>', '&', '"', '\'', ' ', '\t', '\n', '\r', ';', '#']),
            1 => Just('\u{E000}'),
        ],
        0..12,
    )
    .prop_map(|v| v.into_iter().collect())
}

fn attrs_strategy() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec(text_strategy(), 0..3)
        .prop_map(|vals| vals.into_iter().enumerate().map(|(i, v)| (format!("x-a{i}"), v)).collect())
}

fn code_strategy(inner: BoxedStrategy<Vec<Inline>>) -> impl Strategy<Value = Inline> {
    let kind = prop::sample::select(vec![
        CodeKind::Bpt,
        CodeKind::Ept,
        CodeKind::It,
        CodeKind::Ph,
        CodeKind::Hi,
        CodeKind::Sub,
        CodeKind::Ut,
    ]);
    (kind, attrs_strategy(), inner).prop_map(|(kind, attrs, content)| Inline::Code(InlineCode { kind, attrs, content }))
}

fn items_strategy() -> BoxedStrategy<Vec<Inline>> {
    let leaf = prop::collection::vec(text_strategy().prop_map(Inline::Text), 0..3).boxed();
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop::collection::vec(prop_oneof![text_strategy().prop_map(Inline::Text), code_strategy(inner)], 0..5).boxed()
    })
    .prop_map(normalise)
    .boxed()
}

/// The reader merges adjacent text runs and drops empty ones; so must the
/// generated model.
fn normalise(items: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = vec![];
    for it in items {
        match it {
            Inline::Text(t) if t.is_empty() => {}
            Inline::Text(t) => match out.last_mut() {
                Some(Inline::Text(prev)) => prev.push_str(&t),
                _ => out.push(Inline::Text(t)),
            },
            Inline::Code(mut c) => {
                c.content = normalise(c.content);
                out.push(Inline::Code(c));
            }
        }
    }
    out
}

fn tu_strategy() -> impl Strategy<Value = Tu> {
    let lang = prop::sample::select(vec!["en", "es", "es-AR", "en-US", "de-DE"]);
    let tuv = (lang, attrs_strategy(), text_strategy(), items_strategy()).prop_map(|(l, attrs, note, items)| Tuv {
        lang: LangTag::new(l).unwrap(),
        attrs,
        props: vec![Prop { ptype: "x-p".into(), attrs: vec![], value: note.clone() }],
        notes: vec![Note { attrs: vec![("xml:lang".into(), "en".into())], value: note }],
        seg: Content { items },
    });
    (attrs_strategy(), prop::collection::vec(tuv, 1..4), text_strategy()).prop_map(|(attrs, tuvs, note)| Tu {
        attrs,
        notes: vec![Note { attrs: vec![], value: note }],
        props: vec![],
        tuvs,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn write_then_read_gives_the_same_tus(tus in prop::collection::vec(tu_strategy(), 0..4), utf16 in any::<bool>()) {
        let enc = if utf16 { OutputEncoding::Utf16Le } else { OutputEncoding::Utf8 };
        let header = Header { attrs: vec![("srclang".into(), "*all*".into())], ..Header::default() };
        let (_, back, w) = read_bytes(write(&header, &tus, enc));
        prop_assert_eq!(w.total(), 0);
        prop_assert_eq!(back, tus);
    }
}
