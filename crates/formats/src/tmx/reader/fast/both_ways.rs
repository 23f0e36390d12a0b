//! The fast path of [`super`] reads odd, long,
//! re-encoded and mutated TMX exactly as quick-xml alone does.

use crate::tmx::{xorshift, ReadOptions, TmxReader};

/// Everything a read gives (header, TUs, warnings, or the error), with
/// the fast path on or off.
pub(super) fn read_max(bytes: &[u8], strict: bool, fast: bool, max_segment_bytes: usize) -> String {
    let opts = ReadOptions { strict, max_segment_bytes };
    let mut r = match TmxReader::from_bytes(bytes.to_vec(), "t.tmx", opts) {
        Ok(r) => r,
        Err(e) => return format!("error {e}"),
    };
    r.p.fast = fast;
    let mut out = format!("{:?}\n", r.header());
    loop {
        match r.next_tu() {
            Ok(Some(tu)) => out.push_str(&format!("{tu:?}\n")),
            Ok(None) => break,
            Err(e) => {
                out.push_str(&format!("error {e}\n"));
                break;
            }
        }
    }
    out + &format!("{:?}", r.warnings())
}

/// The bytes of every TMX file of `../shared/corpus/tmx` and `samples/tmx`.
pub(super) fn corpus_files() -> Vec<Vec<u8>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = vec![];
    for dir in ["../shared/corpus/tmx", "samples/tmx"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "tmx") {
                files.push(std::fs::read(&p).unwrap());
            }
        }
    }
    files
}

fn same_both_ways(bytes: &[u8]) {
    same_both_ways_max(bytes, ReadOptions::default().max_segment_bytes)
}

fn same_both_ways_max(bytes: &[u8], max: usize) {
    for strict in [false, true] {
        let (fast, slow) = (read_max(bytes, strict, true, max), read_max(bytes, strict, false, max));
        if fast != slow {
            let (f, s) = (fast.lines().collect::<Vec<_>>(), slow.lines().collect::<Vec<_>>());
            let i = f.iter().zip(&s).position(|(a, b)| a != b).unwrap_or(f.len().min(s.len()));
            panic!(
                "strict {strict}: differ at line {i}:\nfast: {:.600}\nslow: {:.600}\ninput: {:.300}",
                f.get(i).unwrap_or(&""),
                s.get(i).unwrap_or(&""),
                String::from_utf8_lossy(&bytes[..bytes.len().min(300)])
            );
        }
    }
}

const HEAD: &str = "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n";

#[test]
fn odd_tus_read_the_same_both_ways() {
    let deep = format!("{}x{}", "<g id='1'>".repeat(40), "</g>".repeat(40));
    let deep31 = format!("{}x{}", "<g id='1'>".repeat(29), "</g>".repeat(29));
    let many: String = (0..20).map(|i| format!(" a{i}=\"{i}\"")).collect();
    let bodies = [
        "<tu tuid=\"1\"a=\"2\"><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu>".to_string(),
        "<tu tuid = \"1\" ><tuv\txml:lang\n=\n'en'\r\n><seg>a</seg ></tuv></tu>".to_string(),
        "<tu tuid=\"a&gt;b&#x3e;&#62;&amp;&quot;&apos;&lt;\"><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu>".into(),
        "<tu tuid=\">\" x='\"'><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu>".into(),
        "<tu tuid=\"&#0;&#xD800;&#1114112;&#x110000;&#;&#x;&amp\"><tuv xml:lang=\"en\"><seg>&#0;&#xD800;&#1114112;&#65535;&#xFFFE;</seg></tuv></tu>".into(),
        format!("<tu{many}><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu>"),
        "<tu a=\"1\" a=\"1\"><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu>".into(),
        "<tu><tuv xml:lang=\"en\" xml:lang=\"fr\"><seg>a</seg></tuv></tu>".into(),
        "<tu><tuv lang=\"en\" xml:lang=\"fr\"><seg>a</seg></tuv></tu>".into(),
        format!("<tu><tuv xml:lang=\"en\"><seg>{deep}</seg></tuv></tu>"),
        format!("<tu><tuv xml:lang=\"en\"><seg>{deep31}</seg></tuv></tu>"),
        "<TU><TUV XML:LANG=\"en\"><SEG>a</SEG></TUV></TU>".into(),
        "<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv></TU>".into(),
        "<tu><tuv xml:lang=\"en\"><seg>é</seg></tuv><tuv xml:lang=\"en\"><seg>ü</seg></tuv></tu>".into(),
        "<tu>x<tuv xml:lang=\"en\"><seg>a</seg></tuv>y</tu>".into(),
        "<tu><tuv xml:lang=\"en\"><seg>a]]>b > c</seg></tuv></tu>".into(),
        "<tu\n><tuv xml:lang=\"en\"><seg/></tuv></tu>".into(),
        "<tu><tuv xml:lang=\"en\"/></tu>".into(),
        "<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu><tu><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu>".into(),
        "<tu><tuv xml:lang=\"en\"><seg><ph/ >a</seg></tuv></tu>".into(),
        "<tu><tuv xml:lang=\"en\"><seg><ph x=1/>a</seg></tuv></tu>".into(),
        "<tu><tuv xml:lang=\"en\"><seg><ph x=\"1\"y=\"2\"/>a</seg></tuv></tu>".into(),
        "<tu><tuv xml:lang=\"en\"><seg><bpt i=\"1\">x</bpt><ept i=\"1\">y</ept><ph><sub>s<ph>t</ph></sub></ph></seg></tuv></tu>".into(),
        "<tu><tuv xml:lang=\"en\"><seg>a</seg><seg>b</seg></tuv></tu>".into(),
        "<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv><tuv><seg>b</seg></tuv></tu>".into(),
        "<tu tuid=\"1\"><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu><tu tuid=\"1\"><tuv xml:lang=\"en\"><seg>b</seg></tuv></tu>".into(),
        "<tu tuid=\"\"><tuv xml:lang=\"\"><seg>a</seg></tuv></tu>".into(),
        "<tu creationdate=\"2020\" usagecount=\"x\" changedate=\"20200101T000000Z\"><tuv xml:lang=\"en\" creationdate=\"x\"><seg>a</seg></tuv></tu>".into(),
        "<tu><prop type=\"x-a\">v&amp;</prop><prop>w</prop><note>n\r\nm</note><tuv xml:lang=\"en\"><prop type=\"t\"/><seg>a</seg></tuv></tu>".into(),
        "<tu><tuv xml:lang=\"en\"><seg>\u{1}\u{7f}\u{85}\u{fffe}\u{ffff}\t\r\r\n</seg></tuv></tu>".into(),
        "<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv><ude/></tu>".into(),
        "<tu><tuv xml:lang=\"en\"><seg>a<hi type=\"x\">b<it pos=\"end\"/></hi><ut>u</ut></seg></tuv></tu>".into(),
        "<tu:x><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu:x>".into(),
        "<tu\u{a0}><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu\u{a0}>".into(),
        "<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu\u{a0}>".into(),
        "<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu>\u{a0}".into(),
        "<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu></body><body><tu><tuv xml:lang=\"en\"><seg>b</seg></tuv></tu>".into(),
        "<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu></tmx><tu><tuv xml:lang=\"en\"><seg>b</seg></tuv></tu>".into(),
        "<tu><tuv xml:lang=\"en\"><seg>a<tu><tuv xml:lang=\"en\"><seg>b</seg></tuv></tu></seg></tuv></tu>".into(),
        "<tu><tuv xml:lang=\"en\"><tu><tuv xml:lang=\"en\"><seg>b</seg></tuv></tu><seg>a</seg></tuv></tu>".into(),
        "<tu><tu><tuv xml:lang=\"en\"><seg>b</seg></tuv></tu><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu>".into(),
        "<tu><note><tu><tuv xml:lang=\"en\"><seg>b</seg></tuv></tu></note><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu>".into(),
        "<tu><!-- c --><tu><tuv xml:lang=\"en\"><seg>b</seg></tuv></tu><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu>".into(),
    ];
    for body in &bodies {
        for tail in ["\n</body></tmx>\n", "", "\n</body>", "</body></tmx><tu/>"] {
            same_both_ways(format!("{HEAD}{body}{tail}").as_bytes());
            same_both_ways(format!("{HEAD}  \n{body}\n{body}{tail}").as_bytes());
            same_both_ways(format!("{HEAD}<!-- x -->{body}{tail}").as_bytes());
            same_both_ways(format!("{HEAD}junk{body}{tail}").as_bytes());
        }
    }
}

#[test]
fn multibyte_text_at_every_offset_reads_the_same_both_ways() {
    for pre in 0..34 {
        for ch in ["é", "€", "😀", "\u{fffe}", "&amp;", "\r\n", "\u{1}"] {
            let text = format!("{}{ch}{}", "a".repeat(pre), "b".repeat(34 - pre));
            let body = format!("<tu a{pre}=\"{text}\"><tuv xml:lang=\"en\"><seg>{text}</seg></tuv></tu>");
            same_both_ways(format!("{HEAD}{body}</body></tmx>").as_bytes());
        }
    }
}

#[test]
fn invalid_utf8_inside_a_tu_reads_the_same_both_ways() {
    for bad in [&[0xFFu8][..], &[0xC3], &[0xE2, 0x82], &[0xED, 0xA0, 0x80], &[0xC0, 0xAF], &[0xF4, 0x90, 0x80, 0x80]] {
        for at in ["seg", "attr", "name"] {
            let mut b = HEAD.as_bytes().to_vec();
            b.extend_from_slice(b"<tu><tuv xml:lang=\"en\"><seg>");
            match at {
                "seg" => {
                    b.extend_from_slice(b"ab");
                    b.extend_from_slice(bad);
                    b.extend_from_slice(b"cd</seg>");
                }
                "attr" => {
                    b.extend_from_slice(b"x<ph x=\"");
                    b.extend_from_slice(bad);
                    b.extend_from_slice(b"\"/></seg>");
                }
                _ => {
                    b.extend_from_slice(b"x<ph");
                    b.extend_from_slice(bad);
                    b.extend_from_slice(b"/></seg>");
                }
            }
            b.extend_from_slice(b"</tuv></tu><tu><tuv xml:lang=\"en\"><seg>z</seg></tuv></tu></body></tmx>");
            same_both_ways(&b);
        }
    }
}

/// Encodings other than UTF-8: windows-1252 and UTF-16 (both byte
/// orders, with a BOM), with TUs that the fast path takes.
#[test]
fn other_encodings_read_the_same_both_ways() {
    let body = "<tu tuid=\"1\"><tuv xml:lang=\"en\"><seg>caf\u{e9} \u{20ac}5 &amp; <ph x=\"1\">&lt;b&gt;</ph></seg></tuv></tu>\n";
    let xml = format!("<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n{}{body}</body></tmx>", body.repeat(3));
    let (cp, _, _) = encoding_rs::WINDOWS_1252.encode(&xml);
    same_both_ways(&cp);
    let xml16 = xml.replace("windows-1252", "UTF-16");
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in xml16.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    same_both_ways(&le);
    same_both_ways(&be);
    // Odd length UTF-16 (cut in a code unit) and an unpaired surrogate.
    le.push(0x41);
    same_both_ways(&le);
    let mut bad = vec![0xFF, 0xFE];
    for u in xml16.encode_utf16().chain([0xD800, 0x41]) {
        bad.extend_from_slice(&u.to_le_bytes());
    }
    same_both_ways(&bad);
}

/// TUs of every size around the 1 MiB refill of the window.
#[test]
fn tus_across_the_window_refill_read_the_same_both_ways() {
    for (pad, size) in [(0usize, 10usize), (1, 100), (7, 1000), (13, 50_000), (3, 700_000)] {
        let mut body = String::new();
        let mut i = 0;
        while body.len() < (2 << 20) + 300_000 {
            let seg = "é".repeat((i * 37 + pad) % size + 1);
            body.push_str(&format!(
                "<tu tuid=\"{i}\"><tuv xml:lang=\"en\"><seg>{seg}<ph x=\"{i}\">&lt;b></ph>\u{1}</seg></tuv></tu>{}",
                " ".repeat(i % 5)
            ));
            i += 1;
        }
        same_both_ways(format!("{HEAD}{body}</body></tmx>").as_bytes());
    }
}

/// A TU longer than the window (many TUVs, notes, props), and segments
/// over a small limit, between usual TUs, nested 31 to 34 deep.
#[test]
fn long_and_deep_tus_read_the_same_both_ways() {
    let usual = "<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu>\n";
    let tuvs: String =
        (0..40_000).map(|i| format!("<tuv xml:lang=\"en\"><seg>s{i}</seg></tuv><note>n</note>")).collect();
    for max in [100, 2000, 1 << 20] {
        let long = format!("<tu>{tuvs}</tu>\n");
        let over = format!("<tu><tuv xml:lang=\"en\"><seg>{}</seg></tuv></tu>\n", "x".repeat(150));
        same_both_ways_max(format!("{HEAD}{}{long}{usual}{over}{usual}</body></tmx>", usual.repeat(3)).as_bytes(), max);
    }
    for n in 27..32 {
        let deep = format!("{}x{}", "<g id='1'>".repeat(n), "</g>".repeat(n));
        same_both_ways(
            format!("{HEAD}<tu><tuv xml:lang=\"en\"><seg>{deep}</seg></tuv></tu>{usual}</body></tmx>").as_bytes(),
        );
    }
}

/// Every corpus TMX with a few bytes changed (markup pieces inserted,
/// bytes deleted or replaced), read both ways, strict and not.
#[test]
fn mutated_corpus_files_read_the_same_both_ways() {
    let files = corpus_files();
    let pieces: [&[u8]; 22] = [
        b"<",
        b">",
        b"/",
        b"\"",
        b"'",
        b"&",
        b"&#",
        b";",
        b"\xff",
        b"\xc3",
        b"\xe2\x82",
        b"<tu>",
        b"</tu>",
        b"<!--",
        b"-->",
        b" ",
        b"\n",
        b"\r",
        b"=",
        b"\x00",
        b"</seg>",
        b"<g>",
    ];
    let mut next = xorshift(0x2545_F491_4F6C_DD1D);
    for round in 0..40 {
        for f in &files {
            let mut d = f.clone();
            for _ in 0..1 + round % 4 {
                let at = next(d.len() + 1);
                match next(3) {
                    0 => {
                        let piece = pieces[next(pieces.len())];
                        d.splice(at..at, piece.iter().copied());
                    }
                    1 => {
                        let end = (at + 1 + next(20)).min(d.len());
                        d.drain(at.min(end)..end);
                    }
                    _ if at < d.len() => d[at] = next(256) as u8,
                    _ => {}
                }
            }
            same_both_ways(&d);
        }
    }
}

/// A file of usual TUs past two window refills, changed by a few bytes near
/// the refill offsets (1 MiB and 2 MiB of the decoded stream, and where the
/// carried rest may end), read both ways.
#[test]
fn files_changed_near_the_window_refills_read_the_same_both_ways() {
    let mut body = String::from(HEAD);
    let mut i = 0;
    while body.len() < (5 << 20) / 2 {
        body.push_str(&format!(
            "<tu tuid=\"{i}\"><tuv xml:lang=\"en\"><seg>año {i} <ph x=\"1\">&lt;b&gt;</ph> € {}</seg></tuv></tu>\n",
            "x".repeat(i % 97)
        ));
        i += 1;
    }
    body.push_str("</body></tmx>\n");
    let pieces: [&[u8]; 10] = [b"<", b">", b"\"", b"&", b"\xff", b"<!--", b"</tu>", b"<tu>", b"\xc3", b" "];
    let mut next = xorshift(0x5DEE_CE66_D1CE_4E5B);
    for _ in 0..ROUNDS {
        let mut d = body.clone().into_bytes();
        let near = [1usize << 20, 2 << 20, (1 << 20) + (64 << 10), (2 << 20) + (64 << 10)][next(4)];
        let at = near - 3000 + next(6000);
        match next(3) {
            0 => {
                d.splice(at..at, pieces[next(pieces.len())].iter().copied());
            }
            1 => {
                d.drain(at..at + 1 + next(40));
            }
            _ => d[at] = next(256) as u8,
        }
        same_both_ways(&d);
    }
}

/// Changed files read by [`files_changed_near_the_window_refills_read_the_same_both_ways`].
const ROUNDS: usize = 40;
