//! memoria-serve: the review pages of `memoria serve`, over the same TM as
//! the command line.
//!
//! [`Config`] says where the TM is and where to listen; [`App`] is the shared
//! state (a few TM handles, the folder of pending reviews, the CSRF and
//! access tokens); [`router`] builds the axum router: one module per page
//! group — [`tm_pages`] (concordance, browse, a TU with its history, edit,
//! delete, inconsistencies), [`align_pages`] (a release pair aligned, its
//! beads fixed, approved into the TM in one transaction), [`release_pages`]
//! (a release pretranslated, segments confirmed into the TM, downloads).
//! Pages are HTML rendered on the server with maud (templates checked at
//! compile time, every interpolated value escaped); the one script
//! (`static/app.js`) adds keyboard shortcuts. [`security`] holds the access
//! token, the CSRF check and the bind-address rule. The crate has no
//! matching, segmentation or format logic: it calls memoria-leverage,
//! memoria-store and memoria-formats as the CLI does.
//!
//! ```no_run
//! let config = memoria_serve::Config::new("memoria.db".into(), "127.0.0.1:8080".parse().unwrap());
//! let rt = tokio::runtime::Runtime::new().unwrap();
//! rt.block_on(memoria_serve::run(config)).unwrap();
//! ```

pub mod align_pages;
mod diff;
mod page;
mod pending;
pub mod release_pages;
pub mod security;
pub mod tm_pages;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Router;
use memoria_store::{StoreError, Tm};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Most bytes of one request body (an upload of two releases).
pub const BODY_LIMIT: usize = 8 << 20;
/// Longest a request may take before it is answered 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// How long opening a TM waits for a busy SQLite file or a PostgreSQL server.
const OPEN_WAIT: Duration = Duration::from_secs(10);

/// TM handles (SQLite connections) serving requests at once: two per
/// core, at least 4 (a write waiting on the TM's lock holds one).
fn handles() -> usize {
    std::thread::available_parallelism().map_or(4, |n| (2 * n.get()).clamp(4, 32))
}

/// What `memoria serve` was asked for.
#[derive(Clone, Debug)]
pub struct Config {
    /// The TM (a SQLite file, or a `postgres://` URL of a team's server;
    /// created when missing).
    pub db: PathBuf,
    /// Where to listen. A non-loopback address requires `token`.
    pub addr: SocketAddr,
    /// The access token every request must present (cookie, `?token=` once,
    /// or `Authorization: Bearer`); `None` on loopback.
    pub token: Option<String>,
    /// Where pending alignments and release reviews are kept across restarts
    /// (default: `<db>.review/` beside the TM; for a server TM,
    /// `memoria-HOST-PORT-DB.review/` in the working directory, named
    /// without user or password).
    pub review_dir: PathBuf,
}

impl Config {
    /// Listening on `addr` over the TM `db`, reviews beside it, no token.
    pub fn new(db: PathBuf, addr: SocketAddr) -> Config {
        let url = db.to_string_lossy();
        let review_dir = if memoria_store::postgres::is_url(&url) {
            PathBuf::from(format!("memoria-{}.review", server_name(&url)))
        } else {
            let mut review = db.clone().into_os_string();
            review.push(".review");
            PathBuf::from(review)
        };
        Config { db, addr, token: None, review_dir }
    }
}

/// `HOST-PORT-DB` of a `postgres://` URL for a folder name: no user, no
/// password, no parameters; other characters than letters, digits, `.`
/// and `_` become `-`.
fn server_name(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
    rest.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '_' { c } else { '-' }).collect()
}

/// Why the server cannot start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The address is not loopback and no token was given.
    #[error("{0}")]
    Refused(String),
}

/// The state every handler sees.
pub struct App {
    /// The free TM handles; `permits` counts them, so a request waits (in
    /// arrival order, without a thread) until one is free.
    handles: Mutex<Vec<Tm>>,
    permits: tokio::sync::Semaphore,
    /// The TM file, to open a handle again.
    db: PathBuf,
    pub(crate) pending: pending::Store,
    /// The CSRF token of this process: in every form's action, checked on
    /// every state-changing request ([`security::csrf`]).
    pub csrf: String,
    pub(crate) token: Option<String>,
}

impl App {
    /// Opens the TM [`handles`] times (one SQLite connection each, WAL lets
    /// them read at once while one writes; on PostgreSQL, connections of
    /// their own) and the review folder. Blocks: call it off the async runtime.
    pub fn open(config: &Config) -> Result<Arc<App>, ServeError> {
        let n = handles();
        let mut tms = Vec::with_capacity(n);
        for _ in 0..n {
            tms.push(Tm::open_location(&config.db, OPEN_WAIT)?);
        }
        // PostgreSQL's trigram table is brought up to date once, not by the
        // first search (SQLite has none: nothing to do).
        tms[0].update_concordance()?;
        let pending = pending::Store::open(&config.review_dir)?;
        Ok(Arc::new(App {
            handles: Mutex::new(tms),
            permits: tokio::sync::Semaphore::new(n),
            db: config.db.clone(),
            pending,
            csrf: security::random_token(),
            token: config.token.clone(),
        }))
    }

    /// Runs `f` on a free TM handle, on a blocking thread (SQLite calls
    /// block): waits for a handle without holding a thread, so fifty
    /// concurrent searches queue for the handles instead of for one lock.
    pub(crate) async fn tm<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&mut Tm) -> Result<T, AppError> + Send + 'static,
    ) -> Result<T, AppError> {
        let permit = self.permits.acquire().await.map_err(|e| AppError::Internal(e.to_string()))?;
        let mut tm = self.take_handle();
        let joined = tokio::task::spawn_blocking(move || {
            let out = f(&mut tm);
            (tm, out)
        })
        .await;
        let (tm, out) = match joined {
            Ok(done) => done,
            Err(e) => {
                // The handle went down with the task: open another in its
                // place (off the runtime: a PostgreSQL client blocks).
                let db = self.db.clone();
                let reopened = tokio::task::spawn_blocking(move || Tm::open_location(&db, OPEN_WAIT)).await;
                match reopened.map_err(|e| e.to_string()).and_then(|r| r.map_err(|e| e.to_string())) {
                    Ok(tm) => self.handles.lock().unwrap_or_else(|p| p.into_inner()).push(tm),
                    Err(_) => permit.forget(),
                }
                return Err(AppError::Internal(e.to_string()));
            }
        };
        self.handles.lock().unwrap_or_else(|p| p.into_inner()).push(tm);
        drop(permit);
        out
    }

    /// A free handle: there is one for each permit held.
    fn take_handle(&self) -> Tm {
        self.handles.lock().unwrap_or_else(|p| p.into_inner()).pop().expect("a handle for each permit")
    }
}

/// An error turned into a page in one place ([`IntoResponse`]).
#[derive(Debug)]
pub enum AppError {
    /// 400: the request or an upload is not what the page reads.
    BadRequest(String),
    /// 404.
    NotFound(String),
    /// 403: CSRF token or access token missing or wrong.
    Forbidden(String),
    /// 500.
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> AppError {
        match e {
            StoreError::NotFound(m) => AppError::NotFound(m),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, msg) = match self {
            AppError::BadRequest(m) => (StatusCode::BAD_REQUEST, m),
            AppError::NotFound(m) => (StatusCode::NOT_FOUND, m),
            AppError::Forbidden(m) => (StatusCode::FORBIDDEN, m),
            AppError::Internal(m) => (StatusCode::INTERNAL_SERVER_ERROR, m),
        };
        let body = page::layout(
            status.canonical_reason().unwrap_or("Error"),
            None,
            maud::html! {
                p.error role="alert" { (msg) }
                p { a href="/" { "Back to the start page" } }
            },
        );
        (status, body).into_response()
    }
}

/// The router with every page, the security layers, the body limit and
/// the request timeout.
pub fn router(app: Arc<App>) -> Router {
    let pages = Router::new()
        .merge(tm_pages::routes())
        .merge(align_pages::routes())
        .merge(release_pages::routes())
        .merge(page::routes());
    security::layer(pages, app.clone())
        .layer(axum::extract::DefaultBodyLimit::max(BODY_LIMIT))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT))
        .with_state(app)
}

/// Listens on `config.addr` until Ctrl+C. Refuses a non-loopback address
/// without a token ([`security::check_bind`]).
pub async fn run(config: Config) -> Result<(), ServeError> {
    security::check_bind(&config)?;
    // Opening (and closing) the TM blocks: a PostgreSQL client runs its own
    // runtime, which may not start inside this one.
    let opening = config.clone();
    let app = tokio::task::spawn_blocking(move || App::open(&opening))
        .await
        .map_err(|e| ServeError::Io(std::io::Error::other(e.to_string())))??;
    let keep = app.clone();
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    let served = axum::serve(listener, router(app))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await;
    let _ = tokio::task::spawn_blocking(move || drop(keep)).await;
    served?;
    Ok(())
}
