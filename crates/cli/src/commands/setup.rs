use kashidashi_core::calendar::DayChange;
use kashidashi_core::{Library, Result, scan};
use kashidashi_wire::{DayView, DeskView};

use crate::args::{CalendarCmd, OnOff};
use crate::env::Env;
use crate::reply::{Reply, day};

pub fn init(env: &Env, profile: &str) -> Result<Reply> {
    let lib = Library::init(&env.db, profile, env.now)?;
    let p = lib.policy();
    Ok(Reply::new(env.t(
        format!(
            "{} の運用方針で {} を作成しました(窓口 {} か所)。",
            p.library_name,
            env.db.display(),
            p.desks.len()
        ),
        format!(
            "Created {} with the {} profile ({} desks).",
            env.db.display(),
            p.library_name_en,
            p.desks.len()
        ),
    ))
    .with("profile", &p.profile_name)
    .with("db", env.db.display().to_string())
    .with(
        "desks",
        p.desks.iter().map(DeskView::from).collect::<Vec<_>>(),
    ))
}

pub fn desk_list(env: &Env) -> Result<Reply> {
    let lib = env.open()?;
    let desks: Vec<DeskView> = lib.desks().iter().map(DeskView::from).collect();
    let text = desks
        .iter()
        .map(|d| format!("{:<10} {:<10} {}", d.code, d.kind, d.name))
        .collect::<Vec<_>>()
        .join("\n");
    Ok(Reply::new(text).with("desks", desks))
}

pub fn calendar(env: &Env, cmd: &CalendarCmd) -> Result<Reply> {
    let mut lib = env.open()?;
    let desk = env.desk_code(&lib);
    let (date, change, reason) = match cmd {
        CalendarCmd::Show { from, to } => {
            let days = lib.calendar_days(&desk, env.date(from)?, env.date(to)?)?;
            let text = days
                .iter()
                .map(|d| {
                    let mark = |b: bool, s: &str| if b { s.to_string() } else { String::new() };
                    format!(
                        "{} {} {} {} {}",
                        day(d.date),
                        if d.open {
                            env.t("開館", "open")
                        } else {
                            env.t("休館", "closed")
                        },
                        mark(d.duty, &env.t("職員駐在", "duty")),
                        mark(d.delivery_run, &env.t("配送日", "delivery run")),
                        d.closure.clone().or(d.holiday.clone()).unwrap_or_default()
                    )
                    .trim_end()
                    .to_string()
                })
                .collect::<Vec<_>>()
                .join("\n");
            return Ok(Reply::new(text)
                .with("desk", &desk)
                .with("days", days.iter().map(DayView::from).collect::<Vec<_>>()));
        }
        CalendarCmd::Close { date, reason } => (date, DayChange::Close, reason),
        CalendarCmd::Open { date, reason } => (date, DayChange::Open, reason),
        CalendarCmd::DeliveryRun { date, set, reason } => (
            date,
            match set {
                OnOff::On => DayChange::AddDeliveryRun,
                OnOff::Off => DayChange::CancelDeliveryRun,
            },
            reason,
        ),
        CalendarCmd::Duty { date, set, reason } => (
            date,
            match set {
                OnOff::On => DayChange::AddDuty,
                OnOff::Off => DayChange::CancelDuty,
            },
            reason,
        ),
    };
    let actor = env.actor(&lib);
    let info = lib.change_day(&actor, &desk, env.date(date)?, change, reason)?;
    Ok(Reply::new(env.t(
        format!("{} {} を変更しました: {}", desk, day(info.date), reason),
        format!("Changed {} {}: {}", desk, day(info.date), reason),
    ))
    .with("day", DayView::from(&info)))
}

pub fn scan(env: &Env, code: &str) -> Result<Reply> {
    let lib = env.open()?;
    let s = scan::classify(lib.policy(), code)?;
    Ok(Reply::new(format!("{} {}", s.kind(), s.value()))
        .with("kind", s.kind())
        .with("value", s.value()))
}
