//! Where a command's output goes, written safely: the one path for every
//! `-o FILE` and for standard output.
//!
//! - `-o FILE` naming a regular file (or nothing yet): the output goes into a
//!   temporary file created exclusively (`O_CREAT|O_EXCL`, so never through a
//!   symlink planted at its name) with an unpredictable name beside the
//!   target (`.NAME.XXXXXX.part`, by the `tempfile` crate), given the
//!   target's permissions (and owner, where allowed), then renamed over the
//!   target: the target is replaced whole or not at all. On an error the
//!   temporary file is removed; on SIGINT, SIGTERM or SIGHUP too (a handler
//!   thread of `signal-hook` removes every temporary file still open, then
//!   ends the process as the signal would have).
//!   A target that is a symlink is replaced by the new file (the link itself,
//!   as `rename` does), never written through.
//! - `-o` naming a character or block device, a FIFO or a socket (also through
//!   a symlink such as `/proc/self/fd/1`), or `-o -`: the output is written
//!   into it (standard output for `-`), as a stream.
//! - Standard output: every write is checked; an error (a full disk, a closed
//!   descriptor) is returned with the destination in words, never a panic. A
//!   closed pipe ends the process quietly (SIGPIPE, see `main.rs`).
//!
//! Messages on standard error go through [`msg!`](crate::msg): a failed write
//! is remembered ([`stderr_failed`]) and turns a success into exit 2.

use anyhow::{anyhow, Context, Result};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, Once};

/// The temporary files not yet renamed over their target: removed by the
/// signal handler thread.
static TEMPORARY: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A write to standard error failed (see [`msg!`](crate::msg)).
static STDERR_FAILED: AtomicBool = AtomicBool::new(false);

/// Size of the write buffer in front of a file or standard output.
const BUFFER: usize = 64 * 1024;

/// A command's output: standard output, a stream (device, FIFO) or a file
/// replaced whole at [`Output::finish`]. Implements [`Write`]; its errors are
/// `io::Error`s, to be given context with [`Output::write_error`].
pub struct Output {
    sink: Sink,
    /// What the output is, for messages: `standard output` or the path.
    name: String,
}

enum Sink {
    Stdout(BufWriter<io::Stdout>),
    Stream(BufWriter<File>),
    Replace { w: BufWriter<tempfile::NamedTempFile>, target: PathBuf, _registered: Registered },
}

/// A temporary file's entry in [`TEMPORARY`], taken out when dropped (the
/// file itself is removed by `NamedTempFile`'s drop, unless renamed).
struct Registered(PathBuf);

impl Drop for Registered {
    fn drop(&mut self) {
        lock(&TEMPORARY).retain(|p| *p != self.0);
    }
}

impl Output {
    /// Standard output.
    pub fn stdout() -> Output {
        Output { sink: Sink::Stdout(BufWriter::with_capacity(BUFFER, io::stdout())), name: "standard output".into() }
    }

    /// The output `-o` names: standard output for `None` or `-`; a device,
    /// FIFO or socket is opened and written into; anything else gets a
    /// temporary file beside it, renamed over it by [`Output::finish`].
    pub fn create(path: Option<&Path>) -> Result<Output> {
        let Some(path) = path.filter(|p| p.as_os_str() != "-") else { return Ok(Output::stdout()) };
        let name = path.display().to_string();
        // The type of what the path leads to (through links): a stream is
        // written into, never replaced.
        if let Ok(m) = std::fs::metadata(path) {
            use std::os::unix::fs::FileTypeExt;
            let t = m.file_type();
            if t.is_dir() {
                return Err(anyhow!("{name}: is a directory; expected a file to write"));
            }
            if t.is_char_device() || t.is_block_device() || t.is_fifo() || t.is_socket() {
                let f = std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map_err(|e| anyhow!("{name}: cannot open for writing: {}", io_words(&e)))?;
                return Ok(Output { sink: Sink::Stream(BufWriter::with_capacity(BUFFER, f)), name });
            }
        }
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let file_name = path.file_name().ok_or_else(|| anyhow!("{name}: not a file name"))?.to_string_lossy();
        // The target's permissions and owner when it is a regular file (not
        // a link: a link is replaced, and its target's mode is not its own).
        let existing = std::fs::symlink_metadata(path).ok().filter(|m| m.is_file());
        let mut builder = tempfile::Builder::new();
        let prefix = format!(".{file_name}.");
        builder.prefix(&prefix).suffix(".part");
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        // A new file gets what `File::create` gives (0666 less the umask).
        builder.permissions(std::fs::Permissions::from_mode(0o666));
        install_cleanup();
        let mut registry = lock(&TEMPORARY);
        let tmp = builder
            .tempfile_in(dir)
            .map_err(|e| anyhow!("{name}: cannot create a temporary file in {}: {}", dir.display(), io_words(&e)))?;
        registry.push(tmp.path().to_path_buf());
        drop(registry);
        let registered = Registered(tmp.path().to_path_buf());
        let out = Output {
            sink: Sink::Replace {
                w: BufWriter::with_capacity(BUFFER, tmp),
                target: path.to_path_buf(),
                _registered: registered,
            },
            name,
        };
        if let (Some(m), Sink::Replace { w, .. }) = (&existing, &out.sink) {
            let f = w.get_ref().as_file();
            f.set_permissions(std::fs::Permissions::from_mode(m.mode() & 0o7777))
                .map_err(|e| anyhow!("{}: cannot give the new file its permissions: {}", out.name, io_words(&e)))?;
            // Only root may give a file away; others keep their own file.
            let _ = std::os::unix::fs::fchown(f, Some(m.uid()), Some(m.gid()));
        }
        Ok(out)
    }

    /// What the output is, for messages (`standard output` or the path).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The error of a failed write, with the output named and the cause in
    /// words (`disk full`).
    pub fn write_error(&self, e: &io::Error) -> anyhow::Error {
        anyhow!("{}: cannot write: {}", self.name, io_words(e))
    }

    /// Writes `s`, the error naming the output.
    pub fn put(&mut self, s: &str) -> Result<()> {
        self.put_bytes(s.as_bytes())
    }

    /// Writes `bytes` (a document: a Word package), the error naming the output.
    pub fn put_bytes(&mut self, bytes: &[u8]) -> Result<()> {
        self.write_all(bytes).map_err(|e| self.write_error(&e))
    }

    /// Flushes everything and, for a file, puts it in place of the target:
    /// until this returns `Ok`, the target is untouched.
    pub fn finish(self) -> Result<()> {
        let name = self.name;
        let failed = |e: &io::Error| anyhow!("{name}: cannot write: {}", io_words(e));
        match self.sink {
            Sink::Stdout(mut w) => w.flush().map_err(|e| failed(&e)),
            Sink::Stream(w) => {
                let f = w.into_inner().map_err(|e| failed(e.error()))?;
                f.sync_data().or_else(ignore_unsupported).map_err(|e| failed(&e))
            }
            Sink::Replace { w, target, _registered } => {
                let tmp = w.into_inner().map_err(|e| failed(e.error()))?;
                // Written to the disk before the rename makes it the target:
                // a crash leaves the old file or the new one, never a part.
                tmp.as_file().sync_all().map_err(|e| failed(&e))?;
                let mut registry = lock(&TEMPORARY);
                let path = tmp.path().to_path_buf();
                let result = tmp.persist(&target).map(|_| ()).map_err(|e| failed(&e.error));
                registry.retain(|p| *p != path);
                result
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.sink {
            Sink::Stdout(w) => w.write(buf),
            Sink::Stream(w) => w.write(buf),
            Sink::Replace { w, .. } => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match &mut self.sink {
            Sink::Stdout(w) => w.write_all(buf),
            Sink::Stream(w) => w.write_all(buf),
            Sink::Replace { w, .. } => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.sink {
            Sink::Stdout(w) => w.flush(),
            Sink::Stream(w) => w.flush(),
            Sink::Replace { w, .. } => w.flush(),
        }
    }
}

/// `fsync` on a terminal, pipe or device may be unsupported: not an error.
fn ignore_unsupported(e: io::Error) -> io::Result<()> {
    match e.raw_os_error() {
        Some(libc::EINVAL) | Some(libc::ENOTSUP) | Some(libc::EROFS) => Ok(()),
        _ => Err(e),
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Starts, once, the thread that removes the temporary files on SIGINT,
/// SIGTERM or SIGHUP and then ends the process as the signal's default
/// action does (the shell sees the signal). `signal-hook` is used because
/// the handler may do no more than write to a pipe; the work happens on a
/// normal thread, where removing files and taking a lock are safe.
fn install_cleanup() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else { return };
        let _ = std::thread::Builder::new().name("cleanup".into()).spawn(move || {
            if let Some(sig) = signals.forever().next() {
                // Held until the process ends: no rename can start after
                // the files are removed.
                let registry = lock(&TEMPORARY);
                for p in registry.iter() {
                    let _ = std::fs::remove_file(p);
                }
                let _ = signal_hook::low_level::emulate_default_handler(sig);
                std::process::exit(128 + sig);
            }
        });
    });
}

/// An I/O error in words: `disk full`, `read-only file system`, else the
/// system's message.
pub fn io_words(e: &io::Error) -> String {
    match e.raw_os_error() {
        Some(libc::ENOSPC) => "disk full (no space left on device)".into(),
        Some(libc::EDQUOT) => "disk quota exceeded".into(),
        Some(libc::EROFS) => "read-only file system".into(),
        Some(libc::EACCES) | Some(libc::EPERM) => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Writes one line to standard error, never panicking: a failure is
/// remembered ([`stderr_failed`]) and makes the command exit 2.
pub fn write_stderr(args: std::fmt::Arguments<'_>) {
    let mut err = io::stderr().lock();
    if err.write_fmt(args).and_then(|_| err.write_all(b"\n")).is_err() {
        STDERR_FAILED.store(true, Ordering::Relaxed);
    }
}

/// Whether a write to standard error failed.
pub fn stderr_failed() -> bool {
    STDERR_FAILED.load(Ordering::Relaxed)
}

/// A progress bar on standard error for `len` segments of `name` being
/// looked up, drawn only when standard error is a terminal (hidden
/// otherwise, and cleared when done).
pub fn lookup_progress(name: &str, len: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} {msg} [{bar:40}] {pos}/{len} segments {per_sec} eta {eta}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(name.to_string());
    bar
}

/// `eprintln!` that never panics: see [`write_stderr`].
#[macro_export]
macro_rules! msg {
    ($($arg:tt)*) => {
        $crate::output::write_stderr(format_args!($($arg)*))
    };
}

/// Writes `text` to standard output, checked.
pub fn print(text: &str) -> Result<()> {
    let mut out = Output::stdout();
    out.put(text)?;
    out.finish()
}

/// Writes `bytes` to `-o PATH` (standard output when `None` or `-`), safely.
pub fn write_to(path: Option<&Path>, bytes: &[u8]) -> Result<()> {
    let mut out = Output::create(path)?;
    out.put_bytes(bytes)?;
    out.finish().context("nothing written")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_file_is_replaced_whole_with_its_permissions_and_no_temporary_file_left() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.txt");
        std::fs::write(&target, "old").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
        let mut out = Output::create(Some(&target)).unwrap();
        out.put("new").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old", "untouched until finish");
        out.finish().unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(std::fs::metadata(&target).unwrap().permissions().mode() & 0o777, 0o600);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["out.txt"]);
        assert!(lock(&TEMPORARY).is_empty());
    }

    #[test]
    fn an_unfinished_output_leaves_the_target_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.txt");
        let mut out = Output::create(Some(&target)).unwrap();
        out.put("partial").unwrap();
        drop(out);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn disk_full_is_said_in_words() {
        let e = io::Error::from_raw_os_error(libc::ENOSPC);
        assert_eq!(io_words(&e), "disk full (no space left on device)");
        assert_eq!(io_words(&io::Error::from_raw_os_error(libc::EROFS)), "read-only file system");
    }
}
