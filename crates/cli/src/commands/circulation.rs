use std::path::Path;

use kashidashi_core::holds::RouteOutcome;
use kashidashi_core::{Result, StoreError, scan};
use kashidashi_wire::{CheckinView, CheckoutView, LoanView};

use super::print::SlipFile;
use crate::env::Env;
use crate::reply::{Reply, day};

pub fn checkout(env: &Env, card: &str, item: &str, override_: bool) -> Result<Reply> {
    let mut lib = env.open()?;
    let actor = env.actor(&lib);
    let card = scan::card(lib.policy(), card)?;
    let item = scan::item(lib.policy(), item)?;
    let out = lib.checkout(&actor, &card, &item, override_)?;
    let view = CheckoutView::from(&out);
    Ok(Reply::new(env.t(
        format!(
            "貸出: {} 『{}』 返却期限 {}",
            view.loan.item,
            view.loan.title,
            day(out.loan.due_on)
        ),
        format!(
            "Lent: {} \"{}\" due {}",
            view.loan.item,
            view.loan.title,
            day(out.loan.due_on)
        ),
    ))
    .with("loan", &view.loan)
    .with("fulfilled_hold", view.fulfilled_hold))
}

pub fn route_text(env: &Env, lib: &kashidashi_core::Library, route: &RouteOutcome) -> String {
    let name = |code: &kashidashi_core::domain::DeskCode| lib.policy().desk_name(code.as_str());
    match route {
        RouteOutcome::Trapped(t) => {
            let until = t.expires_on.map(day).unwrap_or_default();
            match t.route {
                kashidashi_core::holds::Route::Shelf => env.t(
                    format!(
                        "予約 #{} の予約棚へ: {} (取置期限 {until})",
                        t.hold,
                        name(&t.destination)
                    ),
                    format!(
                        "Hold #{}: to the hold shelf at {} (until {until})",
                        t.hold,
                        name(&t.destination)
                    ),
                ),
                kashidashi_core::holds::Route::Transit => env.t(
                    format!("予約 #{}: {} へ回送", t.hold, name(&t.destination)),
                    format!("Hold #{}: in transit to {}", t.hold, name(&t.destination)),
                ),
            }
        }
        RouteOutcome::Transit(t) => env.t(
            format!("{} へ回送", name(&t.to)),
            format!("In transit to {}", name(&t.to)),
        ),
        RouteOutcome::Shelved => env.t("書架へ", "Back to the shelf"),
    }
}

/// How the copy came back: over the counter (`--returned-on`), or out of the book drop
/// (`--book-drop [--dropped-on]`).
pub enum HandedIn<'a> {
    Counter(Option<&'a str>),
    BookDrop(Option<&'a str>),
}

pub fn checkin(
    env: &Env,
    item: &str,
    handed_in: HandedIn,
    override_: bool,
    slip: Option<&Path>,
) -> Result<Reply> {
    let mut lib = env.open()?;
    let actor = env.actor(&lib);
    let item = scan::item(lib.policy(), item)?;
    let date = |d: Option<&str>| d.map(|d| env.date(d)).transpose();
    let slip_file = SlipFile::create(slip)?;
    let out = match handed_in {
        HandedIn::Counter(on) => lib.checkin(&actor, &item, date(on)?, override_)?,
        HandedIn::BookDrop(on) => lib.checkin_book_drop(&actor, &item, date(on)?, override_)?,
    };
    let slip = slip_file
        .map(|f| f.write(out.slip(lib.policy()).as_ref()))
        .transpose()?
        .flatten();
    let view = CheckinView::from(&out);
    let late = if out.overdue {
        env.t(" (延滞)", " (overdue)")
    } else {
        String::new()
    };
    let dropped = match (&out.loan, out.book_drop) {
        (Some(l), true) => {
            let on = l.returned_on.map(day).unwrap_or_default();
            env.t(
                format!(" [ブックポスト {on} 返却]"),
                format!(" [book drop, returned {on}]"),
            )
        }
        _ => String::new(),
    };
    let text = format!(
        "{} 『{}』{dropped}{late} → {}",
        out.item.barcode,
        out.item.title,
        route_text(env, &lib, &out.route)
    );
    Ok(Reply::new(text)
        .with("loan", &view.loan)
        .with("trapped", &view.route.trapped)
        .with("transit", &view.route.transit)
        .with("item", &view.item)
        .with("overdue", view.overdue)
        .with("received", view.received)
        .with("book_drop", view.book_drop)
        .with("slip", slip))
}

pub fn renew(env: &Env, item: &str, override_: bool) -> Result<Reply> {
    let mut lib = env.open()?;
    let actor = env.actor(&lib);
    let item = scan::item(lib.policy(), item)?;
    let loan = lib.renew(&actor, &item, override_)?;
    Ok(Reply::new(env.t(
        format!(
            "延長しました: 『{}』 新しい返却期限 {}",
            loan.item.title,
            day(loan.due_on)
        ),
        format!(
            "Renewed \"{}\": now due {}",
            loan.item.title,
            day(loan.due_on)
        ),
    ))
    .with("loan", LoanView::from(&loan)))
}

pub fn check(env: &Env) -> Result<Reply> {
    let lib = env.open()?;
    let problems = lib.check_invariants()?;
    if !problems.is_empty() {
        return Err(StoreError::Damaged {
            detail: problems.join("; "),
        }
        .into());
    }
    Ok(
        Reply::new(env.t("問題はありません。", "No problems found."))
            .with("violations", Vec::<String>::new()),
    )
}
