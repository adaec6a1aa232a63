//! K9 through the core API on both engines: registrations for the mail services, due-date
//! reminders only for registered patrons, and the daily new-arrival digest (matched when copies
//! are added or imported, one digest per patron per day, never the same title twice).

mod common;

use common::*;
use kashidashi_core::catalog::ItemDetails;
use kashidashi_core::notify::MailServicesChange;

fn add(d: &mut Desk, date: &str, barcode: &str, title: &str, author: &str) {
    let details = ItemDetails {
        title: title.into(),
        author: Some(author.into()),
        ..Default::default()
    };
    let b = item(&d.lib, barcode);
    d.lib
        .add_item(&actor("counter", date), &b, &details)
        .unwrap();
}

fn register(d: &mut Desk, card_no: &str, change: MailServicesChange) {
    let c = card(&d.lib, card_no);
    d.lib
        .patron_notices(&actor("counter", "2026-06-02"), &c, &change)
        .unwrap();
}

#[test]
fn k9_due_reminders_go_only_to_patrons_registered_for_them() {
    let mut d = library("kyoto");
    d.patron("2000000019", "京都 花子");
    d.patron("2000000027", "京都 次郎");
    d.copy("1000000017", "檸檬", "normal");
    d.copy("1000000025", "山月記", "normal");
    register(
        &mut d,
        "2000000019",
        MailServicesChange {
            due_reminder: Some(true),
            ..Default::default()
        },
    );
    d.checkout("counter", "2026-06-02", "2000000019", "1000000017")
        .unwrap();
    d.checkout("counter", "2026-06-02", "2000000027", "1000000025")
        .unwrap();
    // Kyoto: 15 days counting the checkout day, due 6/16; the reminder three days before.
    let n = d
        .lib
        .queue_due_reminders(&actor("counter", "2026-06-13"))
        .unwrap();
    assert_eq!(n, 1);
    let outbox = d.lib.outbox().unwrap();
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].to, "p2000000019@example.jp");
    assert!(outbox[0].body.contains("檸檬") && !outbox[0].body.contains("山月記"));

    // Withdrawn: the next loan's reminder does not go.
    let withdrawn = d
        .lib
        .patron_notices(
            &actor("counter", "2026-06-13"),
            &card(&d.lib, "2000000019"),
            &MailServicesChange {
                due_reminder: Some(false),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(!withdrawn.due_reminder);
}

#[test]
fn k9_new_arrivals_digest_matches_themes_and_authors_once_a_day_and_never_twice() {
    let mut d = library("kyoto");
    d.patron("2000000019", "京都 花子");
    d.patron("2000000027", "京都 次郎");
    d.patron("2000000035", "登録 なし");
    register(
        &mut d,
        "2000000019",
        MailServicesChange {
            add_topics: vec!["図書館".into()],
            add_authors: vec!["村上 春樹".into()],
            ..Default::default()
        },
    );
    register(
        &mut d,
        "2000000027",
        MailServicesChange {
            add_topics: vec!["ＡＩ".into()],
            ..Default::default()
        },
    );
    let shown = d
        .lib
        .patron_notices(
            &actor("counter", "2026-06-02"),
            &card(&d.lib, "2000000027"),
            &MailServicesChange::default(),
        )
        .unwrap();
    assert_eq!(
        shown.topics,
        vec!["AI".to_string()],
        "width folded as typed"
    );

    add(
        &mut d,
        "2026-06-03",
        "1000000017",
        "図書館の歴史",
        "小川 徹",
    );
    add(
        &mut d,
        "2026-06-03",
        "1000000025",
        "街とその不確かな壁",
        "村上, 春樹, 1949-",
    );
    add(
        &mut d,
        "2026-06-03",
        "1000000033",
        "はじめての園芸",
        "園田 花",
    );
    let csv = "barcode,title,author\n1000000041,AIと図書館,情報 太郎\n";
    d.lib
        .import_items_csv(
            &actor("counter", "2026-06-03"),
            csv.as_bytes(),
            kashidashi_core::Lang::Ja,
            &mut |_, _| {},
        )
        .unwrap();
    let digest = d
        .lib
        .queue_new_arrivals(&actor("counter", "2026-06-03"))
        .unwrap();
    assert_eq!((digest.titles, digest.queued), (4, 2));
    let outbox = d.lib.outbox().unwrap();
    let to = |addr: &str| {
        outbox
            .iter()
            .find(|m| m.to == addr)
            .map(|m| m.body.clone())
            .unwrap_or_default()
    };
    let hanako = to("p2000000019@example.jp");
    assert!(
        hanako.contains("図書館の歴史")
            && hanako.contains("街とその不確かな壁")
            && hanako.contains("AIと図書館")
            && !hanako.contains("園芸"),
        "{hanako}"
    );
    let jiro = to("p2000000027@example.jp");
    assert!(
        jiro.contains("AIと図書館") && !jiro.contains("図書館の歴史"),
        "{jiro}"
    );
    assert!(outbox.iter().all(|m| m.kind == "new-arrivals"));
    assert_eq!(outbox.len(), 2, "nothing for a patron with no registration");

    // Later the same day: no second digest; the new title waits for tomorrow's.
    add(&mut d, "2026-06-03", "1000000058", "図書館建築", "建築 家");
    let again = d
        .lib
        .queue_new_arrivals(&actor("counter", "2026-06-03"))
        .unwrap();
    assert!(again.already_done);
    assert_eq!(again.queued, 0);
    // A second copy of an announced title is not news; the waiting title is.
    add(
        &mut d,
        "2026-06-04",
        "1000000066",
        "図書館の歴史",
        "小川 徹",
    );
    let next = d
        .lib
        .queue_new_arrivals(&actor("counter", "2026-06-04"))
        .unwrap();
    assert_eq!((next.titles, next.queued), (1, 1));
    let outbox = d.lib.outbox().unwrap();
    assert_eq!(outbox.len(), 3);
    let last = outbox
        .iter()
        .find(|m| m.body.contains("図書館建築"))
        .unwrap();
    assert!(!last.body.contains("図書館の歴史"), "{}", last.body);
}

#[test]
fn k9_hokkaido_records_no_arrivals_and_refuses_registrations_it_does_not_offer() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    let c = card(&d.lib, "2000000019");
    let e = d
        .lib
        .patron_notices(
            &actor("general", "2026-04-01"),
            &c,
            &MailServicesChange {
                add_authors: vec!["三浦 綾子".into()],
                due_reminder: Some(true),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(
        codes(&e),
        vec!["notices.not_offered", "notices.not_offered"]
    );
    d.copy("1000000017", "氷点", "normal");
    let digest = d
        .lib
        .queue_new_arrivals(&actor("general", "2026-04-01"))
        .unwrap();
    assert_eq!(digest.queued, 0);
    assert!(d.lib.outbox().unwrap().is_empty());
}

#[test]
fn k9_a_theme_needs_an_address_and_a_blank_theme_is_refused() {
    let mut d = library("kyoto");
    let c = card(&d.lib, "2000000019");
    d.lib
        .register_patron(
            &actor("counter", "2026-04-01"),
            &c,
            &kashidashi_core::patrons::PatronDetails {
                name: "メール なし".into(),
                ..Default::default()
            },
            false,
        )
        .unwrap();
    let a = actor("counter", "2026-04-01");
    let e = d
        .lib
        .patron_notices(
            &a,
            &c,
            &MailServicesChange {
                add_topics: vec!["歴史".into()],
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.code(), "notices.no_email");
    let e = d
        .lib
        .patron_notices(
            &a,
            &c,
            &MailServicesChange {
                remove_topics: vec!["　".into()],
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.code(), "input.missing");
}
