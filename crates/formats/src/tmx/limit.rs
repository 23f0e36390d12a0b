//! Size limits of the TMX reader, so that a hostile or broken file cannot
//! make it buffer without bound.
//!
//! The XML parser holds the input in a window of memory that keeps the
//! limit plus 64 KiB ahead of each event (`reader/events.rs`): a text run,
//! tag or whitespace run that does not fit fails the read, whatever the
//! file's size. The reader also stops a `<seg>` whose content (text and
//! inline codes, as written in the file) exceeds the same limit, and inline
//! codes nested more than [`MAX_INLINE_DEPTH`] deep.

/// Default of [`super::ReadOptions::max_segment_bytes`] and of
/// `memoria import --max-segment-bytes`: 1 MiB.
pub const DEFAULT_MAX_SEGMENT_BYTES: usize = 1 << 20;

/// Deepest nesting of inline codes (`<bpt>`, `<sub>`, `<hi>`, …) inside one
/// `<seg>`. Real TMX files nest two or three levels; the limit keeps every
/// recursive walk over a segment (matching, JSON in the store) far from
/// the stack's end and within serde_json's recursion limit of 128.
pub const MAX_INLINE_DEPTH: usize = 32;
