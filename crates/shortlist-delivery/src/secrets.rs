//! Secrets (F44): SMTP passwords and HeyMilo API keys.
//!
//! Looked up in this order: an explicit value (CLI flag / UI field), an
//! environment variable, the OS keychain (service `shortlist`; account
//! `smtp:<host>:<user>` or `heymilo:<api host>`). Never written to the
//! workspace, never logged: [`Secret`]'s `Debug` and `Display` print
//! `<redacted>`.

use shortlist_core::Coded;

pub const SERVICE: &str = "shortlist";
pub const SMTP_PASSWORD_ENV: &str = "SHORTLIST_SMTP_PASSWORD";
pub const API_KEY_ENV: &str = "SHORTLIST_API_KEY";
/// The team server password (F75) where no keychain answers.
pub const TEAM_PASSWORD_ENV: &str = "SHORTLIST_TEAM_PASSWORD";

/// A secret string that never shows itself in logs or errors.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Secret {
        Secret(s.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("no {what} found: pass it with {flag}, set {env}, or store it in the OS keychain (service `{SERVICE}`, account `{account}`)")]
    Missing {
        what: &'static str,
        flag: &'static str,
        env: &'static str,
        account: String,
    },
    #[error("OS keychain ({account}): {detail}")]
    Keychain { account: String, detail: String },
    #[error("no OS keychain is available on this machine ({detail}); the secret was not stored. Set {env} in the environment instead, or start a keychain service (e.g. GNOME Keyring) and try again")]
    NoKeychain { env: &'static str, detail: String },
}

impl Coded for SecretError {
    fn code(&self) -> &'static str {
        match self {
            SecretError::Missing { .. } => "secret_missing",
            SecretError::Keychain { .. } => "keychain",
            SecretError::NoKeychain { .. } => "keychain_unavailable",
        }
    }
}

pub fn smtp_account(host: &str, user: &str) -> String {
    format!("smtp:{host}:{user}")
}

/// Keychain account of a team server login: `team:<url without password>`.
pub fn team_account(url_without_password: &str) -> String {
    format!("team:{url_without_password}")
}

/// The team server password: `$SHORTLIST_TEAM_PASSWORD`, else the
/// keychain entry `shortlist team init` stored; `Ok(None)` when neither has
/// one (a server that trusts the connection needs none).
pub fn team_password(url_without_password: &str) -> Result<Option<Secret>, SecretError> {
    if let Ok(v) = std::env::var(TEAM_PASSWORD_ENV) {
        if !v.is_empty() {
            return Ok(Some(Secret(v)));
        }
    }
    keychain_get(&team_account(url_without_password))
}

pub fn api_account(api_url: &str) -> String {
    let host = api_url
        .split("://")
        .nth(1)
        .unwrap_or(api_url)
        .split('/')
        .next()
        .unwrap_or(api_url);
    format!("heymilo:{host}")
}

/// Read a secret from the keychain. `Ok(None)` when there is no entry or no
/// keychain service is reachable (a headless machine without a secret
/// service): the caller then reports where else the secret can come from.
pub fn keychain_get(account: &str) -> Result<Option<Secret>, SecretError> {
    let entry = match keyring::Entry::new(SERVICE, account) {
        Ok(e) => e,
        Err(_) => return Ok(None),
    };
    match entry.get_password() {
        Ok(p) => Ok(Some(Secret(p))),
        Err(keyring::Error::NoEntry)
        | Err(keyring::Error::PlatformFailure(_))
        | Err(keyring::Error::NoStorageAccess(_)) => Ok(None),
        Err(e) => Err(SecretError::Keychain {
            account: account.to_string(),
            detail: e.to_string(),
        }),
    }
}

fn env_for(account: &str) -> &'static str {
    if account.starts_with("team:") {
        TEAM_PASSWORD_ENV
    } else if account.starts_with("smtp:") {
        SMTP_PASSWORD_ENV
    } else {
        API_KEY_ENV
    }
}

/// A keyring error as ours: "no keychain here" is told apart from other
/// failures, so the UI can offer the fallback.
fn keychain_error(account: &str, e: keyring::Error) -> SecretError {
    match e {
        keyring::Error::PlatformFailure(_) | keyring::Error::NoStorageAccess(_) => {
            SecretError::NoKeychain {
                env: env_for(account),
                detail: e.to_string(),
            }
        }
        e => SecretError::Keychain {
            account: account.to_string(),
            detail: e.to_string(),
        },
    }
}

/// Store a secret in the keychain (settings UI / `secrets set`).
/// [`SecretError::NoKeychain`] when no keychain service is reachable.
pub fn keychain_set(account: &str, secret: &Secret) -> Result<(), SecretError> {
    keyring::Entry::new(SERVICE, account)
        .map_err(|e| keychain_error(account, e))?
        .set_password(secret.expose())
        .map_err(|e| keychain_error(account, e))
}

/// Remove a secret from the keychain; `Ok(false)` when there was none.
pub fn keychain_delete(account: &str) -> Result<bool, SecretError> {
    let entry = keyring::Entry::new(SERVICE, account).map_err(|e| keychain_error(account, e))?;
    match entry.delete_credential() {
        Ok(()) => Ok(true),
        Err(keyring::Error::NoEntry) => Ok(false),
        Err(e) => Err(keychain_error(account, e)),
    }
}

/// Where a secret would come from now, without revealing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum SecretSource {
    /// The environment variable (`SHORTLIST_API_KEY` / `SHORTLIST_SMTP_PASSWORD`).
    Env,
    /// The OS keychain.
    Keychain,
    /// Nowhere.
    None,
}

/// Where the API key for `api_url` would come from (env first, then the
/// keychain), like [`api_key`] without an explicit value.
pub fn api_key_source(api_url: &str) -> Result<SecretSource, SecretError> {
    if std::env::var(API_KEY_ENV).is_ok_and(|v| !v.is_empty()) {
        return Ok(SecretSource::Env);
    }
    Ok(match keychain_get(&api_account(api_url))? {
        Some(_) => SecretSource::Keychain,
        None => SecretSource::None,
    })
}

fn resolve(
    explicit: Option<Secret>,
    env: &'static str,
    account: String,
    what: &'static str,
    flag: &'static str,
) -> Result<Secret, SecretError> {
    if let Some(s) = explicit.filter(|s| !s.0.is_empty()) {
        return Ok(s);
    }
    if let Ok(v) = std::env::var(env) {
        if !v.is_empty() {
            return Ok(Secret(v));
        }
    }
    keychain_get(&account)?.ok_or(SecretError::Missing {
        what,
        flag,
        env,
        account,
    })
}

pub fn smtp_password(
    explicit: Option<Secret>,
    host: &str,
    user: &str,
) -> Result<Secret, SecretError> {
    resolve(
        explicit,
        SMTP_PASSWORD_ENV,
        smtp_account(host, user),
        "SMTP password",
        "--smtp-password-stdin",
    )
}

pub fn api_key(explicit: Option<Secret>, api_url: &str) -> Result<Secret, SecretError> {
    resolve(
        explicit,
        API_KEY_ENV,
        api_account(api_url),
        "HeyMilo API key",
        "--api-key",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_never_prints() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?} {s}"), "<redacted> <redacted>");
    }

    #[test]
    fn explicit_wins_and_accounts_are_stable() {
        let s = api_key(Some(Secret::new("k1")), "https://api.heymilo.ai/x").unwrap();
        assert_eq!(s.expose(), "k1");
        assert_eq!(
            api_account("https://api.heymilo.ai/x"),
            "heymilo:api.heymilo.ai"
        );
        assert_eq!(smtp_account("mx", "bob"), "smtp:mx:bob");
    }
}
