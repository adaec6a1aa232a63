//! The global flags turned into what the core needs: a database (file or server), an actor and a
//! language.

use kashidashi_core::domain::{DeskCode, Now, StaffId, now_input};
use kashidashi_core::store::Target;
use kashidashi_core::{Actor, Invalid, Lang, Library, Result};

use crate::args::Cli;

pub struct Env {
    pub db: Target,
    pub now: Now,
    /// `--now` was given: `serve` then shows My Page as of that moment (demos, the browser suite).
    pub now_given: bool,
    pub desk: Option<String>,
    pub staff: StaffId,
    pub lang: Lang,
    /// `--json`: progress and chatter stay off stdout and stderr.
    pub json: bool,
}

impl Env {
    pub fn from_cli(cli: &Cli) -> Result<Env> {
        let lang = Lang::parse(&cli.lang).ok_or_else(|| Invalid::BadValue {
            field: "--lang",
            input: cli.lang.clone(),
        })?;
        let now = match &cli.now {
            Some(s) => now_input(s)?,
            None => Now::system(),
        };
        Ok(Env {
            db: cli.db.as_deref().map_or_else(
                || Target::File(kashidashi_core::store::default_path()),
                Target::parse,
            ),
            now,
            now_given: cli.now.is_some(),
            desk: cli.desk.clone(),
            staff: StaffId::new(cli.staff.clone().unwrap_or_else(|| "admin".into())),
            lang,
            json: cli.json,
        })
    }

    pub fn open(&self) -> Result<Library> {
        Library::open(&self.db)
    }

    /// The acting desk: `--desk`, or the profile's first counter.
    pub fn desk_code(&self, lib: &Library) -> String {
        self.desk
            .clone()
            .unwrap_or_else(|| lib.policy().first_counter().code.to_string())
    }

    pub fn actor(&self, lib: &Library) -> Actor {
        Actor {
            staff: self.staff.clone(),
            desk: DeskCode::new(self.desk_code(lib)),
            now: self.now,
        }
    }

    pub fn date(&self, s: &str) -> Result<chrono::NaiveDate> {
        kashidashi_core::domain::date_input(s)
    }
}

impl Env {
    /// Pick the Japanese or English text of a reply.
    pub fn t(&self, ja: impl Into<String>, en: impl Into<String>) -> String {
        match self.lang {
            Lang::Ja => ja.into(),
            Lang::En => en.into(),
        }
    }
}
