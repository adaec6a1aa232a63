//! K1–K3, H1–H5 through the core API, with the guides' own examples.

mod common;

use common::*;
use kashidashi_core::patrons::PatronDetails;

fn taro() -> PatronDetails {
    PatronDetails {
        name: "山田 太郎".into(),
        kana: Some("やまだ たろう".into()),
        birth_date: Some("2001-05-03".into()),
        email: Some("taro@example.jp".into()),
        postal_code: Some("0690834".into()),
        address: Some("江別市文京台東町41".into()),
        phone: Some("011-386-8521".into()),
        residence: Some("resident".into()),
        partners: vec![],
        keep_history: false,
    }
}

#[test]
fn k1_temporary_password_allows_only_its_change_and_then_stops_working() {
    let mut d = library("kyoto");
    let c = card(&d.lib, "2000000019");
    let r = d
        .lib
        .register_patron(&actor("counter", "2026-04-01"), &c, &taro(), false)
        .unwrap();
    assert!(r.patron.must_change_password);
    let temp = r.temporary_password;

    let login = d.lib.patron_login(&c, &temp, on("2026-04-02")).unwrap();
    assert!(
        login.must_change_password,
        "a temporary password must be changed first"
    );

    // K2: the new password must mix letters and digits.
    let err = d
        .lib
        .change_patron_password(&c, &temp, "abcdef", on("2026-04-01"))
        .unwrap_err();
    assert_eq!(err.code(), "password.needs_letter_and_digit");
    assert!(
        d.lib.patron_login(&c, &temp, on("2026-04-02")).is_ok(),
        "a refused change changes nothing"
    );

    d.lib
        .change_patron_password(&c, &temp, "kyoto2026", on("2026-04-01"))
        .unwrap();
    assert!(
        !d.lib
            .patron_login(&c, "kyoto2026", on("2026-04-02"))
            .unwrap()
            .must_change_password
    );
    assert_eq!(
        d.lib
            .patron_login(&c, &temp, on("2026-04-02"))
            .unwrap_err()
            .code(),
        "login.failed"
    );
    // Kyoto passwords are case-sensitive.
    assert_eq!(
        d.lib
            .patron_login(&c, "KYOTO2026", on("2026-04-02"))
            .unwrap_err()
            .code(),
        "login.failed"
    );
}

#[test]
fn h2_hokkaido_passwords_ignore_case() {
    let mut d = library("hokkaido");
    let c = card(&d.lib, "2000000019");
    let r = d
        .lib
        .register_patron(&actor("general", "2026-04-01"), &c, &taro(), false)
        .unwrap();
    d.lib
        .change_patron_password(&c, &r.temporary_password, "Abcd12", on("2026-04-01"))
        .unwrap();
    assert!(
        d.lib.patron_login(&c, "abcd12", on("2026-04-02")).is_ok(),
        "Abcd12 and abcd12 are the same password"
    );
    assert!(d.lib.patron_login(&c, "ABCD12", on("2026-04-02")).is_ok());
    let err = d
        .lib
        .change_patron_password(&c, "abcd12", "abc", on("2026-04-01"))
        .unwrap_err();
    assert_eq!(err.code(), "password.too_short");
    let err = d
        .lib
        .change_patron_password(&c, "abcd12", "abcdefghijklm", on("2026-04-01"))
        .unwrap_err();
    assert_eq!(err.code(), "password.too_long");
}

#[test]
fn h3_first_password_with_name_and_birth_year_only() {
    let mut d = library("hokkaido");
    let c = card(&d.lib, "2000000019");
    d.lib
        .register_patron(&actor("general", "2026-04-01"), &c, &taro(), false)
        .unwrap();
    // Born 2001-05-03: the guide's form is the year followed by 0101.
    let wrong_year =
        d.lib
            .set_first_patron_password(&c, "山田 太郎", "20000101", "pass1", on("2026-04-02"));
    assert_eq!(wrong_year.unwrap_err().code(), "login.failed");
    let wrong_name =
        d.lib
            .set_first_patron_password(&c, "山田 次郎", "20010101", "pass1", on("2026-04-02"));
    assert_eq!(wrong_name.unwrap_err().code(), "login.failed");
    // Full-width space and no space both match the registered name.
    d.lib
        .set_first_patron_password(&c, "山田　太郎", "20010101", "pass1", on("2026-04-02"))
        .unwrap();
    assert!(
        !d.lib
            .patron_login(&c, "PASS1", on("2026-04-02"))
            .unwrap()
            .must_change_password
    );
    // H4: once chosen, a forgotten password is reset by staff, not self-set again.
    let again =
        d.lib
            .set_first_patron_password(&c, "山田太郎", "20010101", "pass2", on("2026-04-03"));
    assert_eq!(again.unwrap_err().code(), "password.already_set");
}

#[test]
fn k1_kyoto_has_no_self_service_first_password() {
    let mut d = library("kyoto");
    let c = card(&d.lib, "2000000019");
    d.lib
        .register_patron(&actor("counter", "2026-04-01"), &c, &taro(), false)
        .unwrap();
    let err = d
        .lib
        .set_first_patron_password(&c, "山田 太郎", "20010101", "abc123", on("2026-04-02"))
        .unwrap_err();
    assert_eq!(err.code(), "password.self_service_disabled");
}

#[test]
fn h4_staff_reset_issues_a_new_temporary_password() {
    let mut d = library("hokkaido");
    let c = card(&d.lib, "2000000019");
    let r = d
        .lib
        .register_patron(&actor("general", "2026-04-01"), &c, &taro(), false)
        .unwrap();
    d.lib
        .change_patron_password(&c, &r.temporary_password, "mine42", on("2026-04-01"))
        .unwrap();
    let temp = d
        .lib
        .reset_patron_password(&actor("general", "2026-05-01"), &c)
        .unwrap()
        .temporary_password;
    assert_ne!(temp, r.temporary_password);
    assert!(
        d.lib
            .patron_login(&c, &temp, on("2026-04-02"))
            .unwrap()
            .must_change_password
    );
    assert_eq!(
        d.lib
            .patron_login(&c, "mine42", on("2026-04-02"))
            .unwrap_err()
            .code(),
        "login.failed"
    );
}

#[test]
fn h5_each_refused_address_has_its_own_code_and_changes_nothing() {
    let mut d = library("hokkaido");
    let c = card(&d.lib, "2000000019");
    let a = actor("general", "2026-04-01");
    d.lib.register_patron(&a, &c, &taro(), false).unwrap();
    for (addr, code) in [
        ("taro.@example.jp", "email.dot_before_at"),
        ("ta..ro@example.jp", "email.consecutive_dots"),
        ("taro@example.jp.", "email.trailing_dot"),
        ("taro", "email.invalid"),
    ] {
        assert_eq!(
            d.lib.set_patron_email(&a, &c, addr).unwrap_err().code(),
            code
        );
    }
    assert_eq!(
        d.lib.patron(&a, &c).unwrap().email.as_deref(),
        Some("taro@example.jp")
    );
}

#[test]
fn registration_checks_every_field_and_refuses_duplicates() {
    let mut d = library("hokkaido");
    let a = actor("general", "2026-04-01");
    let c = card(&d.lib, "2000000019");
    let mut bad = taro();
    bad.birth_date = Some("2001/05/03".into());
    assert_eq!(
        d.lib
            .register_patron(&a, &c, &bad, false)
            .unwrap_err()
            .code(),
        "input.bad_date"
    );
    let mut bad = taro();
    bad.partners = vec!["general".into()];
    assert_eq!(
        d.lib
            .register_patron(&a, &c, &bad, false)
            .unwrap_err()
            .code(),
        "input.bad_value"
    );
    let mut bad = taro();
    bad.residence = Some("mars".into());
    assert_eq!(
        d.lib
            .register_patron(&a, &c, &bad, false)
            .unwrap_err()
            .code(),
        "input.bad_value"
    );
    let with_partner = PatronDetails {
        partners: vec!["ebetsu".into(), "ebetsu".into()],
        ..taro()
    };
    let r = d.lib.register_patron(&a, &c, &with_partner, false).unwrap();
    assert_eq!(r.patron.partners.len(), 1, "H14: registered at Ebetsu once");
    assert_eq!(r.patron.kana.as_deref(), Some("ヤマダ タロウ"));
    assert_eq!(r.patron.postal_code.as_deref(), Some("069-0834"));
    assert_eq!(
        d.lib
            .register_patron(&a, &c, &taro(), false)
            .unwrap_err()
            .code(),
        "patron.duplicate_card"
    );
    // Search by kana typed in hiragana, by part of the name, and by card.
    assert_eq!(d.lib.search_patrons(&a, "やまだ").unwrap().len(), 1);
    assert_eq!(d.lib.search_patrons(&a, "太郎").unwrap().len(), 1);
    assert_eq!(
        d.lib
            .search_patrons(&a, "２０００００００１９")
            .unwrap()
            .len(),
        1
    );
    assert!(d.lib.search_patrons(&a, "佐藤").unwrap().is_empty());
}

#[test]
fn c7_roles_are_checked_in_the_core_and_audited() {
    let mut d = library("hokkaido");
    let admin = actor("general", "2026-04-01");
    d.lib
        .add_staff(
            &admin,
            "office1",
            "議会 事務",
            kashidashi_core::domain::Role::DietOffice,
        )
        .unwrap();
    let c = card(&d.lib, "2000000019");
    let err = d
        .lib
        .register_patron(
            &as_staff("office1", "diet", "2026-04-01"),
            &c,
            &taro(),
            false,
        )
        .unwrap_err();
    assert_eq!(err.code(), "staff.not_allowed");
    d.lib.register_patron(&admin, &c, &taro(), false).unwrap();
    let log = d.lib.audit_log(&admin, 10).unwrap();
    assert_eq!(log[0].action, "patron.register");
    assert_eq!(log[0].subject.as_deref(), Some("2000000019"));
    assert_eq!(log[0].desk.as_deref(), Some("general"));
    assert_eq!(log[0].at, "2026-04-01T10:00:00+09:00");
}
