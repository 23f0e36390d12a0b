//! Where a byte offset of a text is, as a person counts: 1-based line and
//! column, the column in characters.

/// 1-based line and column (counted in characters) of byte `offset` in `text`.
/// `\r\n` and `\n` end lines; an offset past the end is the end.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_counts_characters() {
        assert_eq!(line_col("añb", 3), (1, 3));
        assert_eq!(line_col("a\r\nb", 3), (2, 1));
    }
}
