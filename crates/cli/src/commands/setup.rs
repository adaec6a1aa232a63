use kashidashi_core::day_changes::DayChange;
use kashidashi_core::{Library, Result, scan};
use kashidashi_wire::{DayView, DeskView, RescheduledView};

use crate::args::{CalendarCmd, OnOff};
use crate::env::Env;
use crate::reply::{Reply, day};

pub fn init(env: &Env, profile: &str) -> Result<Reply> {
    let created = Library::create(&env.db, profile, env.now)?;
    let p = created.library.policy();
    let temp = &created.admin_password;
    Ok(Reply::new(env.t(
        format!(
            "{} の運用方針で {} を作成しました(窓口 {} か所)。\n管理者 admin の仮パスワード: {temp}\n(この一度だけ表示します。最初のサインインで変更してください。)",
            p.library_name,
            env.db,
            p.desks.len()
        ),
        format!(
            "Created {} with the {} profile ({} desks).\nTemporary password of admin: {temp}\n(shown only this once; change it at the first sign-in)",
            env.db,
            p.library_name_en,
            p.desks.len()
        ),
    ))
    .with("staff", serde_json::json!({"id": "admin"}))
    .with("temporary_password", temp)
    .with("profile", &p.profile_name)
    .with("db", env.db.to_string())
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
    let changed = lib.change_day(&actor, &desk, env.date(date)?, change, reason)?;
    let mut text = env.t(
        format!(
            "{} {} を変更しました: {}",
            desk,
            day(changed.day.date),
            reason
        ),
        format!("Changed {} {}: {}", desk, day(changed.day.date), reason),
    );
    for r in &changed.rescheduled {
        let moved = |label: String, a: Option<chrono::NaiveDate>, b: Option<chrono::NaiveDate>| {
            let show = |d: Option<chrono::NaiveDate>| d.map(day).unwrap_or_default();
            (a != b).then(|| format!("{label} {} → {}", show(a), show(b)))
        };
        let parts: Vec<String> = [
            moved(
                env.t("発送日", "run"),
                r.before.delivery_run,
                r.after.delivery_run,
            ),
            moved(
                env.t("取置期限", "last day"),
                r.before.expires_on,
                r.after.expires_on,
            ),
        ]
        .into_iter()
        .flatten()
        .collect();
        text.push_str(&env.t(
            format!(
                "\n予約 #{} 『{}』 {} (予約票を差し替えてください)",
                r.hold,
                r.title,
                parts.join("、")
            ),
            format!(
                "\nHold #{} \"{}\": {} (replace its slip)",
                r.hold,
                r.title,
                parts.join(", ")
            ),
        ));
    }
    Ok(Reply::new(text)
        .with("day", DayView::from(&changed.day))
        .with(
            "rescheduled",
            changed
                .rescheduled
                .iter()
                .map(RescheduledView::from)
                .collect::<Vec<_>>(),
        ))
}

pub fn scan(env: &Env, code: &str) -> Result<Reply> {
    let lib = env.open()?;
    let s = scan::classify(lib.policy(), code)?;
    Ok(Reply::new(format!("{} {}", s.kind(), s.value()))
        .with("kind", s.kind())
        .with("value", s.value()))
}
