//! Connecting to the team's PostgreSQL: URL checks, TLS policy, redaction.

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use postgres::config::{Host, SslMode};
use postgres::{Client, Config, NoTls};
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::error::{Result, TeamError};

/// How long a connection attempt may take before the server counts as
/// unreachable (offline first: a laptop on a train should not hang).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The URL with any password replaced by `***`, for messages and logs.
/// Handles `postgres://user:PASSWORD@host` and a `password=` query parameter.
pub fn redact_url(url: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b.to_string(), Some(q)),
        None => (url.to_string(), None),
    };
    let mut out = match base.find("://") {
        Some(scheme_end) => {
            let rest = &base[scheme_end + 3..];
            let authority_end = rest.find('/').unwrap_or(rest.len());
            let authority = &rest[..authority_end];
            match authority.rfind('@') {
                Some(at) => {
                    let userinfo = &authority[..at];
                    let user = match userinfo.split_once(':') {
                        Some((u, _)) => format!("{u}:***"),
                        None => userinfo.to_string(),
                    };
                    format!("{}{}{}", &base[..scheme_end + 3], user, &rest[at..])
                }
                None => base.clone(),
            }
        }
        None => base.clone(),
    };
    if let Some(q) = query {
        let parts: Vec<String> = q
            .split('&')
            .map(|kv| match kv.split_once('=') {
                Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
                _ => kv.to_string(),
            })
            .collect();
        out.push('?');
        out.push_str(&parts.join("&"));
    }
    out
}

/// Splits the password out of a URL, for storing it in the keychain:
/// returns the URL without it and the (percent-decoded) password, if any.
/// Handles `user:PASSWORD@` and a `password=` query parameter.
pub fn strip_password(url: &str) -> (String, Option<String>) {
    let mut password = None;
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b.to_string(), Some(q)),
        None => (url.to_string(), None),
    };
    let mut out = base.clone();
    if let Some(scheme_end) = base.find("://") {
        let rest = &base[scheme_end + 3..];
        let authority_end = rest.find('/').unwrap_or(rest.len());
        if let Some(at) = rest[..authority_end].rfind('@') {
            if let Some((user, pw)) = rest[..at].split_once(':') {
                password = Some(percent_decode(pw));
                out = format!("{}{}{}", &base[..scheme_end + 3], user, &rest[at..]);
            }
        }
    }
    if let Some(q) = query {
        let kept: Vec<&str> = q
            .split('&')
            .filter(|kv| match kv.split_once('=') {
                Some((k, v)) if k.eq_ignore_ascii_case("password") => {
                    password = Some(percent_decode(v));
                    false
                }
                _ => !kv.is_empty(),
            })
            .collect();
        if !kept.is_empty() {
            out.push('?');
            out.push_str(&kept.join("&"));
        }
    }
    (out, password)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether the URL asks for (or the host forces) an encrypted connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TlsPolicy {
    /// Plain TCP or a Unix socket; only allowed to this machine.
    Plain,
    /// TLS with the server certificate and host name verified against
    /// `sslrootcert` if given, else the bundled Mozilla roots.
    Verified { root_cert: Option<PathBuf> },
}

/// A parsed, checked server URL.
#[derive(Debug, Clone)]
pub struct ServerUrl {
    pub(crate) config: Config,
    pub(crate) tls: TlsPolicy,
    redacted: String,
}

impl ServerUrl {
    /// Parses a `postgres://` / `postgresql://` URL.
    ///
    /// TLS policy: `sslmode=require`, `verify-ca` or `verify-full` gives TLS
    /// with the certificate chain *and* host name verified (stricter than
    /// libpq's `require`, which encrypts without checking who answers).
    /// Without `sslmode` (or with `disable`/`allow`/`prefer`) the connection
    /// is plain, which is accepted only for loopback hosts and Unix sockets;
    /// a remote host without `sslmode` gets verified TLS, and an explicit
    /// plain mode to a remote host is refused (the password would cross the
    /// network in clear). `sslrootcert=PATH` names a PEM file with the CA(s)
    /// of a team-run server.
    pub fn parse(url: &str) -> Result<ServerUrl> {
        let redacted = redact_url(url);
        let bad = |reason: String| TeamError::BadUrl {
            url: redacted.clone(),
            reason,
        };
        if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            return Err(bad("expected a URL starting with postgres:// (e.g. postgres://alice@db.example.org/shortlist?sslmode=require)".into()));
        }
        let (base, query) = match url.split_once('?') {
            Some((b, q)) => (b, q),
            None => (url, ""),
        };
        let mut sslmode: Option<String> = None;
        let mut root_cert: Option<PathBuf> = None;
        let mut rest = Vec::new();
        for kv in query.split('&').filter(|s| !s.is_empty()) {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            match k {
                "sslmode" => sslmode = Some(percent_decode(v)),
                "sslrootcert" => root_cert = Some(PathBuf::from(percent_decode(v))),
                _ => rest.push(kv),
            }
        }
        let stripped = if rest.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{}", rest.join("&"))
        };
        let mut config: Config = stripped
            .parse()
            .map_err(|e: postgres::Error| bad(e.to_string()))?;
        if config.get_user().is_none() {
            return Err(bad(
                "no user name: put the reviewer's login before the host (postgres://LOGIN@host/db)"
                    .into(),
            ));
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(DEFAULT_CONNECT_TIMEOUT);
        }
        let hosts = config.get_hosts().to_vec();
        if hosts.is_empty() {
            return Err(bad("no host".into()));
        }
        let remote_host = hosts.iter().find_map(|h| match h {
            Host::Tcp(name) if !is_loopback(name) => Some(name.clone()),
            _ => None,
        });
        let wants_tls = match sslmode.as_deref() {
            None => remote_host.is_some(),
            Some("disable" | "allow" | "prefer") => false,
            Some("require" | "verify-ca" | "verify-full") => true,
            Some(other) => {
                return Err(bad(format!(
                "sslmode `{other}` is not one of disable, prefer, require, verify-ca, verify-full"
            )))
            }
        };
        let tls = if wants_tls {
            config.ssl_mode(SslMode::Require);
            TlsPolicy::Verified { root_cert }
        } else {
            if let Some(host) = remote_host {
                return Err(TeamError::InsecureRemote {
                    url: redacted,
                    host,
                });
            }
            config.ssl_mode(SslMode::Disable);
            TlsPolicy::Plain
        };
        Ok(ServerUrl {
            config,
            tls,
            redacted,
        })
    }

    /// The URL without its password, for messages.
    pub fn redacted(&self) -> &str {
        &self.redacted
    }

    /// The login (PostgreSQL role) the URL connects as.
    pub fn login(&self) -> &str {
        self.config.get_user().unwrap_or_default()
    }

    /// Sets the password (e.g. read from the keychain when the stored URL
    /// has none).
    pub fn set_password(&mut self, password: &str) {
        self.config.password(password);
    }

    pub fn tls(&self) -> &TlsPolicy {
        &self.tls
    }
}

fn is_loopback(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let h = host.trim_start_matches('[').trim_end_matches(']');
    h.parse::<IpAddr>()
        .map(|ip| ip.is_loopback())
        .unwrap_or(false)
}

fn tls_connector(url: &ServerUrl, root_cert: Option<&PathBuf>) -> Result<MakeRustlsConnect> {
    let tls_err = |reason: String| TeamError::Tls {
        url: url.redacted.clone(),
        reason,
    };
    let mut roots = rustls::RootCertStore::empty();
    match root_cert {
        Some(path) => {
            use rustls_pki_types::pem::PemObject;
            let certs = rustls_pki_types::CertificateDer::pem_file_iter(path)
                .map_err(|e| tls_err(format!("sslrootcert {}: {e}", path.display())))?;
            let mut n = 0;
            for cert in certs {
                let cert =
                    cert.map_err(|e| tls_err(format!("sslrootcert {}: {e}", path.display())))?;
                roots
                    .add(cert)
                    .map_err(|e| tls_err(format!("sslrootcert {}: {e}", path.display())))?;
                n += 1;
            }
            if n == 0 {
                return Err(tls_err(format!(
                    "sslrootcert {}: no PEM certificate in the file",
                    path.display()
                )));
            }
        }
        None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| tls_err(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}

/// An open connection to the team server, as one login.
pub struct Remote {
    pub(crate) client: Client,
    pub(crate) url: ServerUrl,
}

impl std::fmt::Debug for Remote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Remote")
            .field("url", &self.url.redacted)
            .finish()
    }
}

impl Remote {
    /// Parses `url` and connects. A server that cannot be reached gives
    /// [`TeamError::Unreachable`]; no message contains the password.
    ///
    /// Uses the synchronous `postgres` client, which runs its own small
    /// Tokio runtime: call it from a plain thread (in async code, from
    /// `spawn_blocking`), never directly on an async executor thread.
    pub fn connect(url: &str) -> Result<Remote> {
        Remote::connect_to(ServerUrl::parse(url)?)
    }

    pub fn connect_to(url: ServerUrl) -> Result<Remote> {
        let result = match &url.tls {
            TlsPolicy::Plain => url.config.connect(NoTls),
            TlsPolicy::Verified { root_cert } => {
                let tls = tls_connector(&url, root_cert.as_ref())?;
                url.config.connect(tls)
            }
        };
        match result {
            Ok(client) => Ok(Remote { client, url }),
            Err(source) => {
                // A server that answered and refused (bad password, no such
                // database) is not "offline": report it as a server error.
                if source
                    .to_string()
                    .starts_with("error performing TLS handshake")
                {
                    Err(TeamError::Tls {
                        url: url.redacted.clone(),
                        reason: crate::error::pg_msg(&source),
                    })
                } else if source.as_db_error().is_some() {
                    Err(TeamError::Server {
                        url: url.redacted.clone(),
                        what: "login".into(),
                        source,
                    })
                } else {
                    Err(TeamError::Unreachable {
                        url: url.redacted.clone(),
                        source,
                    })
                }
            }
        }
    }

    /// The login this connection acts as.
    pub fn login(&self) -> &str {
        self.url.login()
    }

    /// The server URL without password.
    pub fn redacted_url(&self) -> &str {
        self.url.redacted()
    }

    /// Whether the connection still answers (a cheap round trip).
    pub fn is_alive(&mut self) -> bool {
        !self.client.is_closed() && self.client.simple_query("SELECT 1").is_ok()
    }

    /// The underlying client, for administration the crate does not cover.
    pub fn client(&mut self) -> &mut Client {
        &mut self.client
    }

    pub(crate) fn server_err(
        &self,
        what: impl Into<String>,
    ) -> impl FnOnce(postgres::Error) -> TeamError + '_ {
        let what = what.into();
        move |source| TeamError::Server {
            url: self.url.redacted.clone(),
            what,
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_removes_passwords() {
        assert_eq!(
            redact_url("postgres://alice:s3cr%40t@db.x:5432/team?sslmode=require"),
            "postgres://alice:***@db.x:5432/team?sslmode=require"
        );
        assert_eq!(
            redact_url("postgres://alice@db.x/team?password=hunter2&sslmode=require"),
            "postgres://alice@db.x/team?password=***&sslmode=require"
        );
        assert_eq!(redact_url("postgres://db.x/team"), "postgres://db.x/team");
    }

    #[test]
    fn password_splits_out_for_the_keychain() {
        assert_eq!(
            strip_password("postgres://alice%40x.org:s3cr%40t@db.x:5432/team?sslmode=require"),
            (
                "postgres://alice%40x.org@db.x:5432/team?sslmode=require".to_string(),
                Some("s3cr@t".to_string())
            )
        );
        assert_eq!(
            strip_password("postgres://alice@db.x/team?password=p%26w&sslmode=require"),
            (
                "postgres://alice@db.x/team?sslmode=require".to_string(),
                Some("p&w".to_string())
            )
        );
        assert_eq!(
            strip_password("postgres://alice@db.x/team"),
            ("postgres://alice@db.x/team".to_string(), None)
        );
        let (url, pw) = strip_password("postgres://a:pw@localhost/d");
        let mut u = ServerUrl::parse(&url).unwrap();
        u.set_password(&pw.unwrap());
        assert_eq!(u.login(), "a");
    }

    #[test]
    fn tls_policy_follows_host_and_sslmode() {
        let u = ServerUrl::parse("postgres://a:pw@127.0.0.1:5/d").unwrap();
        assert_eq!(u.tls(), &TlsPolicy::Plain);
        let u = ServerUrl::parse("postgres://a@localhost/d?sslmode=require").unwrap();
        assert_eq!(u.tls(), &TlsPolicy::Verified { root_cert: None });
        let u = ServerUrl::parse("postgres://a@db.example.org/d").unwrap();
        assert_eq!(u.tls(), &TlsPolicy::Verified { root_cert: None });
        let u = ServerUrl::parse(
            "postgres://a@db.example.org/d?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem",
        )
        .unwrap();
        assert_eq!(
            u.tls(),
            &TlsPolicy::Verified {
                root_cert: Some("/etc/ca.pem".into())
            }
        );
        let e = ServerUrl::parse("postgres://a:topsecret@db.example.org/d?sslmode=disable")
            .unwrap_err();
        assert!(matches!(e, TeamError::InsecureRemote { .. }));
        let msg = e.to_string();
        assert!(
            !msg.contains("topsecret") && msg.contains("a:***@"),
            "{msg}"
        );
        let e = ServerUrl::parse("mysql://a:topsecret@h/d")
            .unwrap_err()
            .to_string();
        assert!(!e.contains("topsecret"), "{e}");
        let e = ServerUrl::parse("postgres://a:topsecret@h/d?sslmode=bogus")
            .unwrap_err()
            .to_string();
        assert!(!e.contains("topsecret") && e.contains("bogus"), "{e}");
        let e = ServerUrl::parse("postgres://localhost/d").unwrap_err();
        assert!(matches!(e, TeamError::BadUrl { .. }));
    }
}
