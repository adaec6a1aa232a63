//! Patron records (C22) and `patron edit` (defect 8 of issue 9) through the core API, on both
//! engines: suspension with its reason and last day, registration expiry from the profile,
//! card replacement, and the warning for a name and birth date already on file.

mod common;

use common::*;
use kashidashi_core::holds::{HoldRequest, Notify, PlacedBy};
use kashidashi_core::patrons::{PatronDetails, PatronEdit, RegistrationWarning};
use kashidashi_core::{Error, Refusal};

fn refusal(e: &Error) -> &Refusal {
    match e {
        Error::Refused(rs) => &rs[0],
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn defect_8_edit_changes_only_the_fields_given() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    let c = card(&d.lib, "2000000019");
    let a = actor("general", "2026-05-12");
    let before = d.lib.patron(&a, &c).unwrap();
    let edit = PatronEdit {
        name: Some("佐藤 太郎".into()),
        address: Some("江別市大麻東町1".into()),
        ..Default::default()
    };
    let after = d.lib.edit_patron(&a, &c, &edit).unwrap();
    assert_eq!(after.name, "佐藤 太郎");
    assert_eq!(after.address.as_deref(), Some("江別市大麻東町1"));
    assert_eq!(after.email, before.email);
    assert_eq!(after.birth_date, before.birth_date);
    assert_eq!(after.postal_code.as_deref(), Some("060-0001"));
    assert_eq!(after.partners, before.partners);
    assert!(!after.partners.is_empty(), "registered at Ebetsu");

    let cleared = d
        .lib
        .edit_patron(
            &a,
            &c,
            &PatronEdit {
                email: Some(String::new()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(cleared.email, None);
    assert_eq!(cleared.name, "佐藤 太郎");
    d.sound();
}

#[test]
fn c22_a_suspended_patron_borrows_reserves_and_renews_nothing_through_the_last_day() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.copy("1000000017", "北の本", "normal");
    d.copy("1000000025", "南の本", "normal");
    d.copy("1000000033", "東の本", "normal");
    d.checkout("general", "2026-04-07", "2000000019", "1000000025")
        .unwrap();
    let c = card(&d.lib, "2000000019");
    let p = d
        .lib
        .suspend_patron(
            &actor("general", "2026-04-08"),
            &c,
            "延滞資料の未返却",
            Some("2026-04-16"),
        )
        .unwrap();
    assert_eq!(
        p.suspension.as_ref().unwrap().until,
        Some(day("2026-04-16"))
    );

    // Friday 4/10: checkout, a hold and a renewal are all refused by name, with reason and day.
    let e = d
        .checkout("general", "2026-04-10", "2000000019", "1000000017")
        .unwrap_err();
    assert_eq!(
        refusal(&e),
        &Refusal::Suspended {
            reason: "延滞資料の未返却".into(),
            until: Some("2026-04-16".into()),
        }
    );
    assert_eq!(e.code(), "patron.suspended");
    assert_eq!(e.rule(), Some("C22"));
    assert!(!e.overridable(), "staff resume the patron instead");
    let b = item(&d.lib, "1000000017");
    let e = d
        .lib
        .checkout(&actor("general", "2026-04-10"), &c, &b, true)
        .unwrap_err();
    assert_eq!(
        e.code(),
        "patron.suspended",
        "a supervisor's override does not pass it"
    );
    let e = d
        .hold("2026-04-10", "2000000019", "1000000033", "general")
        .unwrap_err();
    assert!(codes(&e).contains(&"patron.suspended"), "{e:?}");
    let e = d.renew("2026-04-10", "1000000025").unwrap_err();
    assert!(codes(&e).contains(&"patron.suspended"), "{e:?}");

    // The last day still counts; the suspension ends by itself the next day.
    assert_eq!(
        d.checkout("general", "2026-04-16", "2000000019", "1000000017")
            .unwrap_err()
            .code(),
        "patron.suspended"
    );
    d.checkout("general", "2026-04-17", "2000000019", "1000000017")
        .unwrap();
    d.renew("2026-04-17", "1000000025").unwrap();
    let e = d
        .lib
        .resume_patron(&actor("general", "2026-04-17"), &c)
        .unwrap_err();
    assert_eq!(e.code(), "patron.not_suspended");
    d.sound();
}

#[test]
fn c22_a_suspension_without_an_end_lasts_until_resumed() {
    let mut d = library("kyoto");
    d.patron("2000000019", "京都 花子");
    d.copy("1000000017", "檸檬", "normal");
    let c = card(&d.lib, "2000000019");
    let a = actor("counter", "2026-04-01");
    let e = d.lib.suspend_patron(&a, &c, "  ", None).unwrap_err();
    assert_eq!(e.code(), "input.missing", "a suspension needs its reason");
    let e = d
        .lib
        .suspend_patron(&a, &c, "カード不正利用の疑い", Some("2026-03-31"))
        .unwrap_err();
    assert_eq!(
        e.code(),
        "input.bad_date",
        "the last day is not in the past"
    );
    d.lib
        .suspend_patron(&a, &c, "カード不正利用の疑い", None)
        .unwrap();
    let e = d
        .checkout("counter", "2027-04-01", "2000000019", "1000000017")
        .unwrap_err();
    assert_eq!(
        refusal(&e),
        &Refusal::Suspended {
            reason: "カード不正利用の疑い".into(),
            until: None,
        }
    );
    let p = d
        .lib
        .resume_patron(&actor("counter", "2027-04-01"), &c)
        .unwrap();
    assert_eq!(p.suspension, None);
    d.checkout("counter", "2027-04-01", "2000000019", "1000000017")
        .unwrap();
}

/// Kyoto's shipped profile with registrations valid for three years.
fn kyoto_three_years() -> Desk {
    let db = TestDb::new("k.db");
    let text = kashidashi_core::policy::builtin_profile("kyoto")
        .unwrap()
        .replace(
            "residence_categories = [\"resident\", \"student\", \"worker\", \"other\"]",
            "residence_categories = [\"resident\", \"student\", \"worker\", \"other\"]\nregistration_years = 3",
        );
    let path = db.dir.path().join("kyoto3.toml");
    std::fs::write(&path, text).unwrap();
    let lib = kashidashi_core::Library::init(&db.target, path.to_str().unwrap(), on("2026-04-01"))
        .unwrap();
    assert_eq!(lib.policy().registration_years, Some(3));
    Desk { lib, db }
}

#[test]
fn c22_a_registration_runs_out_after_the_profile_years_until_staff_confirm_the_address() {
    let mut d = kyoto_three_years();
    d.copy("1000000017", "檸檬", "normal");
    d.copy("1000000025", "山月記", "normal");
    d.copy("1000000033", "高瀬舟", "normal");
    // Registered on Tuesday 2026-01-06 (the helper's day): valid through 2029-01-05.
    d.patron("2000000019", "京都 花子");
    let c = card(&d.lib, "2000000019");
    let p = d.lib.patron(&actor("counter", "2029-01-05"), &c).unwrap();
    assert_eq!(
        p.registration_valid_until(d.lib.policy()),
        Some(day("2029-01-05"))
    );
    d.checkout("counter", "2029-01-05", "2000000019", "1000000017")
        .unwrap();
    let e = d
        .checkout("counter", "2029-01-06", "2000000019", "1000000025")
        .unwrap_err();
    assert_eq!(
        refusal(&e),
        &Refusal::RegistrationExpired {
            expired_on: "2029-01-05".into()
        }
    );
    let b = item(&d.lib, "1000000033");
    let req = HoldRequest {
        pickup: "counter".into(),
        notify: Notify::None,
        by: PlacedBy::Staff,
    };
    let e = d
        .lib
        .place_hold(&actor("counter", "2029-01-06"), &c, &b, &req, false)
        .unwrap_err();
    assert!(codes(&e).contains(&"patron.registration_expired"), "{e:?}");

    let p = d
        .lib
        .confirm_patron_address(&actor("counter", "2029-01-09"), &c)
        .unwrap();
    assert_eq!(
        p.registration_valid_until(d.lib.policy()),
        Some(day("2032-01-08"))
    );
    d.checkout("counter", "2029-01-09", "2000000019", "1000000025")
        .unwrap();
}

#[test]
fn c22_the_shipped_profiles_let_no_registration_expire() {
    for (profile, desk) in [("hokkaido", "general"), ("kyoto", "counter")] {
        let mut d = library(profile);
        d.patron("2000000019", "長い 利用者");
        d.copy("1000000017", "十年後の本", "normal");
        let p = d
            .lib
            .patron(&actor(desk, "2030-04-02"), &card(&d.lib, "2000000019"))
            .unwrap();
        assert_eq!(p.registration_valid_until(d.lib.policy()), None);
        d.checkout(desk, "2030-04-03", "2000000019", "1000000017")
            .unwrap();
    }
}

#[test]
fn c22_a_replaced_card_keeps_loans_holds_and_password_and_the_old_number_is_refused() {
    let mut d = library("hokkaido");
    d.patron("2000000019", "山田 太郎");
    d.patron("2000000027", "佐藤 花子");
    d.copy("1000000017", "北の本", "normal");
    d.copy("1000000025", "南の本", "normal");
    d.checkout("general", "2026-04-07", "2000000027", "1000000025")
        .unwrap();
    d.checkout("general", "2026-04-07", "2000000019", "1000000017")
        .unwrap();
    let hold = d
        .hold("2026-04-07", "2000000019", "1000000025", "general")
        .unwrap();
    let old = card(&d.lib, "2000000019");
    let new = card(&d.lib, "2000000043");
    let temp = d
        .lib
        .reset_patron_password(&actor("general", "2026-04-07"), &old)
        .unwrap()
        .temporary_password;
    d.lib
        .change_patron_password(&old, &temp, "taro2026", on("2026-04-07"))
        .unwrap();

    // A card number in use, or the patron's own, is not a new card.
    let a = actor("general", "2026-04-08");
    let taken = card(&d.lib, "2000000027");
    assert_eq!(
        d.lib.replace_card(&a, &old, &taken).unwrap_err().code(),
        "patron.duplicate_card"
    );
    let p = d.lib.replace_card(&a, &old, &new).unwrap();
    assert_eq!(p.card, new);
    assert_eq!(p.name, "山田 太郎");

    let panel = d.lib.patron_panel(&a, &new).unwrap();
    assert_eq!(panel.loans.len(), 1);
    assert_eq!(panel.loans[0].loan.item.barcode.as_str(), "1000000017");
    assert_eq!(panel.holds.len(), 1);
    assert_eq!(panel.holds[0].id, hold.id);
    assert!(
        d.lib
            .patron_login(&new, "taro2026", on("2026-04-08"))
            .is_ok(),
        "the password moves too"
    );

    for e in [
        d.lib.patron(&a, &old).unwrap_err(),
        d.checkout("general", "2026-04-08", "2000000019", "1000000025")
            .unwrap_err(),
    ] {
        assert_eq!(
            refusal(&e),
            &Refusal::CardReplaced {
                card: "2000000019".into()
            }
        );
        assert_eq!(e.rule(), Some("C22"));
    }
    // The old number is never issued again, to anyone.
    let again = d
        .lib
        .register_patron(
            &a,
            &old,
            &PatronDetails {
                name: "別の 人".into(),
                ..Default::default()
            },
            false,
        )
        .unwrap_err();
    assert_eq!(again.code(), "patron.duplicate_card");
    // The hold is filled under the new card when the copy comes back.
    let back = d.checkin("general", "2026-04-09", "1000000025").unwrap();
    assert_eq!(trapped(&back).hold, hold.id);
    d.checkout("general", "2026-04-10", "2000000043", "1000000025")
        .unwrap();
    d.sound();
}

#[test]
fn c22_a_name_and_birth_date_already_on_file_warn_but_register() {
    let mut d = library("kyoto");
    let a = actor("counter", "2026-04-01");
    let taro = |name: &str, birth: &str| PatronDetails {
        name: name.into(),
        birth_date: Some(birth.into()),
        ..Default::default()
    };
    let first = d
        .lib
        .register_patron(
            &a,
            &card(&d.lib, "2000000019"),
            &taro("山田 太郎", "2001-05-03"),
            false,
        )
        .unwrap();
    assert!(first.warnings.is_empty());
    // Typed with a full-width space this time: the same person to a librarian.
    let second = d
        .lib
        .register_patron(
            &a,
            &card(&d.lib, "2000000027"),
            &taro("山田　太郎", "2001-05-03"),
            false,
        )
        .unwrap();
    assert_eq!(
        second.warnings,
        vec![RegistrationWarning::SameNameAndBirth {
            cards: vec![card(&d.lib, "2000000019")]
        }]
    );
    assert_eq!(second.warnings[0].code(), "patron.possible_duplicate");
    assert!(
        second.warnings[0]
            .message(kashidashi_core::Lang::Ja)
            .contains("2000000019")
    );
    assert_eq!(
        second.patron.card.as_str(),
        "2000000027",
        "registered all the same"
    );
    let other_birthday = d
        .lib
        .register_patron(
            &a,
            &card(&d.lib, "2000000035"),
            &taro("山田 太郎", "1999-05-03"),
            false,
        )
        .unwrap();
    assert!(other_birthday.warnings.is_empty());
}
