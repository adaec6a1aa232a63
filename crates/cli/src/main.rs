//! `kashidashi`: the command line of CLI.md over the Kashidashi core.

mod args;
mod commands;
mod env;
mod reply;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use kashidashi_core::Lang;
use kashidashi_wire::ErrorView;
use serde_json::{Value, json};

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let lang = Lang::parse(&cli.lang).unwrap_or_default();
    let result = env::Env::from_cli(&cli).and_then(|env| commands::run(&env, &cli.command));
    let mut out = std::io::stdout().lock();
    match result {
        Ok(reply) => {
            if cli.json {
                let mut obj = serde_json::Map::new();
                obj.insert("ok".into(), Value::Bool(true));
                obj.extend(reply.fields);
                let _ = writeln!(out, "{}", Value::Object(obj));
            } else if !reply.text.is_empty() {
                let _ = writeln!(out, "{}", reply.text);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            let view = ErrorView::new(&e, lang);
            if cli.json {
                let _ = writeln!(out, "{}", json!({"ok": false, "error": view}));
            } else {
                let rule = view.rule.map(|r| format!(" [{r}]")).unwrap_or_default();
                eprintln!("{}{rule} ({})", view.message, view.code);
            }
            ExitCode::from(ErrorView::exit_code(&e) as u8)
        }
    }
}
