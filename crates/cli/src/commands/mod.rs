//! One handler per command: parse, call the core, map the result to a `Reply`.

mod catalog;
mod demo;
mod patrons;
mod setup;
mod staff;

use kashidashi_core::Result;

use crate::args::Command;
use crate::env::Env;
use crate::reply::Reply;

pub fn run(env: &Env, command: &Command) -> Result<Reply> {
    match command {
        Command::Init { profile } => setup::init(env, profile),
        Command::Desk(_) => setup::desk_list(env),
        Command::Calendar(c) => setup::calendar(env, c),
        Command::Scan { code } => setup::scan(env, code),
        Command::Patron(c) => patrons::run(env, c),
        Command::Item(c) => catalog::item(env, c),
        Command::Import(c) => catalog::import(env, c),
        Command::Staff(c) => staff::run(env, c),
        Command::Audit { limit } => staff::audit(env, *limit),
        Command::Demo { scale, profile } => demo::run(env, *scale, profile),
    }
}
