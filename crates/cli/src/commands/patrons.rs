use kashidashi_core::notify::MailServicesChange;
use kashidashi_core::patrons::{PatronDetails, PatronEdit};
use kashidashi_core::{Result, scan};
use kashidashi_wire::{PanelView, PatronView, WarningView};

use super::print::SlipFile;
use crate::args::{OnOff, PatronCmd, PatronEditFields, PatronFields};
use crate::env::Env;
use crate::passwords;
use crate::reply::Reply;

fn details(f: &PatronFields) -> PatronDetails {
    PatronDetails {
        name: f.name.clone(),
        kana: f.kana.clone(),
        birth_date: f.birth.clone(),
        email: f.email.clone(),
        postal_code: f.postal_code.clone(),
        address: f.address.clone(),
        phone: f.phone.clone(),
        residence: f.residence.clone(),
        partners: f.partner.clone(),
        keep_history: f.keep_history,
    }
}

fn edit(f: &PatronEditFields) -> PatronEdit {
    PatronEdit {
        name: f.name.clone(),
        kana: f.kana.clone(),
        birth_date: f.birth.clone(),
        email: f.email.clone(),
        postal_code: f.postal_code.clone(),
        address: f.address.clone(),
        phone: f.phone.clone(),
        residence: f.residence.clone(),
        partners: f.partner.clone(),
        keep_history: f.keep_history.map(|k| matches!(k, OnOff::On)),
    }
}

pub fn run(env: &Env, cmd: &PatronCmd) -> Result<Reply> {
    let mut lib = env.open()?;
    let actor = env.actor(&lib);
    match cmd {
        PatronCmd::Register {
            card: c,
            fields,
            slip,
            override_,
        } => {
            let c = scan::card(lib.policy(), c)?;
            let slip_file = SlipFile::create(slip.as_deref())?;
            let r = lib.register_patron(&actor, &c, &details(fields), *override_)?;
            let slip = slip_file
                .map(|f| f.write(Some(&r.slip(lib.policy(), env.now.today()))))
                .transpose()?
                .flatten();
            let warnings: Vec<WarningView> = r
                .warnings
                .iter()
                .map(|w| WarningView::new(w, env.lang))
                .collect();
            let mut text = env.t(
                format!(
                    "{} 様を登録しました(利用者番号 {})。仮パスワード: {}",
                    r.patron.name, r.patron.card, r.temporary_password
                ),
                format!(
                    "Registered {} (card {}). Temporary password: {}",
                    r.patron.name, r.patron.card, r.temporary_password
                ),
            );
            for w in &warnings {
                text.push_str(&format!("\n注意 [{}] {}", w.rule, w.message));
            }
            Ok(Reply::new(text)
                .with("patron", PatronView::from(&r.patron))
                .with("temporary_password", &r.temporary_password)
                .with("warnings", warnings)
                .with("slip", slip))
        }
        PatronCmd::Edit { card: c, fields } => {
            let c = scan::card(lib.policy(), c)?;
            let p = lib.edit_patron(&actor, &c, &edit(fields))?;
            Ok(Reply::new(env.t(
                format!("{} 様の登録内容を更新しました。", p.name),
                format!("Updated {}.", p.name),
            ))
            .with("patron", PatronView::from(&p)))
        }
        PatronCmd::Suspend {
            card: c,
            reason,
            until,
        } => {
            let c = scan::card(lib.policy(), c)?;
            let p = lib.suspend_patron(&actor, &c, reason, until.as_deref())?;
            let until_text = until.as_ref().map_or_else(
                || env.t("解除まで", "until resumed"),
                |u| env.t(format!("{u} まで"), format!("until {u}")),
            );
            Ok(Reply::new(env.t(
                format!(
                    "{} 様を利用停止にしました({until_text})。理由: {reason}",
                    p.name
                ),
                format!("Suspended {} ({until_text}). Reason: {reason}", p.name),
            ))
            .with("patron", PatronView::from(&p)))
        }
        PatronCmd::Resume { card: c } => {
            let c = scan::card(lib.policy(), c)?;
            let p = lib.resume_patron(&actor, &c)?;
            Ok(Reply::new(env.t(
                format!("{} 様の利用停止を解除しました。", p.name),
                format!("{} may use the library again.", p.name),
            ))
            .with("patron", PatronView::from(&p)))
        }
        PatronCmd::ReplaceCard { card: c, new_card } => {
            let old = scan::card(lib.policy(), c)?;
            let new = scan::card(lib.policy(), new_card)?;
            let p = lib.replace_card(&actor, &old, &new)?;
            Ok(Reply::new(env.t(
                format!(
                    "{} 様のカードを再発行しました: {old} → {new}。旧カードは使えません。",
                    p.name
                ),
                format!(
                    "Replaced {}'s card: {old} → {new}. The old card no longer works.",
                    p.name
                ),
            ))
            .with("patron", PatronView::from(&p)))
        }
        PatronCmd::Confirm { card: c } => {
            let c = scan::card(lib.policy(), c)?;
            let p = lib.confirm_patron_address(&actor, &c)?;
            Ok(Reply::new(env.t(
                format!("{} 様の住所を確認し、登録を更新しました。", p.name),
                format!(
                    "Confirmed {}'s address; the registration runs again.",
                    p.name
                ),
            ))
            .with("patron", PatronView::from(&p)))
        }
        PatronCmd::Notices {
            card: c,
            due_reminder,
            add_topic,
            remove_topic,
            add_author,
            remove_author,
        } => {
            let c = scan::card(lib.policy(), c)?;
            let change = MailServicesChange {
                due_reminder: due_reminder.map(|d| matches!(d, OnOff::On)),
                add_topics: add_topic.clone(),
                remove_topics: remove_topic.clone(),
                add_authors: add_author.clone(),
                remove_authors: remove_author.clone(),
            };
            let m = lib.patron_notices(&actor, &c, &change)?;
            let on = if m.due_reminder { "登録" } else { "なし" };
            let text = format!(
                "返却期限日お知らせ: {on}\n新着図書テーマ: {}\n新着図書著者: {}",
                m.topics.join("、"),
                m.authors.join("、")
            );
            Ok(Reply::new(text)
                .with("due_reminder", m.due_reminder)
                .with("topics", &m.topics)
                .with("authors", &m.authors))
        }
        PatronCmd::Show { card: c } => {
            let c = scan::card(lib.policy(), c)?;
            let core_panel = lib.patron_panel(&actor, &c)?;
            let panel = PanelView::new(&core_panel, env.lang);
            let mut text = vec![format!(
                "{} {} ({})",
                panel.patron.card,
                panel.patron.name,
                panel.patron.kana.clone().unwrap_or_default()
            )];
            // C22: staff read a suspension before anything else.
            if let Some(s) = core_panel
                .patron
                .suspension
                .as_ref()
                .filter(|s| s.in_force(env.now.today()))
            {
                let until = s.until.map_or_else(
                    || env.t("解除まで", "until resumed"),
                    |u| env.t(format!("{u} まで"), format!("until {u}")),
                );
                text.push(env.t(
                    format!("  利用停止中({until}) 理由: {}", s.reason),
                    format!("  Suspended ({until}). Reason: {}", s.reason),
                ));
            }
            text.extend(panel.loans.iter().map(|l| {
                let mark = if l.loan.renewed { " 延長済" } else { "" };
                let late = if l.overdue { " 延滞" } else { "" };
                format!(
                    "  貸出 {} 『{}』 返却期限 {}{mark}{late}",
                    l.loan.item, l.loan.title, l.loan.due_date
                )
            }));
            text.extend(
                panel
                    .holds
                    .iter()
                    .map(|h| format!("  予約 #{} 『{}』 {}", h.id, h.title, h.status_label)),
            );
            Ok(Reply::new(text.join("\n"))
                .with("patron", &panel.patron)
                .with("loans", &panel.loans)
                .with("holds", &panel.holds)
                .with("ready_here", &panel.ready_here)
                .with("blocks", &panel.blocks))
        }
        PatronCmd::Search { query } => {
            let found = lib.search_patrons(&actor, query)?;
            let text = found
                .iter()
                .map(|p| {
                    format!(
                        "{} {} {}",
                        p.card,
                        p.name,
                        p.kana.clone().unwrap_or_default()
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            Ok(Reply::new(text).with(
                "patrons",
                found.iter().map(PatronView::from).collect::<Vec<_>>(),
            ))
        }
        PatronCmd::Login { card: c, password } => {
            let c = scan::card(lib.policy(), c)?;
            let [password] = passwords::read([password.as_str()])?;
            let l = lib.patron_login(&c, &password, env.now)?;
            Ok(Reply::new(if l.must_change_password {
                env.t(
                    "ログインしました。仮パスワードのため、パスワードを変更してください。",
                    "Signed in. This is a temporary password: change it now.",
                )
            } else {
                env.t("ログインしました。", "Signed in.")
            })
            .with("must_change_password", l.must_change_password))
        }
        PatronCmd::ChangePassword { card: c, old, new } => {
            let c = scan::card(lib.policy(), c)?;
            let [old, new] = passwords::read([old.as_str(), new.as_str()])?;
            lib.change_patron_password(&c, &old, &new, env.now)?;
            Ok(Reply::new(
                env.t("パスワードを変更しました。", "Password changed."),
            ))
        }
        PatronCmd::SetFirstPassword {
            card: c,
            name,
            birth,
            new,
        } => {
            let c = scan::card(lib.policy(), c)?;
            let [new] = passwords::read([new.as_str()])?;
            lib.set_first_patron_password(&c, name, birth, &new, env.now)?;
            Ok(Reply::new(
                env.t("パスワードを登録しました。", "Password set."),
            ))
        }
        PatronCmd::ResetPassword { card: c, slip } => {
            let c = scan::card(lib.policy(), c)?;
            let slip_file = SlipFile::create(slip.as_deref())?;
            let reset = lib.reset_patron_password(&actor, &c)?;
            let slip = slip_file
                .map(|f| f.write(Some(&reset.slip(lib.policy(), env.now.today()))))
                .transpose()?
                .flatten();
            let temp = reset.temporary_password;
            Ok(Reply::new(env.t(
                format!("新しい仮パスワード: {temp}"),
                format!("New temporary password: {temp}"),
            ))
            .with("temporary_password", temp)
            .with("slip", slip))
        }
        PatronCmd::SetEmail { card: c, email } => {
            let c = scan::card(lib.policy(), c)?;
            let p = lib.set_patron_email(&actor, &c, email)?;
            Ok(
                Reply::new(env.t("メールアドレスを登録しました。", "E-mail address saved."))
                    .with("patron", PatronView::from(&p)),
            )
        }
    }
}
