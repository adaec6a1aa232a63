//! C4 (Kyoto's 図書館カードバーコード表示): the card barcode on the phone decodes, with an
//! independent reader (zbar), to what the desk's scanner path (`scan::card`, as `kashidashi
//! scan`) takes as the same card.

mod common;

use std::process::Command;

use axum::http::StatusCode;
use common::Site;
use kashidashi_core::scan;

#[test]
fn c4_the_card_barcode_on_the_phone_scans_as_the_same_card() {
    let mut s = Site::new("kyoto", "2026-04-01");
    s.patron_with("2000000019", "京都 花子", "hanako2026");
    s.patron_with("2000000027", "京都 次郎", "jiro2026");
    s.sign_in("2000000019", "hanako2026");
    let page = s.get("/card");
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("src=\"/card.png\""),
        "no card number in the URL"
    );
    assert!(page.body.contains("2000000019"));
    let png = s.get("/card.png");
    assert_eq!(png.headers["content-type"], "image/png");
    assert_eq!(png.headers["cache-control"], "no-store");
    let file = s.desk.db.dir.path().join("card.png");
    std::fs::write(&file, &png.bytes).unwrap();
    let out = Command::new("zbarimg")
        .args(["-q", "--raw"])
        .arg(&file)
        .output()
        .expect("zbarimg (zbar-tools) is installed");
    let decoded = String::from_utf8(out.stdout).unwrap();
    let decoded = decoded.trim();
    assert!(!decoded.is_empty(), "zbar read nothing");
    let scanned = scan::card(s.desk.lib.policy(), decoded).unwrap();
    assert_eq!(scanned.as_str(), "2000000019");
    // Signed out, there is no card to show.
    s.jar.clear();
    assert_eq!(s.get("/card.png").location(), Some("/signin"));
}
