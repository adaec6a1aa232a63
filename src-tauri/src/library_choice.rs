//! Which library this desk works on, chosen at first start: this PC's file (the default) or a
//! PostgreSQL server's address. The choice is saved in `$XDG_CONFIG_HOME/kashidashi/desk.json`
//! (0600), never with a password: the password comes from the password file libpq reads
//! (`PGPASSFILE`, `~/.pgpass`), or is asked for at start and kept in memory only.
//!
//! `KASHIDASHI_DB` overrides the saved choice for one run (scripts, tests) and is not saved.
//! Choosing again is for whoever looks after the PC, not for the counter: start the app with
//! `--choose-library`, which shows the first-start choice and saves the new one.

use std::path::PathBuf;

use kashidashi_core::private_files;
use kashidashi_core::store::{Target, default_path};
use serde::{Deserialize, Serialize};

/// What is saved: the kind of library and, for a server, its address without a password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "library", rename_all = "snake_case")]
pub enum Choice {
    File,
    Server { address: String },
}

impl Choice {
    pub fn target(&self) -> Target {
        match self {
            Choice::File => Target::File(default_path()),
            Choice::Server { address } => Target::Postgres(address.clone()),
        }
    }
}

/// `$XDG_CONFIG_HOME/kashidashi/desk.json`, or `~/.config/kashidashi/desk.json`.
pub fn config_path() -> PathBuf {
    std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .unwrap_or_else(|| PathBuf::from("."))
        .join("kashidashi")
        .join("desk.json")
}

/// The library to open at start, or `None` when the desk must choose (first start, or
/// `--choose-library`). A PC that already has the default file and no saved choice keeps
/// working on its file, as before there was a choice.
pub fn at_start() -> Option<Target> {
    if let Some(db) = std::env::var_os("KASHIDASHI_DB") {
        return Some(Target::parse(&db.to_string_lossy()));
    }
    if std::env::args().any(|a| a == "--choose-library") {
        return None;
    }
    if let Some(saved) = load() {
        return Some(saved.target());
    }
    let file = default_path();
    file.exists().then_some(Target::File(file))
}

fn load() -> Option<Choice> {
    let text = std::fs::read_to_string(config_path()).ok()?;
    match serde_json::from_str(&text) {
        Ok(choice) => Some(choice),
        Err(e) => {
            tracing::warn!(file = %config_path().display(), error = %e, "the saved library choice is unreadable; asking again");
            None
        }
    }
}

/// Saved for the next start: a 0600 file in a 0700 folder, replaced whole.
pub fn save(choice: &Choice) -> std::io::Result<()> {
    let path = config_path();
    if let Some(dir) = path.parent() {
        private_files::create_dir(dir)?;
    }
    let text = serde_json::to_string_pretty(choice).map_err(std::io::Error::other)?;
    private_files::write_replacing(&path, text.as_bytes())
}

/// The address as typed, if it is one a desk can save: a `postgres://` URL naming its user,
/// and no password in it (that goes to `.pgpass` or is typed at start).
pub fn server_address(typed: &str) -> Result<String, AddressProblem> {
    let address = typed.trim();
    let target = Target::parse(address);
    if !target.is_postgres() {
        return Err(AddressProblem::NotAUrl);
    }
    let rest = &address[address.find("://").map_or(0, |i| i + 3)..];
    let authority = &rest[..rest.find(['/', '?']).unwrap_or(rest.len())];
    match authority.rsplit_once('@') {
        Some((user, _)) if user.contains(':') => Err(AddressProblem::PasswordInAddress),
        Some((user, _)) if !user.is_empty() => Ok(address.to_string()),
        _ => Err(AddressProblem::NoUser),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressProblem {
    NotAUrl,
    PasswordInAddress,
    NoUser,
}

/// The address with `password` put in for the connection only (never saved or shown):
/// `postgres://desk@host/db` → `postgres://desk:PW@host/db`, the password percent-encoded.
pub fn with_password(address: &str, password: &str) -> String {
    let Some(start) = address.find("://").map(|i| i + 3) else {
        return address.to_string();
    };
    let Some(at) = address[start..].find('@').map(|i| start + i) else {
        return address.to_string();
    };
    let encoded: String = password
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("{}:{encoded}{}", &address[..at], &address[at..])
}

/// What the indicator shows of a server: `host[:port]/database`, a Unix socket as its folder;
/// never the user or the password.
pub fn server_name(address: &str) -> String {
    let rest = &address[address.find("://").map_or(0, |i| i + 3)..];
    let rest = &rest[..rest.find('?').unwrap_or(rest.len())];
    let rest = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
    rest.replace("%2F", "/").replace("%2f", "/")
}
