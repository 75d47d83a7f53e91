//! Encryption at rest (SPEC F54): `shortlist encrypt`, `shortlist decrypt
//! --yes`, and the passphrase every command asks for when the workspace's
//! key is wrapped under one: `SHORTLIST_PASSPHRASE`, else stdin (a prompt
//! without echo on a terminal, else its first line).

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use clap::Subcommand;
use shortlist_core::store::crypt::{self, NewKey};
use shortlist_core::{StoreError, Workspace};

#[derive(Subcommand)]
pub enum CryptCommand {
    /// Encrypt the workspace in place (SQLCipher database, encrypted media).
    /// A random key goes to the OS keychain; where none answers (or with
    /// --passphrase) it is wrapped under a passphrase from
    /// SHORTLIST_PASSPHRASE or stdin. Close the app first.
    Encrypt {
        /// Keep the key in a passphrase-wrapped key file even if a keychain answers
        /// (e.g. a workspace moved between computers).
        #[arg(long)]
        passphrase: bool,
    },
    /// Decrypt the workspace in place back to plain files. Close the app first.
    Decrypt {
        /// Confirm: the workspace's files will be readable without a key.
        #[arg(long)]
        yes: bool,
    },
}

/// The passphrase: `SHORTLIST_PASSPHRASE` if set and not empty; else asked
/// on the terminal (no echo), twice when `confirm`; else the first line of
/// stdin.
pub fn read_passphrase(what: &Path, confirm: bool) -> anyhow::Result<String> {
    if let Ok(p) = std::env::var(crypt::PASSPHRASE_ENV) {
        if !p.is_empty() {
            return Ok(p);
        }
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        let first = prompt(&format!("Passphrase for {}: ", what.display()))?;
        if confirm {
            let again = prompt("Repeat the passphrase: ")?;
            if again != first {
                anyhow::bail!("the two passphrases differ; nothing was changed");
            }
        }
        if first.is_empty() {
            anyhow::bail!("no passphrase entered; nothing was changed");
        }
        return Ok(first);
    }
    let mut line = String::new();
    stdin.lock().read_line(&mut line)?;
    let p = line.trim_end_matches(['\n', '\r']).to_string();
    if p.is_empty() {
        anyhow::bail!(
            "workspace {} is encrypted: set SHORTLIST_PASSPHRASE or give the passphrase on stdin",
            what.display()
        );
    }
    Ok(p)
}

/// One line from the terminal with echo off (`stty -echo` on Unix).
fn prompt(text: &str) -> anyhow::Result<String> {
    eprint!("{text}");
    std::io::stderr().flush()?;
    let echo_off = cfg!(unix)
        && std::process::Command::new("stty")
            .arg("-echo")
            .stdin(std::process::Stdio::inherit())
            .status()
            .is_ok_and(|s| s.success());
    let mut line = String::new();
    let read = std::io::stdin().lock().read_line(&mut line);
    if echo_off {
        let _ = std::process::Command::new("stty")
            .arg("echo")
            .stdin(std::process::Stdio::inherit())
            .status();
        eprintln!();
    }
    read?;
    Ok(line.trim_end_matches(['\n', '\r']).to_string())
}

/// Opens the workspace, asking for the passphrase when its key needs one.
pub fn open(dir: &Path, for_check: bool) -> anyhow::Result<Workspace> {
    let first = if for_check {
        Workspace::open_for_check(dir)
    } else {
        Workspace::open(dir)
    };
    match first {
        Err(StoreError::PassphraseRequired { .. }) => {
            let p = read_passphrase(dir, false)?;
            Ok(if for_check {
                Workspace::open_for_check_with_passphrase(dir, Some(&p))?
            } else {
                Workspace::open_with_passphrase(dir, Some(&p))?
            })
        }
        other => Ok(other?),
    }
}

pub fn run(dir: &Path, cmd: &CryptCommand) -> anyhow::Result<()> {
    match cmd {
        CryptCommand::Encrypt { passphrase } => {
            let status = if *passphrase {
                let p = read_passphrase(dir, true)?;
                crypt::encrypt_workspace(dir, NewKey::Passphrase(&p, crypt::KdfParams::default()))?
            } else {
                match crypt::encrypt_workspace(dir, NewKey::KeychainElse(None)) {
                    Err(StoreError::PassphraseRequired { .. }) => {
                        eprintln!("shortlist: no OS keychain answers; the key will be wrapped under a passphrase");
                        let p = read_passphrase(dir, true)?;
                        crypt::encrypt_workspace(dir, NewKey::KeychainElse(Some(&p)))?
                    }
                    other => other?,
                }
            };
            outln!(
                "encrypted {} (key in the {})",
                dir.display(),
                match status.key_store.as_deref() {
                    Some("keychain") => "OS keychain",
                    _ => "passphrase-protected key file",
                }
            );
        }
        CryptCommand::Decrypt { yes } => {
            if !yes {
                anyhow::bail!(
                    "decrypting leaves {} readable without a key: run `shortlist decrypt --yes` to confirm",
                    dir.display()
                );
            }
            match crypt::decrypt_workspace(dir, None) {
                Err(StoreError::PassphraseRequired { .. }) => {
                    let p = read_passphrase(dir, false)?;
                    crypt::decrypt_workspace(dir, Some(&p))?;
                }
                other => {
                    other?;
                }
            }
            outln!("decrypted {}", dir.display());
        }
    }
    Ok(())
}
