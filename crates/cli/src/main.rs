//! The `memoria` binary: parses flags and dispatches to one subcommand.

/// mimalloc: the TMX reader builds millions of small strings; glibc malloc
/// was a third of its time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

/// mimalloc's index of `mi_option_arena_eager_commit` (`mimalloc.h`, v3, `enum mi_option_e`).
#[cfg(target_os = "linux")]
const MI_OPTION_ARENA_EAGER_COMMIT: i32 = 4;

/// Makes mimalloc commit arena memory as it is used, not the whole arena at
/// once: an eagerly committed arena keeps freed pages resident, and an
/// import of 100k TUs peaked at 75 MB instead of 52 MB (2.9M TUs: 152 MB
/// instead of 120 MB). It must run before the first allocation reserves
/// the arena, hence an ELF initialiser (run before `main` and before the
/// Rust runtime allocates) rather than a call in `main`.
#[cfg(target_os = "linux")]
extern "C" fn allocator_options() {
    // SAFETY: mi_option_set only stores the value; it allocates nothing.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0) };
}
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static ALLOCATOR_OPTIONS: extern "C" fn() = allocator_options;

fn main() -> ExitCode {
    // Rust ignores SIGPIPE, so printing into a closed pipe (`memoria lookup … | head -1`)
    // would panic; the default action ends the process quietly, as for other Unix tools.
    #[cfg(unix)]
    // SAFETY: called first in main, before any thread exists; SIG_DFL is a valid action.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // Help, version and usage errors are printed here, checked: clap's own
    // printing ignores a failed write (`memoria --help > /dev/full` said
    // nothing and exited 0).
    let (mut cli, matches) = match memoria::cmd::parse() {
        Ok(parsed) => parsed,
        Err(e) => {
            if let Err(w) = e.print() {
                memoria::msg!("memoria: error: cannot write the usage: {}", memoria::output::io_words(&w));
                return ExitCode::from(2);
            }
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    // memoria.toml and MEMORIA_* fill what the flags did not give.
    let settings = match memoria::cmd::settings(&mut cli, &matches) {
        Ok(s) => s,
        Err(e) => {
            memoria::msg!("memoria: error: {e:#}");
            return ExitCode::from(2);
        }
    };
    let db = memoria::cmd::db_name(&cli.db);
    match memoria::cmd::run(cli, settings) {
        // A message that could not be written to standard error: the
        // command did not say all it should have.
        Ok(code) if code == ExitCode::SUCCESS && memoria::output::stderr_failed() => ExitCode::from(2),
        Ok(code) => code,
        Err(e) => {
            let (code, message) = memoria::cmd::error_exit(&e, &db);
            memoria::msg!("memoria: error: {message}");
            ExitCode::from(code)
        }
    }
}
