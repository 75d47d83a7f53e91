//! SMTP delivery of queued mail (F41) with lettre.
//!
//! One run: return interrupted `sending` items to the queue
//! ([`outbox::recover_stale`]), claim the due mail items, send each, record
//! the outcome ([`outbox::complete`]). Errors are classified: lettre's
//! permanent (5xx: authentication failure, refused recipient…) → `failed`
//! with the server's reason; anything else (server down, timeout, 4xx) →
//! back to `queued` with exponential back-off. Each message's `Message-ID` is
//! derived from the item's idempotency key (see the outbox's delivery
//! guarantee).

use std::str::FromStr;
use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Address, Message, SmtpTransport, Transport};
use serde::{Deserialize, Serialize};
use shortlist_core::actions::outbox::{self, OutboxItem, OutboxKind, Outcome, RetryPolicy};
use shortlist_core::store::now;
use shortlist_core::Workspace;

use crate::secrets::Secret;
use crate::{item_result, DeliveryError, DeliveryReport, DeliveryResult};

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Plain connection upgraded with STARTTLS (required). Port 587.
    #[default]
    Starttls,
    /// Implicit TLS from the first byte. Port 465.
    Tls,
    /// No encryption (local relays and tests only). Port 25.
    None,
}

impl FromStr for Security {
    type Err = DeliveryError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "starttls" => Ok(Security::Starttls),
            "tls" | "ssl" => Ok(Security::Tls),
            "none" | "plain" => Ok(Security::None),
            other => Err(DeliveryError::SmtpConfig(format!(
                "unknown security `{other}`: use starttls, tls or none"
            ))),
        }
    }
}

impl Security {
    pub fn default_port(self) -> u16 {
        match self {
            Security::Starttls => 587,
            Security::Tls => 465,
            Security::None => 25,
        }
    }
}

/// Sender identity (also used for `.eml` export).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Sender {
    pub address: String,
    pub name: Option<String>,
}

impl Sender {
    pub fn mailbox(&self) -> DeliveryResult<Mailbox> {
        let addr = Address::from_str(self.address.trim()).map_err(|e| DeliveryError::BadFrom {
            address: self.address.clone(),
            reason: e.to_string(),
        })?;
        Ok(Mailbox::new(self.name.clone(), addr))
    }

    /// From the workspace settings `smtp.from` / `smtp.from_name`, unless given.
    pub fn resolve(
        ws: &Workspace,
        address: Option<&str>,
        name: Option<&str>,
    ) -> DeliveryResult<Sender> {
        let address = match address {
            Some(a) => a.to_string(),
            None => {
                shortlist_core::actions::setting(ws, "smtp.from")?.ok_or(DeliveryError::NoFrom)?
            }
        };
        let name = match name {
            Some(n) => Some(n.to_string()),
            None => shortlist_core::actions::setting(ws, "smtp.from_name")?,
        };
        let s = Sender { address, name };
        s.mailbox()?;
        Ok(s)
    }
}

#[derive(Debug, Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub user: Option<String>,
    /// Resolved through [`crate::secrets::smtp_password`]; never stored.
    pub password: Option<Secret>,
    pub sender: Sender,
    /// Connect / command timeout.
    pub timeout: Duration,
    /// Name sent in EHLO (default `localhost`: never leaks the host name).
    pub hello_name: String,
}

impl SmtpConfig {
    pub fn new(host: &str, port: u16, security: Security, sender: Sender) -> SmtpConfig {
        SmtpConfig {
            host: host.to_string(),
            port,
            security,
            user: None,
            password: None,
            sender,
            timeout: Duration::from_secs(20),
            hello_name: "localhost".into(),
        }
    }

    fn transport(&self) -> DeliveryResult<SmtpTransport> {
        if self.host.trim().is_empty() {
            return Err(DeliveryError::SmtpConfig("no SMTP host given".into()));
        }
        let tls_params = || {
            TlsParameters::new(self.host.clone())
                .map_err(|e| DeliveryError::SmtpConfig(format!("TLS for {}: {e}", self.host)))
        };
        let mut b = SmtpTransport::builder_dangerous(&self.host)
            .port(self.port)
            .timeout(Some(self.timeout))
            .hello_name(lettre::transport::smtp::extension::ClientId::Domain(
                self.hello_name.clone(),
            ));
        b = match self.security {
            Security::Starttls => b.tls(Tls::Required(tls_params()?)),
            Security::Tls => b.tls(Tls::Wrapper(tls_params()?)),
            Security::None => b.tls(Tls::None),
        };
        if let Some(user) = &self.user {
            let pass = self.password.as_ref().ok_or_else(|| {
                DeliveryError::SmtpConfig(format!("user `{user}` given without a password"))
            })?;
            // SPEC F55: a password never travels in clear text, except to
            // a relay on this computer.
            if self.security == Security::None && !crate::is_loopback_host(&self.host) {
                return Err(DeliveryError::SmtpConfig(format!(
                    "refusing to send the password of `{user}` to {}:{} without encryption \
                     (security = none); use starttls or tls (an unencrypted connection \
                     may carry a password only to this computer: localhost, 127.0.0.1, ::1)",
                    self.host, self.port
                )));
            }
            b = b.credentials(Credentials::new(user.clone(), pass.expose().to_string()));
        }
        Ok(b.build())
    }
}

/// Build the e-mail of a mail item (used by SMTP delivery and `.eml` export).
pub fn build_message(item: &OutboxItem, sender: &Sender) -> DeliveryResult<Message> {
    let mail = item.mail()?;
    let from = sender.mailbox()?;
    let to_addr = Address::from_str(mail.to.trim()).map_err(|e| {
        DeliveryError::Action(shortlist_core::actions::ActionError::Invalid(format!(
            "outbox item #{}: recipient address is not valid ({e})",
            item.id
        )))
    })?;
    let domain = from.email.domain().to_string();
    let to = Mailbox::new(
        (!mail.to_name.trim().is_empty()).then(|| mail.to_name.clone()),
        to_addr,
    );
    Message::builder()
        .from(from)
        .to(to)
        .subject(mail.subject)
        .message_id(Some(format!("<{}@{domain}>", item.message_id_local())))
        .header(ContentType::TEXT_PLAIN)
        .body(mail.body)
        .map_err(|e| {
            DeliveryError::Action(shortlist_core::actions::ActionError::Invalid(format!(
                "outbox item #{}: cannot build the message: {e}",
                item.id
            )))
        })
}

fn classify(e: &lettre::transport::smtp::Error) -> Outcome {
    let code = e.status().map(|c| format!(" ({c})")).unwrap_or_default();
    if e.is_permanent() {
        Outcome::Permanent(format!("SMTP server refused the message{code}: {e}"))
    } else if e.is_timeout() {
        Outcome::Transient(format!("SMTP server timed out: {e}"))
    } else if e.is_transient() {
        Outcome::Transient(format!("SMTP server asked to try later{code}: {e}"))
    } else {
        Outcome::Transient(format!("cannot reach the SMTP server: {e}"))
    }
}

/// Deliver every due mail item. Returns what happened to each.
pub fn send_outbox(
    ws: &Workspace,
    cfg: &SmtpConfig,
    policy: &RetryPolicy,
) -> DeliveryResult<DeliveryReport> {
    let transport = cfg.transport()?;
    let at = now();
    let mut report = DeliveryReport {
        recovered: outbox::recover_stale(ws, policy, at)?,
        items: Vec::new(),
    };
    // Claim only what was due when the run started: an item that fails
    // now is retried in a later run, never twice in this one.
    let started = now();
    // Once the server cannot be reached, the rest of the claimed batch is
    // put back with the same reason instead of waiting for a timeout each,
    // and nothing more is claimed in this run.
    let mut unreachable: Option<String> = None;
    while unreachable.is_none() {
        let batch = outbox::claim_due(ws, OutboxKind::MAIL, started, 50)?;
        if batch.is_empty() {
            break;
        }
        for item in batch {
            let outcome = if let Some(reason) = &unreachable {
                Outcome::Transient(reason.clone())
            } else {
                match build_message(&item, &cfg.sender) {
                    Err(e) => Outcome::Permanent(e.to_string()),
                    Ok(msg) => match transport.send(&msg) {
                        Ok(_) => Outcome::Sent {
                            via: "smtp".into(),
                            remote_id: None,
                            remote_status: None,
                        },
                        Err(e) => {
                            let o = classify(&e);
                            if !e.is_response() && !e.is_permanent() && !e.is_transient() {
                                if let Outcome::Transient(r) = &o {
                                    unreachable = Some(r.clone());
                                }
                            }
                            o
                        }
                    },
                }
            };
            let done = outbox::complete(ws, item.id, &outcome, policy, now())?;
            report.items.push(item_result(&done));
        }
    }
    Ok(report)
}

/// Overrides of the workspace's SMTP settings (CLI flags, UI fields).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SmtpOverrides {
    pub host: Option<String>,
    pub port: Option<u16>,
    /// `starttls`, `tls` or `none`.
    pub security: Option<String>,
    pub user: Option<String>,
    pub from: Option<String>,
    pub from_name: Option<String>,
}

/// SMTP settings from `overrides`, else the workspace settings `smtp.host`,
/// `smtp.port`, `smtp.security`, `smtp.user`, `smtp.from`, `smtp.from_name`;
/// the password from `password`, `SHORTLIST_SMTP_PASSWORD` or the keychain
/// (only when a user is set). Shared by the CLI and the app.
pub fn config_from_settings(
    ws: &Workspace,
    o: &SmtpOverrides,
    password: Option<Secret>,
) -> DeliveryResult<SmtpConfig> {
    let get = |k: &str| shortlist_core::actions::setting(ws, k);
    let host = match &o.host {
        Some(h) => h.clone(),
        None => get("smtp.host")?.ok_or_else(|| {
            DeliveryError::SmtpConfig(
                "no SMTP server: pass --smtp-host HOST or set it with `shortlist settings set smtp.host HOST`"
                    .into(),
            )
        })?,
    };
    let security: Security = match &o.security {
        Some(s) => s.parse()?,
        None => match get("smtp.security")? {
            Some(s) => s.parse()?,
            None => Security::Starttls,
        },
    };
    let port = match o.port {
        Some(p) => p,
        None => match get("smtp.port")? {
            Some(p) => p.trim().parse().map_err(|_| {
                DeliveryError::SmtpConfig(format!("setting smtp.port `{p}` is not a port number"))
            })?,
            None => security.default_port(),
        },
    };
    let sender = Sender::resolve(ws, o.from.as_deref(), o.from_name.as_deref())?;
    let mut cfg = SmtpConfig::new(&host, port, security, sender);
    let user = match &o.user {
        Some(u) => Some(u.clone()),
        None => get("smtp.user")?,
    };
    if let Some(user) = user {
        cfg.password = Some(crate::secrets::smtp_password(password, &host, &user)?);
        cfg.user = Some(user);
    }
    Ok(cfg)
}
