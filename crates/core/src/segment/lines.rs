//! The line pass: which newlines of a text end a paragraph.
//!
//! Releases come one paragraph per line, hard-wrapped at 60–80 columns (with
//! or without blank lines between paragraphs), or with headings, datelines,
//! list items, contact lines and photo credits each on a line of their own.
//! Sentence rules cannot tell these apart, so this pass decides first, from
//! the layout alone, where paragraphs end; the SRX rules then split inside
//! each paragraph, where a remaining newline is plain white space.
//!
//! The wrap width W is the 90th percentile of line lengths (characters). When
//! 40 ≤ W ≤ 100 the text is taken as hard-wrapped and a newline between lines
//! A and B ends a paragraph only if
//! - B starts a list item (`•`, `1.`, `2)`, `a)`, or a dash before a capital
//!   or digit, unless A stops mid-sentence: then the dash opens a clause);
//!   (but an indented line, or one after a list item, that starts in lower
//!   case continues the line before unless that ended a sentence);
//! - A is short: A, a space and B's first word would have fitted in 0.85·W,
//!   so the writer ended A on purpose (headings, last lines, contact lines);
//! - A ends with `:` and B does not start in lower case (`…please contact:`);
//! - A looks like a heading (title case or capitals, no final punctuation) and
//!   B starts with a capital or digit;
//! - B opens with a dateline (`ROME, 5 May 2024 –`, `GENEVA –`,
//!   `BUENOS AIRES (OIM) -`); a dateline line is never a heading;
//! - A or B is a contact line (`Tel:`, `E-mail:`…) or a photo credit
//!   (`Photo:`, `Foto:`, `©`), or A ends with an e-mail address or URL and B
//!   does not start in lower case;
//! - A opens its paragraph, does not stop mid-sentence (function word, comma,
//!   hyphen) and B is short without final punctuation: A and B are entries of
//!   a list without markers (a package list), not a wrapped paragraph;
//! - A is a subtitle: it follows a heading, opens its paragraph, has no final
//!   punctuation, at least half its words capitalised or numbers and ends in a
//!   lower-case word or a number, and B starts with a capital or digit.
//!
//! Otherwise the newline is a wrap. Texts that are not hard-wrapped break at
//! every newline, unless a long line stops mid-sentence and the next starts
//! in lower case (never when the next line starts a list item). Blank lines
//! always end a paragraph.

use std::ops::Range;

/// Paragraphs of `text`: byte ranges from the first to the last non-space
/// character of a run of lines the pass keeps together.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let lines = lines(text);
    let mut lens: Vec<usize> = lines.iter().filter(|l| !l.blank).map(|l| l.chars).collect();
    let mut out = Vec::with_capacity(lines.len() / 4 + 1);
    if lens.is_empty() {
        return out;
    }
    let k = ((lens.len() * 9).div_ceil(10)).saturating_sub(1);
    let w = *lens.select_nth_unstable(k).1;
    let wrapped = (40..=100).contains(&w);
    // What each line is (list item, label, dateline), worked out once per line.
    let kinds: Vec<Kind> = if wrapped {
        lines.iter().map(|l| if l.blank { Kind::default() } else { Kind::of(&text[l.range.clone()]) }).collect()
    } else {
        Vec::new()
    };
    let mut current: Option<(Range<usize>, usize)> = None; // (range, index of its last line)
                                                           // Whether the paragraph before the current one was a heading (one line
                                                           // without final punctuation).
    let mut after_heading = false;
    for (i, line) in lines.iter().enumerate() {
        if line.blank {
            if let Some((r, _)) = current.take() {
                after_heading = false;
                out.push(r);
            }
            continue;
        }
        current = match current.take() {
            None => Some((line.range.clone(), i)),
            Some((r, last)) => {
                let a = &text[lines[last].range.clone()];
                let b = &text[line.range.clone()];
                let b_indented = line.range.start > lines[i - 1].range.end + 1 && {
                    let gap = &text[lines[i - 1].range.end..line.range.start];
                    !gap.ends_with('\n')
                };
                let breaks = if wrapped {
                    let next = lines.get(i + 1).filter(|l| !l.blank).map(|_| kinds[i + 1].first_word);
                    let first = r.start == lines[last].range.start;
                    let a_line = Wrapped { text: a, chars: lines[last].chars, kind: kinds[last], first, after_heading };
                    let b_line =
                        Wrapped { text: b, chars: line.chars, kind: kinds[i], first: false, after_heading: false };
                    ends_paragraph(&a_line, &b_line, b_indented, next, w)
                } else {
                    !continues(a, b, b_indented)
                };
                if breaks {
                    after_heading = r.start == lines[last].range.start && !ends_sentence(a) && !a.ends_with([',', ';']);
                    out.push(r);
                    Some((line.range.clone(), i))
                } else {
                    Some((r.start..line.range.end, i))
                }
            }
        };
    }
    if let Some((r, _)) = current {
        out.push(r);
    }
    out
}

struct Line {
    /// Trimmed content.
    range: Range<usize>,
    chars: usize,
    blank: bool,
}

/// The lines of `text`, a run of blank lines as one (the pass only asks
/// whether a blank line separates two lines: 10M empty lines were 10M
/// entries, 878 MB).
fn lines(text: &str) -> Vec<Line> {
    // Most texts have lines of 40 bytes or more: one allocation, usually.
    let mut out: Vec<Line> = Vec::with_capacity(text.len() / 40 + 1);
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1).chain(std::iter::once(text.len()));
    for end in ends {
        if end == start {
            break; // the text ends with a newline
        }
        let raw = &text[start..end];
        let content = trim_line(raw);
        let s = start + (content.as_ptr() as usize - raw.as_ptr() as usize);
        start = end;
        if content.is_empty() && out.last().is_some_and(|l| l.blank) {
            continue;
        }
        let chars = char_count(content);
        out.push(Line { range: s..s + content.len(), chars, blank: content.is_empty() });
    }
    out
}

/// `s.chars().count()`: the bytes that do not continue a UTF-8 sequence
/// (`10xxxxxx`), counted eight at a time.
fn char_count(s: &str) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    let bytes = s.as_bytes();
    let mut continuations = 0;
    for block in bytes.chunks(8 * 255) {
        // One counter per byte lane; at most 255 words per block.
        let mut lanes = 0u64;
        let mut words = block.chunks_exact(8);
        for w in &mut words {
            let v = u64::from_le_bytes(w.try_into().unwrap());
            lanes += (v >> 7) & !(v >> 6) & LO;
        }
        // The eight lanes summed.
        continuations += lanes.to_le_bytes().iter().map(|&l| usize::from(l)).sum::<usize>();
        continuations += words.remainder().iter().filter(|&&b| (b as i8) < -0x40).count();
    }
    bytes.len() - continuations
}

/// `raw.trim()`, quicker for the usual line: no white space at its start,
/// and `\n` or `\r\n` at its end after an ASCII character.
fn trim_line(raw: &str) -> &str {
    let b = raw.as_bytes();
    let body = b.strip_suffix(b"\n").map_or(b, |b| b.strip_suffix(b"\r").unwrap_or(b));
    match (body.first(), body.last()) {
        (Some(f), Some(l)) if f.is_ascii_graphic() && l.is_ascii_graphic() => &raw[..body.len()],
        _ => raw.trim(),
    }
}

/// What a non-blank line is, as far as the checks between lines need.
#[derive(Clone, Copy, Debug, Default)]
struct Kind {
    list_item: bool,
    label: bool,
    dateline: bool,
    /// Characters of the first word.
    first_word: usize,
}

impl Kind {
    fn of(line: &str) -> Kind {
        Kind {
            list_item: starts_list_item(line),
            label: is_label_line(line),
            dateline: starts_dateline(line),
            first_word: first_word_chars(line),
        }
    }
}

/// A line of a hard-wrapped text, with what the pass knows about it.
struct Wrapped<'a> {
    text: &'a str,
    chars: usize,
    kind: Kind,
    /// A is the first line of its paragraph.
    first: bool,
    /// The paragraph before A's was a heading.
    after_heading: bool,
}

/// Whether a line of `chars` characters, before a line whose first word is
/// `next_word` characters long, ends short of the wrap width `w`: the writer
/// ended it on purpose.
fn is_short(chars: usize, next_word: usize, w: usize) -> bool {
    (chars + 1 + next_word) * 100 < w * 85
}

fn first_word_chars(line: &str) -> usize {
    // ASCII words (the usual case) are counted in bytes.
    let b = line.as_bytes();
    match b.iter().position(|&c| !c.is_ascii_graphic()) {
        Some(i) if b[i] == b' ' || b[i] == b'\t' => i,
        None => b.len(),
        _ => line.trim_start().chars().take_while(|c| !c.is_whitespace()).count(),
    }
}

/// Whether the newline between non-blank lines A and B ends a paragraph in
/// text wrapped at `w` columns; `next` is the length (characters) of the
/// first word of the line after B when that is not blank.
fn ends_paragraph(line: &Wrapped, b_line: &Wrapped, b_indented: bool, next: Option<usize>, w: usize) -> bool {
    let (a_chars, a) = (line.chars, line.text);
    let (b_chars, b) = (b_line.chars, b_line.text);
    let b_first = b.chars().next().unwrap_or(' ');
    let b_lower = b_first.is_lowercase();
    let b_upper = b_first.is_uppercase() || b_first.is_ascii_digit();
    // A dash after a line that stops mid-sentence opens an incidental clause
    // (`4.5 million people\n– 60 per cent of them children –`), not an item.
    let dash_clause = b.starts_with(['-', '–', '—']) && !ends_sentence(a) && !line.kind.list_item;
    if (b_line.kind.list_item && !dash_clause) || line.kind.label || b_line.kind.label || b_line.kind.dateline {
        return true;
    }
    if b_lower && (b_indented || line.kind.list_item) && !ends_sentence(a) {
        // An indented or list-item continuation line.
        return false;
    }
    if is_short(a_chars, b_line.kind.first_word, w) {
        return true;
    }
    // A heading in sentence case, as French and Spanish write them
    // (`Restauration d'un serveur Debian après intrusion`): a line that opens
    // its paragraph, not after a heading, without final punctuation or a
    // comma, ending in a lower-case word, before a capital, when B's first
    // word would have fitted after it well within the wrap width (W is an
    // estimate, and not every text is wrapped at one width).
    if line.first
        && !line.after_heading
        && b_upper
        && (a_chars + 1 + b_line.kind.first_word) * 10 <= w * 9
        && !ends_sentence(a)
        && !ends_open(a)
        && !a.contains([',', ';'])
        && a.rsplit(char::is_whitespace).find(|w| !w.is_empty()).is_some_and(|w| w.starts_with(char::is_lowercase))
        && a.split_whitespace().nth(2).is_some()
    {
        return true;
    }
    if a.ends_with(':') && !b_lower {
        return true;
    }
    if b_upper && is_heading_line(a, line.kind.dateline) {
        return true;
    }
    if !b_lower && ends_with_address(a) {
        return true;
    }
    // A line that opens a paragraph and would leave its next line as a short
    // line without final punctuation is an entry of a list without markers
    // (a package list), not the first line of a wrapped paragraph.
    let b_ends_short = next.is_some_and(|n| is_short(b_chars, n, w));
    if line.first && b_ends_short && !ends_sentence(b) && !b.ends_with([',', ';']) && !ends_open(a) {
        return true;
    }
    // A subtitle: the line after a heading, without final punctuation, with at
    // least half its words capitalised or numbers, that ends in a lower-case
    // word or a number, before a line that starts a sentence.
    let subtitle = || {
        let (capital, content) = capitalised_words(a);
        capital * 2 >= content && ends_lower_or_number(a)
    };
    line.first && line.after_heading && b_upper && !ends_sentence(a) && !ends_open(a) && subtitle()
}

/// Function words and the punctuation a wrapped line stops at mid-sentence.
const SMALL: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with", "de",
    "del", "el", "la", "las", "los", "en", "y", "e", "o", "u", "para", "por", "con", "un", "una", "al", "le", "les",
    "des", "du", "et", "à", "da", "do", "das", "dos", "em", "und", "der", "die", "von", "zu", "que", "su", "sus",
    "that", "its", "their", "our", "au", "aux", "pour", "par", "sur", "dans", "avec", "qui", "ou", "leur", "leurs",
    "ces", "cette", "sa", "ses",
];

/// Ends in a function word, a comma, a semicolon or a hyphen: the line stops
/// mid-sentence.
fn ends_open(a: &str) -> bool {
    if a.ends_with([',', ';', '-', '–', '—', '(', '/']) {
        return true;
    }
    let last = a.rsplit(char::is_whitespace).next().unwrap_or("");
    is_small(last)
}

/// Whether `word`, in lower case, is one of [`SMALL`]. They are all ASCII
/// but `à`, and only ASCII letters (and `À`) lower-case to those, so no
/// allocation is needed.
fn is_small(word: &str) -> bool {
    is_small_bytes(word.as_bytes())
}

/// [`is_small`] on the UTF-8 bytes of a word.
fn is_small_bytes(bytes: &[u8]) -> bool {
    if bytes.is_empty() || bytes.len() > 8 {
        return false;
    }
    let mut key = 0u64;
    for (i, &b) in bytes.iter().enumerate() {
        let lower = match b {
            b'A'..=b'Z' => b.to_ascii_lowercase(),
            b'a'..=b'z' => b,
            // à (C3 A0) and À (C3 80)
            0xC3 if bytes.get(i + 1).is_some_and(|&n| n == 0xA0 || n == 0x80) => b,
            0xA0 | 0x80 if i > 0 && bytes[i - 1] == 0xC3 => 0xA0,
            _ => return false,
        };
        key = key << 8 | u64::from(lower);
    }
    SMALL_KEYS.binary_search(&key).is_ok()
}

/// `word` as a number: its bytes, big-endian (at most 8).
const fn word_key(word: &str) -> u64 {
    let b = word.as_bytes();
    let mut key = 0u64;
    let mut i = 0;
    while i < b.len() {
        key = key << 8 | b[i] as u64;
        i += 1;
    }
    key
}

/// [`SMALL`] as sorted [`word_key`]s.
const SMALL_KEYS: [u64; SMALL.len()] = {
    let mut keys = [0u64; SMALL.len()];
    let mut i = 0;
    while i < SMALL.len() {
        keys[i] = word_key(SMALL[i]);
        i += 1;
    }
    // Insertion sort (const context).
    let mut i = 1;
    while i < keys.len() {
        let mut j = i;
        while j > 0 && keys[j - 1] > keys[j] {
            let t = keys[j];
            keys[j] = keys[j - 1];
            keys[j - 1] = t;
            j -= 1;
        }
        i += 1;
    }
    keys
};

/// The last word starts in lower case or with a digit (`terminated`, `6th`).
fn ends_lower_or_number(a: &str) -> bool {
    let last = a.rsplit(char::is_whitespace).find(|w| !w.is_empty()).unwrap_or("");
    last.chars().next().is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
}

/// In text that is not hard-wrapped: a long line that stops mid-sentence
/// (no final punctuation) and a next line that starts in lower case are one
/// sentence broken by a stray newline.
fn continues(a: &str, b: &str, b_indented: bool) -> bool {
    // Short lines before a lower-case line are list entries without markers
    // ("such as:\nKDE 4.4.5\nan updated GNOME 2.30"), not broken sentences.
    let open_end = a.ends_with(|c: char| c.is_alphabetic() || c == ',');
    let b_lower = b.starts_with(|c: char| c.is_lowercase());
    if starts_list_item(b) {
        return false;
    }
    b_lower && ((open_end && a.chars().count() >= 80) || ((b_indented || starts_list_item(a)) && !ends_sentence(a)))
}

/// Ends with sentence-final punctuation (or a colon), closing quotes aside.
fn ends_sentence(a: &str) -> bool {
    // French spaces a closing guillemet off (`immenses. »`), often with a
    // no-break or narrow no-break space.
    a.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']', ' ', '\u{a0}', '\u{202f}'])
        .ends_with(['.', '!', '?', '…', ':'])
}

/// `•`/`·`/`▪` items, `1.`/`12)`/`1.)`/`a)` items (not `1.234`), and
/// `-`/`–`/`*` items before a capital or digit.
fn starts_list_item(b: &str) -> bool {
    // Most lines start with an ASCII letter: only `a) ` can be an item.
    match b.as_bytes().first() {
        Some(f) if f.is_ascii_uppercase() => return false,
        Some(f) if f.is_ascii_lowercase() => {
            let m = &b[1..];
            return m.starts_with(") ") || m.starts_with(")\t");
        }
        _ => {}
    }
    let mut chars = b.chars();
    let Some(c) = chars.next() else { return false };
    if matches!(c, '•' | '·' | '▪' | '◦' | '●' | '‣' | '⁃' | '■' | '□' | '➢' | '►') {
        return true;
    }
    if matches!(c, '-' | '–' | '—' | '*') {
        let rest = chars.as_str();
        if rest.trim().is_empty() {
            return true;
        }
        let after = rest.trim_start();
        return rest.len() > after.len() && after.starts_with(|n: char| n.is_uppercase() || n.is_ascii_digit());
    }
    let digits = b.bytes().take_while(u8::is_ascii_digit).count();
    let marker = if (1..=2).contains(&digits) {
        &b[digits..]
    } else if c.is_ascii_lowercase() {
        let m = &b[1..];
        return m.starts_with(") ") || m.starts_with(")\t");
    } else {
        return false;
    };
    let marker = marker.strip_prefix(".)").or_else(|| marker.strip_prefix(['.', ')']));
    marker.is_some_and(|rest| rest.starts_with(char::is_whitespace))
}

/// A dateline opens the body of a release: a place in capitals, then a
/// comma and a date (`ROME, 5 May 2024`, `CIUDAD DE MÉXICO, 5 de junio`) or a
/// dash, after the agency in parentheses or not (`GENEVA –`,
/// `BUENOS AIRES (OIM) -`).
fn starts_dateline(b: &str) -> bool {
    // Both kinds start with a capital (or a quote, stop or hyphen before
    // the capitals of the place): most lines end the test here.
    if b.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit()) {
        return false;
    }
    let caps = b
        .char_indices()
        .find(|&(_, c)| !(c.is_uppercase() || matches!(c, ' ' | '\'' | '’' | '.' | '-')))
        .map_or(b.len(), |(i, _)| i);
    let place = &b[..caps];
    if place.chars().filter(|c| c.is_uppercase()).count() < 3 {
        return starts_titled_dateline(b);
    }
    let mut rest = &b[caps..];
    let mut spaced = place.ends_with(' ');
    // The agency in parentheses: `BUENOS AIRES (OIM) –`.
    if spaced && rest.starts_with('(') {
        if let Some((close, _)) = rest.char_indices().take(40).find(|&(_, c)| c == ')') {
            rest = &rest[close + 1..];
            spaced = rest.starts_with(' ');
            rest = rest.trim_start();
        }
    }
    let dash = spaced && rest.starts_with(['–', '—', '-']);
    let dated = rest.starts_with(',') && rest.chars().take(32).any(|c| c.is_ascii_digit());
    dash || dated || starts_titled_dateline(b)
}

/// A dateline whose place is written in title case (`Ginebra, 3 de mayo de
/// 2024 –`, `Buenos Aires, 12 de marzo (OIM) –`): at most four capitalised
/// words (function words aside) before a comma, then within 48 characters a
/// day, a month name and a spaced dash.
fn starts_titled_dateline(b: &str) -> bool {
    // Cheap tests first: this runs on every line of a wrapped text.
    if !b.starts_with(char::is_uppercase) {
        return false;
    }
    let Some(comma) = memchr::memchr(b',', &b.as_bytes()[..b.len().min(41)]) else { return false };
    let titled = |w: &str| {
        w.starts_with(char::is_uppercase) || ["de", "del", "la", "las", "los", "el", "of", "the"].contains(&w)
    };
    let mut words = 0;
    for w in b[..comma].split_whitespace() {
        words += 1;
        if words > 4 || !titled(w) {
            return false;
        }
    }
    let rest = &b[comma + 1..];
    let head = &rest[..char_boundary_after(rest, 48)];
    // The first spaced dash (` – `, ` — ` or ` - `).
    let spaced_dash = |i: &usize| {
        let after = &head[*i + 1..];
        after.starts_with("– ") || after.starts_with("— ") || after.starts_with("- ")
    };
    let Some(dash) = memchr::memchr_iter(b' ', head.as_bytes()).find(spaced_dash) else { return false };
    let date = &head[..dash];
    date.contains(|c: char| c.is_ascii_digit())
        && date
            .split(|c: char| !c.is_alphabetic())
            .any(|w| crate::placeable::month_index(w).is_some() || is_french_month(w))
}

/// The byte offset of character `n` (0-based) of `s`, or `s.len()` when it
/// has at most `n` characters: `s.char_indices().nth(n)`, on bytes.
fn char_boundary_after(s: &str, n: usize) -> usize {
    let mut seen = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if (b as i8) >= -0x40 {
            if seen == n {
                return i;
            }
            seen += 1;
        }
    }
    s.len()
}

/// A French month name (`mars`, `Décembre`), for datelines such as
/// `Genève, 12 mars 2024 –`.
fn is_french_month(w: &str) -> bool {
    let months = &crate::placeable::MONTHS_FR;
    w.len() <= 9 && months.iter().any(|m| m.eq_ignore_ascii_case(w) || w.to_lowercase() == *m)
}

/// Whether `bytes` holds `byte`: eight bytes at a time (quicker than a
/// call to `memchr` on the few bytes of a line's head).
fn has_byte(bytes: &[u8], byte: u8) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let v = u64::from_le_bytes(w.try_into().unwrap()) ^ (LO * u64::from(byte));
        // A zero byte of `v` is a byte equal to `byte`.
        if v.wrapping_sub(LO) & !v & HI != 0 {
            return true;
        }
    }
    words.remainder().contains(&byte)
}

/// Contact lines and photo credits: `Tel:`, `E-mail:`, `Photo:`, `©`…
fn is_label_line(line: &str) -> bool {
    if line.starts_with('©') || line.starts_with("(c) ") || line.starts_with("(C) ") {
        return true;
    }
    // Labels are one short word before a colon: most lines end the test here.
    let head = &line.as_bytes()[..line.len().min(24)];
    let credit =
        head.len() >= 5 && (head[..5].eq_ignore_ascii_case(b"photo") || head[..4].eq_ignore_ascii_case(b"foto"));
    if !credit && !has_byte(head, b':') {
        return false;
    }
    let word_len = line.find(|c: char| !(c.is_alphabetic() || c == '-')).unwrap_or(line.len());
    if word_len == 0 || word_len > 12 {
        return false;
    }
    let word = line[..word_len].to_lowercase();
    let rest = line[word_len..].trim_start_matches('.').trim_start();
    const LABELS: &[&str] = &[
        "tel",
        "tél",
        "teléfono",
        "telefone",
        "telephone",
        "phone",
        "mobile",
        "móvil",
        "celular",
        "cell",
        "courriel",
        "téléphone",
        "portable",
        "télécopie",
        "fax",
        "email",
        "e-mail",
        "correo",
        "mail",
        "web",
        "website",
        "twitter",
        "skype",
        "whatsapp",
        "photo",
        "photos",
        "foto",
        "fotos",
        "fotografía",
        "photograph",
        "image",
        "imagen",
        "credit",
        "crédito",
        "créditos",
    ];
    (rest.starts_with(':') && LABELS.contains(&word.as_str()))
        || ((word == "photo" || word == "foto") && rest.to_lowercase().starts_with("credit"))
}

/// Line `a` as a heading (see [`is_heading_line`]).
#[cfg(test)]
fn is_heading(a: &str) -> bool {
    is_heading_line(a, starts_dateline(a))
}

/// A line without final punctuation whose words are capitalised (short
/// function words aside) or all in capitals, and which does not end in a
/// function word, and is not a dateline (`dateline`: [`starts_dateline`] of
/// it, known already): a heading, not a wrapped sentence.
fn is_heading_line(a: &str, dateline: bool) -> bool {
    if a.ends_with(['.', ',', ';', ':', '!', '?', '…', '-', '–']) || dateline {
        return false;
    }
    if a.split_whitespace().nth(1).is_none() || ends_open(a) {
        return false;
    }
    let (capital, content) = capitalised_words(a);
    content >= 2 && capital * 10 >= content * 9
}

/// (capitalised or numeric words, words) of `a`, function words aside.
fn capitalised_words(a: &str) -> (usize, usize) {
    let mut content = 0;
    let mut capital = 0;
    if a.is_ascii() {
        // The same, on bytes (ASCII white space is the six below).
        let space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
        for w in a.as_bytes().split(space) {
            let Some(start) = w.iter().position(u8::is_ascii_alphanumeric) else { continue };
            let end = w.iter().rposition(u8::is_ascii_alphanumeric).map_or(start, |e| e + 1);
            if is_small_bytes(&w[start..end]) {
                continue;
            }
            content += 1;
            if w[start].is_ascii_uppercase() || w[start].is_ascii_digit() {
                capital += 1;
            }
        }
        return (capital, content);
    }
    // Words split at ASCII white space (on bytes) are the words of
    // `split_whitespace` unless the line holds other white space (U+0085,
    // U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F,
    // U+3000, all led by one of these four bytes).
    let mut count = |w: &str| {
        let Some((start, first)) = w.char_indices().find(|(_, c)| c.is_alphanumeric()) else { return };
        let end = w.char_indices().rev().find(|(_, c)| c.is_alphanumeric()).map_or(start, |(i, c)| i + c.len_utf8());
        if is_small(&w[start..end]) {
            return;
        }
        content += 1;
        if first.is_uppercase() || first.is_ascii_digit() {
            capital += 1;
        }
    };
    let lead = |b: &u8| matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3);
    if a.as_bytes().iter().any(lead) && a.chars().any(|c| !c.is_ascii() && c.is_whitespace()) {
        a.split_whitespace().for_each(count);
    } else {
        let space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
        let mut at = 0;
        for w in a.as_bytes().split(space) {
            // `w` lies between ASCII bytes (or the line's ends): whole characters.
            if !w.is_empty() {
                count(&a[at..at + w.len()]);
            }
            at += w.len() + 1;
        }
    }
    (capital, content)
}

/// Ends with an e-mail address or a URL (a contact line).
fn ends_with_address(a: &str) -> bool {
    let last = a.rsplit(char::is_whitespace).find(|w| !w.is_empty()).unwrap_or("").as_bytes();
    last.contains(&b'@') || last.windows(3).any(|w| w == b"://") || last.starts_with(b"www.")
}

#[cfg(test)]
#[path = "lines_tests.rs"]
mod tests;
