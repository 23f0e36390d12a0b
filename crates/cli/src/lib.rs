//! The memoria command-line tool: clap, terminal output and exit codes over
//! the library crates (memoria-core, memoria-formats, memoria-store,
//! memoria-leverage).
//!
//! Each subcommand is one file in [`cmd`]; [`config`] resolves the settings
//! (`memoria.toml`, `MEMORIA_*` variables, flags) into the commands' options
//! before they run; [`input`] reads release files as
//! the commands' flags say; [`report`] writes `check`'s findings as text,
//! JSON, SARIF, JUnit or GitHub annotations; [`output`] is the one path of
//! every `-o FILE` and of standard output and error (checked writes, files
//! replaced whole). No matching, segmentation or format logic lives here.

#[macro_use]
pub mod output;
pub mod cmd;
pub mod config;
pub mod input;
pub mod report;
