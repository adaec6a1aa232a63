//! One handler per command: parse, call the core, map the result to a `Reply`.

mod backup;
mod bench;
mod bench_desks;
mod catalog;
mod circulation;
mod copies;
mod delivery;
mod demo;
mod holds;
mod notify;
mod patrons;
mod print;
mod replay;
mod serve;
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
        Command::Stocktake(c) => copies::stocktake(env, c),
        Command::Staff(c) => staff::run(env, c),
        Command::Audit { limit } => staff::audit(env, *limit),
        Command::Demo { scale, profile } => demo::run(env, *scale, profile),
        Command::Checkout {
            card,
            item,
            override_,
        } => circulation::checkout(env, card, item, *override_),
        Command::Checkin {
            item,
            returned_on,
            book_drop,
            dropped_on,
            override_,
            slip,
        } => circulation::checkin(
            env,
            item,
            if *book_drop {
                circulation::HandedIn::BookDrop(dropped_on.as_deref())
            } else {
                circulation::HandedIn::Counter(returned_on.as_deref())
            },
            *override_,
            slip.as_deref(),
        ),
        Command::Renew { item, override_ } => circulation::renew(env, item, *override_),
        Command::Hold(c) => holds::run(env, c),
        Command::Shelf(c) => holds::shelf(env, c),
        Command::Delivery(c) => delivery::run(env, c),
        Command::Report {
            name,
            out,
            date,
            csv,
        } => print::report(env, *name, out, date.as_deref(), csv.as_deref()),
        Command::Slip(c) => print::slip(env, c),
        Command::Card(c) => print::card(env, c),
        Command::Notify(c) => notify::run(env, c),
        Command::Check => circulation::check(env),
        Command::Replay { file, ack } => replay::run(env, file, *ack),
        Command::Bench {
            samples,
            desks,
            seconds,
            every_ms,
        } => match desks {
            Some(desks) => bench_desks::run(env, *desks, *seconds, *every_ms),
            None => bench::run(env, *samples),
        },
        Command::Backup { out } => backup::run(env, out),
        Command::Copy { to } => backup::copy(env, to),
        Command::Serve { listen } => serve::run(env, *listen),
    }
}
