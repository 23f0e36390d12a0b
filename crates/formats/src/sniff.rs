//! What a file is, from its first bytes: the name of its root element
//! (after the byte-order mark, the XML declaration, comments and a DOCTYPE,
//! in whatever encoding the head declares), or the magic number of a
//! package (zip, PDF, OLE). Never from the file's name.

/// What the first bytes of a file show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sniffed {
    /// An XML document whose root element has this local name (`tmx`,
    /// `xliff`, `martif`, `tbx`, `html`).
    Xml(String),
    /// A zip archive (DOCX, ODT, XLSX…).
    Zip,
    /// A PDF document.
    Pdf,
    /// An OLE compound file (a legacy `.doc`, `.xls`).
    Ole,
    /// An image: its format (`PNG`, `JPEG`, `GIF`, `TIFF`, `BMP`, `WebP`).
    Image(&'static str),
    /// Anything else (plain text, a binary).
    Other,
}

/// The format of an image from its magic number (PNG, JPEG, GIF, TIFF, BMP,
/// WebP), `None` for anything else.
pub fn image_format(head: &[u8]) -> Option<&'static str> {
    const MAGIC: [(&[u8], &str); 7] = [
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"\xFF\xD8\xFF", "JPEG"),
        (b"GIF87a", "GIF"),
        (b"GIF89a", "GIF"),
        (b"II*\0", "TIFF"),
        (b"MM\0*", "TIFF"),
        (b"BM", "BMP"),
    ];
    if head.starts_with(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        return Some("WebP");
    }
    // BMP's two-letter magic is checked with its header size field (a
    // text starting "BM" is not an image).
    MAGIC
        .iter()
        .find(|(m, f)| {
            head.starts_with(m)
                && (*f != "BMP" || head.get(14).is_some_and(|&b| b == 40 || b == 12 || b == 108 || b == 124))
        })
        .map(|(_, f)| *f)
}

/// Bytes [`sniff`] needs at most.
pub const HEAD: usize = 4096;

/// Tells what `head` (the first [`HEAD`] bytes of a file, or all of it) is.
pub fn sniff(head: &[u8]) -> Sniffed {
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Sniffed::Zip;
    }
    if head.starts_with(b"%PDF-") {
        return Sniffed::Pdf;
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Sniffed::Ole;
    }
    if let Some(format) = image_format(head) {
        return Sniffed::Image(format);
    }
    let det = crate::tmx::decode::detect(head);
    let (text, _, _) = det.encoding.decode(&head[det.bom_len..]);
    let mut rest = text.trim_start_matches('\u{FEFF}');
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<?") {
            match r.find("?>") {
                Some(end) => rest = &r[end + 2..],
                None => return Sniffed::Other,
            }
        } else if let Some(r) = rest.strip_prefix("<!--") {
            match r.find("-->") {
                Some(end) => rest = &r[end + 3..],
                None => return Sniffed::Other,
            }
        } else if let Some(r) = rest.strip_prefix("<!") {
            // A DOCTYPE (with an internal subset, possibly).
            let end = match r.find('[') {
                Some(open) if open < r.find('>').unwrap_or(usize::MAX) => r.find("]>").map(|e| e + 2),
                _ => r.find('>').map(|e| e + 1),
            };
            match end {
                Some(e) => rest = &r[e..],
                None => return Sniffed::Other,
            }
        } else if let Some(r) = rest.strip_prefix('<') {
            let name: String = r.chars().take_while(|c| !c.is_whitespace() && !matches!(c, '>' | '/')).collect();
            if name.is_empty() {
                return Sniffed::Other;
            }
            let local = name.rsplit(':').next().unwrap_or(&name);
            return Sniffed::Xml(local.to_ascii_lowercase());
        } else {
            return Sniffed::Other;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_elements_and_magic_numbers() {
        assert_eq!(sniff(b"<?xml version=\"1.0\"?>\n<!-- x -->\n<tmx version=\"1.4\">"), Sniffed::Xml("tmx".into()));
        assert_eq!(
            sniff(b"\xEF\xBB\xBF<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">"),
            Sniffed::Xml("xliff".into())
        );
        let utf16: Vec<u8> = "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-16\"?><xliff>"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(sniff(&utf16), Sniffed::Xml("xliff".into()));
        assert_eq!(sniff(b"<!DOCTYPE html>\n<html><p>x"), Sniffed::Xml("html".into()));
        assert_eq!(sniff(b"<!DOCTYPE tmx [ <!ENTITY a \"b\"> ]><tmx>"), Sniffed::Xml("tmx".into()));
        assert_eq!(sniff(b"PK\x03\x04rest"), Sniffed::Zip);
        assert_eq!(sniff(b"%PDF-1.7"), Sniffed::Pdf);
        assert_eq!(sniff("El proyecto Debian.".as_bytes()), Sniffed::Other);
    }
}
