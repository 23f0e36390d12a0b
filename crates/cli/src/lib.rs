//! The memoria command-line tool: file formats (TMX, XLIFF), reports and the
//! subcommands that drive memoria-core and memoria-store.
//!
//! Each subcommand is one file in [`cmd`]; [`tmx`] reads and writes TMX 1.4b;
//! [`xliff`] writes XLIFF 1.2/2.1 and reads it back; [`leverage`] asks the TM
//! for every unit of a release. No matching or segmentation logic lives here.

pub mod analysis;
pub mod cmd;
pub mod input;
pub mod leverage;
pub mod qa;
pub mod report;
pub mod tmx;
pub mod xliff;
