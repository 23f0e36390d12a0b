//! Who may use the pages and how a state change is proven to come from
//! them: the bind-address rule, the access token, the CSRF token, and the
//! response headers that keep a page from being framed or leaking tokens.
//!
//! - **Bind**: loopback (127.0.0.0/8, ::1) by default; any other address
//!   only with an access token ([`check_bind`]).
//! - **Access token** (when set): every request presents it as the cookie
//!   `memoria_token` (set by the first visit with `?token=…`), or as
//!   `Authorization: Bearer …`; else 403.
//! - **CSRF**: every request other than GET/HEAD carries this process's
//!   CSRF token in the `csrf` query parameter (every form's action has it)
//!   or the `X-CSRF-Token` header, compared in constant time; else 403. A
//!   cross-site page cannot read the token (the pages send no CORS headers
//!   and `Referrer-Policy: no-referrer`).
//! - **Headers**: a Content-Security-Policy allowing only this server's own
//!   script and style (no inline script: injected markup cannot run even if
//!   it got past the escaping), `X-Frame-Options: DENY`, `nosniff`.

use crate::{App, AppError, Config, ServeError};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::sync::Arc;

/// The name of the access cookie.
const COOKIE: &str = "memoria_token";

/// 32 random bytes from the kernel, hex.
pub fn random_token() -> String {
    let mut b = [0u8; 32];
    use std::io::Read;
    std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut b)).expect("the kernel's random source");
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Refuses to listen on a non-loopback address without an access token.
pub fn check_bind(config: &Config) -> Result<(), ServeError> {
    if !config.addr.ip().is_loopback() && config.token.is_none() {
        return Err(ServeError::Refused(format!(
            "{}: not a loopback address; anyone who can reach it could change the TM. Listening there \
             needs an access token (memoria serve prints one when --addr is not loopback)",
            config.addr
        )));
    }
    Ok(())
}

/// Compares two secrets without stopping at the first difference.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The value of query parameter `name`.
fn query_param<'a>(req: &'a Request, name: &str) -> Option<&'a str> {
    req.uri().query()?.split('&').find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
}

fn cookie<'a>(req: &'a Request, name: &str) -> Option<&'a str> {
    req.headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|kv| kv.trim().strip_prefix(name)?.strip_prefix('='))
}

/// The middleware: access token, CSRF, headers.
async fn guard(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let mut set_cookie = None;
    if let Some(token) = &app.token {
        let bearer = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        let by_query = query_param(&req, "token");
        let ok = [cookie(&req, COOKIE), bearer, by_query]
            .into_iter()
            .flatten()
            .any(|t| same(t.as_bytes(), token.as_bytes()));
        if !ok {
            return AppError::Forbidden(
                "this server needs its access token (printed when it started): open the address it printed".into(),
            )
            .into_response();
        }
        if by_query.is_some() {
            set_cookie = Some(format!("{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"));
        }
    }
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        let given =
            query_param(&req, "csrf").or_else(|| req.headers().get("x-csrf-token").and_then(|v| v.to_str().ok()));
        if !given.is_some_and(|t| same(t.as_bytes(), app.csrf.as_bytes())) {
            return AppError::Forbidden(
                "this form was not sent by a page of this server (missing or wrong CSRF token): reload the page and try again"
                    .into(),
            )
            .into_response();
        }
    }
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    if let Some(c) = set_cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        h.insert(header::SET_COOKIE, c);
    }
    res
}

/// `pages` behind [`guard`].
pub(crate) fn layer(pages: Router<Arc<App>>, app: Arc<App>) -> Router<Arc<App>> {
    pages.layer(axum::middleware::from_fn_with_state(app, guard))
}
