//! `kashidashi`: the command line of CLI.md over the Kashidashi core.

mod args;
mod commands;
mod env;
mod passwords;
mod reply;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use kashidashi_core::Lang;
use kashidashi_wire::ErrorView;
use serde_json::{Value, json};

/// A usage error (unknown flag, missing value) is bad input too: with `--json` it is one JSON
/// object like every other error, so scripts never have to read clap's text.
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) || !std::env::args().any(|a| a == "--json")
    {
        e.exit();
    }
    let message = e.render().to_string();
    let message = message
        .lines()
        .next()
        .unwrap_or_default()
        .trim_start_matches("error: ");
    println!(
        "{}",
        json!({"ok": false, "error": {"code": "input.usage", "rule": null, "message": message, "overridable": false, "reasons": []}})
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
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
