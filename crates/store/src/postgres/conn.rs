//! Connecting to a team's PostgreSQL server: the URL (`postgres://user:pw@host:port/db?sslmode=…`)
//! with its password masked for every message, `sslmode` and `sslrootcert` as libpq reads them,
//! errors in the TM's words, and a small pool of connections shared by the threads of one process.

use crate::error::{ErrorKind, StoreError};
use postgres::config::SslMode;
use postgres::error::SqlState;
use postgres::{Client, Config, NoTls};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Whether `location` names a PostgreSQL server rather than a file.
pub fn is_url(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// `url` with its password (in the authority or as `password=`) replaced
/// by `***`: the only form in which a URL goes into a message.
pub fn mask(url: &str) -> String {
    let (head, query) = url.split_once('?').map_or((url, None), |(h, q)| (h, Some(q)));
    let mut out = match head.split_once("://") {
        Some((scheme, rest)) => {
            let (auth_end, _) = rest.char_indices().find(|&(_, c)| c == '/').unwrap_or((rest.len(), '/'));
            let (auth, path) = rest.split_at(auth_end);
            let auth = match auth.rsplit_once('@') {
                Some((userinfo, host)) => match userinfo.split_once(':') {
                    Some((user, _)) => format!("{user}:***@{host}"),
                    None => format!("{userinfo}@{host}"),
                },
                None => auth.to_string(),
            };
            format!("{scheme}://{auth}{path}")
        }
        None => head.to_string(),
    };
    if let Some(q) = query {
        let params: Vec<String> = q
            .split('&')
            .map(|kv| match kv.split_once('=') {
                Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
                _ => kv.to_string(),
            })
            .collect();
        out.push('?');
        out.push_str(&params.join("&"));
    }
    out
}

/// `%XX` escapes of a URL part decoded (a CA file's path).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// How the connection is secured, from `sslmode` (libpq's names).
#[derive(Clone)]
pub(crate) enum Tls {
    /// `sslmode=disable`.
    Plain,
    /// Any other mode, with the connector checking what the mode asks.
    Native(postgres_native_tls::MakeTlsConnector),
}

/// Where and how to connect: the parsed URL, its TLS and its masked form.
#[derive(Clone)]
pub(crate) struct Target {
    pub config: Config,
    pub tls: Tls,
    /// The URL with the password masked ([`mask`]).
    pub masked: String,
    /// `host:port` of the first host, for messages.
    pub host_port: String,
}

impl Target {
    /// Parses `url`. `sslmode` is `disable`, `allow`, `prefer` (the default: TLS when the server
    /// offers it, certificate not checked), `require` (TLS, not checked), `verify-ca` (TLS, the
    /// certificate signed by `sslrootcert` or a system CA) or `verify-full` (also the host name).
    pub fn parse(url: &str) -> Result<Target, StoreError> {
        let masked = mask(url);
        let bad = |what: String| {
            StoreError::Backend {
            location: masked.clone(),
            kind: ErrorKind::Other,
            message: format!("not a PostgreSQL URL ({what}); expected postgres://USER[:PASSWORD]@HOST[:PORT]/DBNAME[?sslmode=disable|prefer|require|verify-ca|verify-full&sslrootcert=CA.pem]"),
        }
        };
        let (head, query) = url.split_once('?').map_or((url, ""), |(h, q)| (h, q));
        let mut rest = Vec::new();
        let (mut mode, mut root) = ("prefer".to_string(), None);
        for kv in query.split('&').filter(|kv| !kv.is_empty()) {
            match kv.split_once('=') {
                Some(("sslmode", v)) => mode = v.to_string(),
                Some(("sslrootcert", v)) => root = Some(percent_decode(v)),
                _ => rest.push(kv),
            }
        }
        let plain_url = if rest.is_empty() { head.to_string() } else { format!("{head}?{}", rest.join("&")) };
        let mut config: Config = plain_url.parse().map_err(|e: postgres::Error| bad(e.to_string()))?;
        if config.get_application_name().is_none() {
            config.application_name("memoria");
        }
        let mut builder = native_tls::TlsConnector::builder();
        let tls_mode = match mode.as_str() {
            "disable" => None,
            "allow" | "prefer" => Some(SslMode::Prefer),
            "require" | "verify-ca" | "verify-full" => Some(SslMode::Require),
            other => {
                return Err(bad(format!(
                    "sslmode={other} is not one of disable, allow, prefer, require, verify-ca, verify-full"
                )))
            }
        };
        match mode.as_str() {
            "verify-full" => {}
            "verify-ca" => {
                builder.danger_accept_invalid_hostnames(true);
            }
            _ => {
                builder.danger_accept_invalid_certs(true).danger_accept_invalid_hostnames(true);
            }
        }
        if let Some(path) = &root {
            let pem = std::fs::read(path).map_err(|e| bad(format!("sslrootcert {path}: {e}")))?;
            let cert = native_tls::Certificate::from_pem(&pem).map_err(|e| bad(format!("sslrootcert {path}: {e}")))?;
            builder.add_root_certificate(cert);
        }
        let tls = match tls_mode {
            None => {
                config.ssl_mode(SslMode::Disable);
                Tls::Plain
            }
            Some(m) => {
                config.ssl_mode(m);
                let connector = builder.build().map_err(|e| bad(format!("TLS: {e}")))?;
                Tls::Native(postgres_native_tls::MakeTlsConnector::new(connector))
            }
        };
        let host = match config.get_hosts().first() {
            Some(postgres::config::Host::Tcp(h)) => h.clone(),
            #[cfg(unix)]
            Some(postgres::config::Host::Unix(p)) => p.display().to_string(),
            None => "localhost".to_string(),
        };
        let port = config.get_ports().first().copied().unwrap_or(5432);
        Ok(Target { config, tls, masked, host_port: format!("{host}:{port}") })
    }

    /// A new connection, retried while the server refuses or does not answer, for at most
    /// `wait`; then an [`ErrorKind::Unreachable`] error naming `host:port`.
    pub fn connect(&self, wait: Duration) -> Result<Client, StoreError> {
        let start = Instant::now();
        let mut config = self.config.clone();
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(wait.max(Duration::from_secs(1)));
        }
        loop {
            let attempt = match &self.tls {
                Tls::Plain => config.connect(NoTls),
                Tls::Native(c) => config.connect(c.clone()),
            };
            match attempt {
                Ok(c) => return Ok(c),
                // A server that answered with an error (wrong password, no such database) is
                // not waited for; one still starting up ("the database system is starting
                // up") is.
                Err(e) if e.as_db_error().is_some() && e.code() != Some(&SqlState::CANNOT_CONNECT_NOW) => {
                    return Err(self.error(e))
                }
                Err(e) if start.elapsed() + Duration::from_millis(250) < wait => {
                    let _ = e;
                    std::thread::sleep(Duration::from_millis(250));
                }
                Err(e) => {
                    return Err(StoreError::Backend {
                        location: self.masked.clone(),
                        kind: ErrorKind::Unreachable,
                        message: format!(
                            "cannot reach the PostgreSQL server at {} within --wait {:.0} s: {}",
                            self.host_port,
                            wait.as_secs_f64(),
                            words(&e)
                        ),
                    })
                }
            }
        }
    }

    /// A PostgreSQL error in the TM's words ([`error`]).
    pub fn error(&self, e: postgres::Error) -> StoreError {
        error(&self.masked, &self.host_port, e)
    }
}

/// The error's own words: the server's message (with its detail and hint),
/// or the client's (connection refused, closed).
fn words(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => {
            let mut s = db.message().to_string();
            if let Some(d) = db.detail() {
                s.push_str(&format!(" ({d})"));
            }
            if let Some(h) = db.hint() {
                s.push_str(&format!("; hint: {h}"));
            }
            s
        }
        None => {
            let mut s = e.to_string();
            let mut src = std::error::Error::source(e);
            while let Some(c) = src {
                s.push_str(&format!(": {c}"));
                src = c.source();
            }
            s
        }
    }
}

/// A PostgreSQL error as a [`StoreError::Backend`] naming the server (password masked):
/// serialisation failures, deadlocks and lock timeouts are [`ErrorKind::Busy`]; a lost or
/// refused connection [`ErrorKind::Unreachable`]; a missing privilege says which.
pub(crate) fn error(masked: &str, host_port: &str, e: postgres::Error) -> StoreError {
    let code = e.code().cloned();
    let busy = [
        SqlState::T_R_SERIALIZATION_FAILURE,
        SqlState::T_R_DEADLOCK_DETECTED,
        SqlState::LOCK_NOT_AVAILABLE,
        SqlState::QUERY_CANCELED,
    ];
    let gone = [
        SqlState::ADMIN_SHUTDOWN,
        SqlState::CRASH_SHUTDOWN,
        SqlState::CANNOT_CONNECT_NOW,
        SqlState::CONNECTION_FAILURE,
        SqlState::CONNECTION_EXCEPTION,
    ];
    let (kind, message) = match &code {
        Some(c) if busy.contains(c) => (ErrorKind::Busy, words(&e)),
        Some(c) if gone.contains(c) => (
            ErrorKind::Unreachable,
            format!("the PostgreSQL server at {host_port} went away: {}; nothing was changed", words(&e)),
        ),
        Some(c) if *c == SqlState::INSUFFICIENT_PRIVILEGE => (
            ErrorKind::Other,
            format!(
                "permission denied: {} (this role may read the TM but not change it; importing needs \
                 INSERT, UPDATE, DELETE on the tables of schema memoria, see the README)",
                words(&e)
            ),
        ),
        Some(_) => (ErrorKind::Other, words(&e)),
        None if e.is_closed() || std::error::Error::source(&e).is_some() => (
            ErrorKind::Unreachable,
            format!("lost the connection to the PostgreSQL server at {host_port}: {}; nothing was changed", words(&e)),
        ),
        None => (ErrorKind::Other, words(&e)),
    };
    StoreError::Backend { location: masked.to_string(), kind, message }
}

/// One pooled connection with its prepared statements (PostgreSQL plans
/// a statement once per connection: the lookup's ten statements are
/// prepared on first use, then only bound and run).
pub(crate) struct Conn {
    pub client: Client,
    stmts: HashMap<&'static str, postgres::Statement>,
}

impl Conn {
    /// The statement `sql`, prepared once on this connection.
    pub fn stmt(&mut self, sql: &'static str) -> Result<postgres::Statement, postgres::Error> {
        if let Some(s) = self.stmts.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(sql)?;
        self.stmts.insert(sql, s.clone());
        Ok(s)
    }
}

/// A few open connections, handed to one user at a time ([`Pool::get`]) and
/// taken back unless closed. Threads of one process (the 8 lookup clients of
/// the benchmark, a server's handlers) share one.
pub(crate) struct Pool {
    pub target: Target,
    idle: Mutex<Vec<Conn>>,
    pub wait: Mutex<Duration>,
}

/// Connections kept open when idle.
const KEEP: usize = 8;

impl Pool {
    pub fn new(target: Target, wait: Duration) -> Pool {
        Pool { target, idle: Mutex::new(Vec::new()), wait: Mutex::new(wait) }
    }

    /// An idle connection, or a new one.
    pub fn get(&self) -> Result<Conn, StoreError> {
        if let Some(c) = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop() {
            if !c.client.is_closed() {
                return Ok(c);
            }
        }
        let wait = *self.wait.lock().unwrap_or_else(|p| p.into_inner());
        Ok(Conn { client: self.target.connect(wait)?, stmts: HashMap::new() })
    }

    /// Gives `c` back (kept if open and fewer than [`KEEP`] are idle).
    pub fn put(&self, c: Conn) {
        if c.client.is_closed() {
            return;
        }
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < KEEP {
            idle.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_masked_in_the_authority_and_the_query() {
        assert_eq!(mask("postgres://ana:s3cr%40t@db.example:5433/tm"), "postgres://ana:***@db.example:5433/tm");
        assert_eq!(mask("postgresql://ana@db/tm?sslmode=require"), "postgresql://ana@db/tm?sslmode=require");
        assert_eq!(
            mask("postgres://db/tm?user=ana&password=hunter2&sslmode=disable"),
            "postgres://db/tm?user=ana&password=***&sslmode=disable"
        );
        assert_eq!(mask("postgres://ana:p@ss@db/tm"), "postgres://ana:***@db/tm");
    }

    #[test]
    fn a_bad_sslmode_is_named_without_the_password() {
        let err = Target::parse("postgres://ana:hunter2@localhost/tm?sslmode=sometimes").err().unwrap().to_string();
        assert!(err.contains("sslmode=sometimes"), "{err}");
        assert!(!err.contains("hunter2"), "{err}");
        let t = Target::parse("postgres://ana:hunter2@127.0.0.1:5499/tm?sslmode=disable").ok().unwrap();
        assert_eq!(
            (t.host_port.as_str(), t.masked.as_str()),
            ("127.0.0.1:5499", "postgres://ana:***@127.0.0.1:5499/tm?sslmode=disable")
        );
    }

    #[test]
    fn a_refused_connection_names_host_and_port_after_the_wait() {
        // Port 9 (discard) on loopback: nothing listens there.
        let t = Target::parse("postgres://ana:hunter2@127.0.0.1:9/tm?sslmode=disable").ok().unwrap();
        let start = Instant::now();
        let err = t.connect(Duration::from_millis(600)).err().unwrap();
        assert!(start.elapsed() >= Duration::from_millis(350), "retried for the wait");
        assert!(err.is_unreachable());
        let msg = err.to_string();
        assert!(msg.contains("127.0.0.1:9") && !msg.contains("hunter2"), "{msg}");
    }
}
