//! Accounts (issue 10): K1 temporary passwords, the C24 throttle on every password check, and
//! staff accounts (a temporary admin password at `init`, add, reset, disable), on both engines.

mod common;

use common::*;
use kashidashi_core::domain::{CardNumber, Now, Role, parse_now};
use kashidashi_core::patrons::PatronDetails;
use kashidashi_core::{Lang, Library};

fn taro() -> PatronDetails {
    PatronDetails {
        name: "山田 太郎".into(),
        kana: Some("やまだ たろう".into()),
        birth_date: Some("2001-05-03".into()),
        ..Default::default()
    }
}

fn at(time: &str) -> Now {
    parse_now(&format!("2026-04-02T{time}:00+09:00")).unwrap()
}

/// A Hokkaido patron with the chosen password `abcd` (H2: four characters are allowed).
fn hokkaido_patron() -> (Desk, CardNumber) {
    let mut d = library("hokkaido");
    let c = card(&d.lib, "2000000019");
    let r = d
        .lib
        .register_patron(&actor("general", "2026-04-01"), &c, &taro(), false)
        .unwrap();
    d.lib
        .change_patron_password(&c, &r.temporary_password, "abcd", on("2026-04-01"))
        .unwrap();
    (d, c)
}

fn audited(d: &mut Desk, action: &str) -> usize {
    d.lib
        .audit_log(&actor("general", "2026-04-02"), 200)
        .unwrap()
        .iter()
        .filter(|e| e.action == action)
        .count()
}

#[test]
fn k1_a_temporary_password_cannot_be_chosen_again_and_stops_working_once_changed() {
    let mut d = library("kyoto");
    let c = card(&d.lib, "2000000019");
    let temp = d
        .lib
        .register_patron(&actor("counter", "2026-04-01"), &c, &taro(), false)
        .unwrap()
        .temporary_password;
    let err = d
        .lib
        .change_patron_password(&c, &temp, &temp, on("2026-04-01"))
        .unwrap_err();
    assert_eq!(err.code(), "password.same_as_old");
    assert_eq!(err.rule(), Some("K1"));
    assert!(
        d.lib
            .patron_login(&c, &temp, on("2026-04-01"))
            .unwrap()
            .must_change_password,
        "the temporary password is still temporary"
    );
    d.lib
        .change_patron_password(&c, &temp, "kyoto2026", on("2026-04-01"))
        .unwrap();
    assert_eq!(
        d.lib
            .patron_login(&c, &temp, on("2026-04-01"))
            .unwrap_err()
            .code(),
        "login.failed"
    );
    assert!(
        !d.lib
            .patron_login(&c, "kyoto2026", on("2026-04-01"))
            .unwrap()
            .must_change_password
    );
}

#[test]
fn k1_h3_the_first_password_set_with_name_and_year_is_not_the_temporary_one() {
    let mut d = library("hokkaido");
    let c = card(&d.lib, "2000000019");
    let temp = d
        .lib
        .register_patron(&actor("general", "2026-04-01"), &c, &taro(), false)
        .unwrap()
        .temporary_password;
    let err = d
        .lib
        .set_first_patron_password(&c, "山田 太郎", "20010101", &temp, at("10:00"))
        .unwrap_err();
    assert_eq!(err.code(), "password.same_as_old");
    assert!(
        d.lib
            .patron_login(&c, &temp, at("10:00"))
            .unwrap()
            .must_change_password
    );
}

#[test]
fn c24_five_wrong_tries_then_a_fifteen_minute_wait_even_for_the_right_password() {
    let (mut d, c) = hokkaido_patron();
    for _ in 0..5 {
        let err = d.lib.patron_login(&c, "abce", at("10:00")).unwrap_err();
        assert_eq!(err.code(), "login.failed");
        assert_eq!(err.rule(), Some("C24"));
    }
    let err = d.lib.patron_login(&c, "abcd", at("10:01")).unwrap_err();
    assert_eq!(err.code(), "login.wait");
    assert_eq!(err.rule(), Some("C24"));
    assert!(
        err.message(Lang::Ja).contains("14 分"),
        "{}",
        err.message(Lang::Ja)
    );
    assert_eq!(
        d.lib
            .patron_login(&c, "abcd", at("10:14"))
            .unwrap_err()
            .code(),
        "login.wait"
    );
    // Fifteen minutes after the fifth failure the right password works again.
    assert!(d.lib.patron_login(&c, "abcd", at("10:15")).is_ok());
    assert_eq!(audited(&mut d, "login.failed"), 5);
    assert_eq!(audited(&mut d, "login.wait"), 1);
}

#[test]
fn c24_tries_after_the_wait_start_a_new_count_and_a_right_password_clears_it() {
    let (mut d, c) = hokkaido_patron();
    for _ in 0..4 {
        d.lib.patron_login(&c, "wxyz", at("10:00")).unwrap_err();
    }
    d.lib.patron_login(&c, "ABCD", at("10:00")).unwrap();
    // The count started again: four more wrong tries do not make the patron wait.
    for _ in 0..4 {
        d.lib.patron_login(&c, "wxyz", at("10:01")).unwrap_err();
    }
    assert!(d.lib.patron_login(&c, "abcd", at("10:01")).is_ok());
    for _ in 0..5 {
        d.lib.patron_login(&c, "wxyz", at("10:02")).unwrap_err();
    }
    assert_eq!(
        d.lib
            .patron_login(&c, "abcd", at("10:03"))
            .unwrap_err()
            .code(),
        "login.wait"
    );
    // After the wait, five more tries before the next one.
    for _ in 0..4 {
        assert_eq!(
            d.lib
                .patron_login(&c, "wxyz", at("10:20"))
                .unwrap_err()
                .code(),
            "login.failed"
        );
    }
    d.lib.patron_login(&c, "wxyz", at("10:20")).unwrap_err();
    assert_eq!(
        d.lib
            .patron_login(&c, "abcd", at("10:21"))
            .unwrap_err()
            .code(),
        "login.wait"
    );
}

#[test]
fn c24_unknown_card_wrong_name_wrong_year_and_wrong_password_get_one_answer() {
    let (mut d, c) = hokkaido_patron();
    let unknown = card(&d.lib, "2000000027");
    let answers = [
        d.lib.patron_login(&unknown, "abcd", at("10:00")),
        d.lib.patron_login(&c, "abce", at("10:00")),
    ]
    .map(|r| r.unwrap_err());
    let first = [
        d.lib
            .set_first_patron_password(&unknown, "山田 太郎", "20010101", "new1", at("10:00")),
        d.lib
            .set_first_patron_password(&c, "山田 次郎", "20010101", "new1", at("10:00")),
        d.lib
            .set_first_patron_password(&c, "山田 太郎", "20000101", "new1", at("10:00")),
    ]
    .map(|r| r.unwrap_err());
    for e in answers.iter().chain(&first) {
        assert_eq!(e.code(), "login.failed");
        assert_eq!(e.message(Lang::Ja), answers[0].message(Lang::Ja));
    }
    // An unknown card waits like a known one, so the wait does not tell which cards exist.
    for _ in 0..3 {
        d.lib
            .patron_login(&unknown, "abcd", at("10:00"))
            .unwrap_err();
    }
    assert_eq!(
        d.lib
            .patron_login(&unknown, "abcd", at("10:01"))
            .unwrap_err()
            .code(),
        "login.wait"
    );
}

#[test]
fn c24_h3_first_password_guesses_count_with_logins_and_a_counter_reset_ends_the_wait() {
    let mut d = library("hokkaido");
    let c = card(&d.lib, "2000000019");
    d.lib
        .register_patron(&actor("general", "2026-04-01"), &c, &taro(), false)
        .unwrap();
    // Guessing the birth year: 1999, 2000, 2002, then two wrong logins.
    for year in ["19990101", "20000101", "20020101"] {
        d.lib
            .set_first_patron_password(&c, "山田 太郎", year, "mine1", at("10:00"))
            .unwrap_err();
    }
    for _ in 0..2 {
        d.lib.patron_login(&c, "guess1", at("10:00")).unwrap_err();
    }
    // The right year now waits: the takeover path of H3 is closed for fifteen minutes.
    let err = d
        .lib
        .set_first_patron_password(&c, "山田 太郎", "20010101", "mine1", at("10:01"))
        .unwrap_err();
    assert_eq!(err.code(), "login.wait");
    assert_eq!(
        d.lib
            .change_patron_password(&c, "guess1", "mine1", at("10:01"))
            .unwrap_err()
            .code(),
        "login.wait"
    );
    // H4: the patron phones; staff reset the password, which ends the wait.
    let temp = d
        .lib
        .reset_patron_password(&actor("general", "2026-04-02"), &c)
        .unwrap()
        .temporary_password;
    assert!(
        d.lib
            .patron_login(&c, &temp, at("10:02"))
            .unwrap()
            .must_change_password
    );
}

#[test]
fn c24_a_wrong_old_password_counts_as_a_failed_try() {
    let (mut d, c) = hokkaido_patron();
    for _ in 0..5 {
        assert_eq!(
            d.lib
                .change_patron_password(&c, "abce", "efgh", at("10:00"))
                .unwrap_err()
                .code(),
            "login.failed"
        );
    }
    assert_eq!(
        d.lib
            .change_patron_password(&c, "abcd", "efgh", at("10:00"))
            .unwrap_err()
            .code(),
        "login.wait"
    );
}

#[test]
fn init_shows_a_temporary_admin_password_that_allows_only_its_change() {
    let db = TestDb::new("k.db");
    let created = Library::create(&db.target, "hokkaido", on("2026-04-01")).unwrap();
    let (mut lib, temp) = (created.library, created.admin_password);
    assert_eq!(temp.len(), 10);
    let now = on("2026-04-01");

    // Nobody sets admin's password by typing `admin`: an empty or made-up one fails.
    assert_eq!(
        lib.staff_sign_in("admin", "", now).unwrap_err().code(),
        "login.failed"
    );
    let session = lib.staff_sign_in("admin", &temp, now).unwrap();
    assert!(session.staff().must_change_password);
    let err = session
        .actor(kashidashi_core::domain::DeskCode::new("general"), now)
        .unwrap_err();
    assert_eq!(err.code(), "staff.must_change_password");
    assert_eq!(
        lib.change_staff_password(&session, &temp, now)
            .unwrap_err()
            .code(),
        "password.same_as_old"
    );
    assert_eq!(
        lib.change_staff_password(&session, "short", now)
            .unwrap_err()
            .code(),
        "password.too_short"
    );
    let changed = lib
        .change_staff_password(&session, "desk-admin-2026", now)
        .unwrap();
    let a = changed
        .actor(kashidashi_core::domain::DeskCode::new("general"), now)
        .unwrap();
    assert_eq!(lib.list_staff(&a).unwrap()[0].id, "admin");

    assert_eq!(
        lib.staff_sign_in("admin", &temp, now).unwrap_err().code(),
        "login.failed",
        "the temporary password stops working once changed"
    );
    let again = lib.staff_sign_in("admin", "desk-admin-2026", now).unwrap();
    assert!(!again.staff().must_change_password);
    drop(lib);
}

#[test]
fn staff_add_reset_and_disable_with_the_throttle_on_staff_sign_in() {
    let mut d = library("hokkaido");
    let admin = actor("general", "2026-04-01");
    let now = at("10:00");
    let first = d
        .lib
        .add_staff(&admin, "counter1", "窓口 花子", Role::Counter)
        .unwrap();
    assert!(
        d.lib
            .staff_sign_in("counter1", &first, now)
            .unwrap()
            .staff()
            .must_change_password
    );
    // Counter staff do not manage staff.
    assert_eq!(
        d.lib
            .reset_staff_password(&as_staff("counter1", "general", "2026-04-01"), "admin")
            .unwrap_err()
            .code(),
        "staff.not_allowed"
    );

    // C24 on staff sign-in, and one answer for an unknown ID.
    for _ in 0..5 {
        assert_eq!(
            d.lib
                .staff_sign_in("counter1", "guess-guess", now)
                .unwrap_err()
                .code(),
            "login.failed"
        );
    }
    assert_eq!(
        d.lib
            .staff_sign_in("nobody", "guess-guess", now)
            .unwrap_err()
            .code(),
        "login.failed"
    );
    assert_eq!(
        d.lib
            .staff_sign_in("counter1", &first, now)
            .unwrap_err()
            .code(),
        "login.wait"
    );

    // An admin's reset issues a new temporary password and ends the wait.
    let second = d.lib.reset_staff_password(&admin, "counter1").unwrap();
    assert_ne!(first, second);
    assert_eq!(
        d.lib
            .staff_sign_in("counter1", &first, now)
            .unwrap_err()
            .code(),
        "login.failed"
    );
    assert!(
        d.lib
            .staff_sign_in("counter1", &second, now)
            .unwrap()
            .staff()
            .must_change_password
    );
    assert_eq!(
        d.lib
            .reset_staff_password(&admin, "nobody")
            .unwrap_err()
            .code(),
        "staff.unknown"
    );

    // Disabled: no sign-in and no action, from the app or as `--staff`.
    let s = d.lib.disable_staff(&admin, "counter1").unwrap();
    assert!(s.disabled);
    assert_eq!(
        d.lib
            .staff_sign_in("counter1", &second, now)
            .unwrap_err()
            .code(),
        "staff.disabled"
    );
    let c = card(&d.lib, "2000000019");
    assert_eq!(
        d.lib
            .register_patron(
                &as_staff("counter1", "general", "2026-04-01"),
                &c,
                &taro(),
                false
            )
            .unwrap_err()
            .code(),
        "staff.disabled"
    );
    // The only admin stays.
    assert_eq!(
        d.lib.disable_staff(&admin, "admin").unwrap_err().code(),
        "staff.last_admin"
    );
    for action in [
        "staff.add",
        "staff.password_reset",
        "staff.disable",
        "login.wait",
    ] {
        assert_eq!(audited(&mut d, action), 1, "{action}");
    }
}
