use kashidashi_core::domain::{DeskCode, HoldId};
use kashidashi_core::holds::{HoldFilter, HoldRequest, HoldStatus, Notify, PlacedBy};
use kashidashi_core::{Invalid, Result, scan};
use kashidashi_wire::{ExpiredView, HoldView, PullView};

use crate::args::{By, HoldCmd, NotifyArg, ShelfCmd};
use crate::env::Env;
use crate::reply::Reply;

fn by(b: By) -> PlacedBy {
    match b {
        By::Patron => PlacedBy::Patron,
        By::Staff => PlacedBy::Staff,
    }
}

fn request(pickup: &str, notify: NotifyArg, b: By) -> HoldRequest {
    HoldRequest {
        pickup: pickup.to_string(),
        notify: match notify {
            NotifyArg::Email => Notify::Email,
            NotifyArg::None => Notify::None,
        },
        by: by(b),
    }
}

fn hold_line(h: &HoldView) -> String {
    let pos = h.position.map(|p| format!("{p}番目")).unwrap_or_default();
    let until = h
        .expires_on
        .clone()
        .map(|d| format!(" 取置期限 {d}"))
        .unwrap_or_default();
    format!(
        "#{} 『{}』 {} {} 受取 {}{until}",
        h.id, h.title, h.status_label, pos, h.pickup
    )
}

fn holds_reply(list: Vec<HoldView>) -> Reply {
    Reply::new(list.iter().map(hold_line).collect::<Vec<_>>().join("\n")).with("holds", list)
}

pub fn run(env: &Env, cmd: &HoldCmd) -> Result<Reply> {
    let mut lib = env.open()?;
    let actor = env.actor(&lib);
    match cmd {
        HoldCmd::Place {
            card,
            item,
            pickup,
            notify,
            by: b,
            override_,
        } => {
            let card = scan::card(lib.policy(), card)?;
            let item = scan::item(lib.policy(), item)?;
            let h = HoldView::from(&lib.place_hold(
                &actor,
                &card,
                &item,
                &request(pickup, *notify, *b),
                *override_,
            )?);
            Ok(Reply::new(hold_line(&h)).with("hold", h))
        }
        HoldCmd::Cart {
            card,
            items,
            pickup,
            in_order,
            notify,
            by: b,
            override_,
        } => {
            let card = scan::card(lib.policy(), card)?;
            let items = items
                .iter()
                .map(|i| scan::item(lib.policy(), i))
                .collect::<Result<Vec<_>>>()?;
            let holds = lib.place_cart(
                &actor,
                &card,
                &items,
                &request(pickup, *notify, *b),
                *in_order,
                *override_,
            )?;
            Ok(holds_reply(holds.iter().map(HoldView::from).collect()))
        }
        HoldCmd::List { card, status } => {
            let filter = HoldFilter {
                card: card
                    .as_deref()
                    .map(|c| scan::card(lib.policy(), c))
                    .transpose()?,
                desk: env.desk.clone().map(DeskCode::new),
                status: status
                    .as_deref()
                    .map(|s| {
                        HoldStatus::parse(s).ok_or_else(|| Invalid::BadValue {
                            field: "--status",
                            input: s.to_string(),
                        })
                    })
                    .transpose()?,
                title: None,
            };
            Ok(holds_reply(
                lib.holds(&actor, &filter)?
                    .iter()
                    .map(HoldView::from)
                    .collect(),
            ))
        }
        HoldCmd::Cancel { id, by: b } => {
            lib.cancel_hold(&actor, HoldId(*id), by(*b))?;
            let h = HoldView::from(&lib.hold(&actor, HoldId(*id))?);
            Ok(Reply::new(hold_line(&h)).with("hold", h))
        }
        HoldCmd::ChangePickup { id, pickup, by: b } => {
            let h = HoldView::from(&lib.change_pickup(&actor, HoldId(*id), pickup, by(*b))?);
            Ok(Reply::new(hold_line(&h)).with("hold", h))
        }
    }
}

pub fn shelf(env: &Env, cmd: &ShelfCmd) -> Result<Reply> {
    let mut lib = env.open()?;
    let actor = env.actor(&lib);
    let desk = env.desk_code(&lib);
    match cmd {
        ShelfCmd::List => {
            let holds: Vec<HoldView> = lib
                .shelf(&actor, &desk)?
                .iter()
                .map(HoldView::from)
                .collect();
            let today = kashidashi_wire::date_string(env.now.today());
            let to_clear = holds
                .iter()
                .filter(|h| h.expires_on.as_deref().is_some_and(|e| e < today.as_str()))
                .count();
            Ok(holds_reply(holds)
                .with("desk", &desk)
                .with("to_clear", to_clear))
        }
        ShelfCmd::Expire => {
            let expired: Vec<ExpiredView> = lib
                .expire_shelf(&actor)?
                .iter()
                .map(ExpiredView::from)
                .collect();
            let forgotten = lib.forget_closed_holds(&actor)?;
            let prints_removed = lib.clear_prints()?;
            let text = env.t(
                format!(
                    "期限切れ {} 件、保存期間を過ぎた終了済み予約の削除 {forgotten} 件",
                    expired.len()
                ),
                format!(
                    "{} holds expired, {forgotten} closed holds past their days removed",
                    expired.len()
                ),
            );
            let lines: Vec<String> = expired
                .iter()
                .map(|e| {
                    format!(
                        "#{} 『{}』 {}",
                        e.hold,
                        e.title,
                        e.item.clone().unwrap_or_default()
                    )
                })
                .collect();
            Ok(Reply::new(
                std::iter::once(text)
                    .chain(lines)
                    .collect::<Vec<_>>()
                    .join("\n"),
            )
            .with("expired", expired)
            .with("forgotten", forgotten)
            .with("prints_removed", prints_removed))
        }
        ShelfCmd::Pull => {
            let pull: Vec<PullView> = lib
                .pull_list(&actor, &desk)?
                .iter()
                .map(PullView::from)
                .collect();
            let text = pull
                .iter()
                .map(|p| {
                    format!(
                        "{} {} 『{}』 → #{}",
                        p.call_number.clone().unwrap_or_default(),
                        p.hold.item.clone().unwrap_or_default(),
                        p.hold.title,
                        p.hold.id
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            Ok(Reply::new(text).with("desk", &desk).with("pull", pull))
        }
    }
}
