//! MARC 880 (issue 9, To build 4): real LC records of Japanese books, read at their path in
//! `../shared/reference/marc-ja/` (see its README). The title and author come in Japanese from
//! the 880 linked to 245 and 100/110; the romanized forms stay searchable.

mod common;

use std::path::PathBuf;

use common::*;
use kashidashi_core::catalog::TitleHit;

fn reference(name: &str) -> Vec<u8> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "../../../shared/reference/marc-ja",
        name,
    ]
    .iter()
    .collect();
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn import(d: &mut Desk, name: &str) {
    d.lib
        .import_marc(&actor("general", "2026-04-01"), &reference(name))
        .unwrap();
}

fn search(d: &mut Desk, q: &str) -> Vec<TitleHit> {
    d.lib
        .search_titles(&actor("general", "2026-04-01"), q)
        .unwrap()
}

fn titles(hits: &[TitleHit]) -> Vec<(&str, Option<&str>)> {
    hits.iter()
        .map(|h| (h.title.as_str(), h.author.as_deref()))
        .collect()
}

#[test]
fn lc_records_take_the_japanese_title_and_author_from_the_linked_880() {
    let mut d = library("hokkaido");
    import(&mut d, "traject-test_data-kubo-sakae.mrc");
    import(&mut d, "yaz-marccol1-handa.mrc");
    import(&mut d, "yaz-marccol4-shikoku.mrc");

    let kubo = search(&mut d, "火山灰地");
    assert_eq!(
        titles(&kubo),
        [
            ("久保栄 「火山灰地」 を読む", Some("吉田一")),
            ("久保栄「火山灰地」を読む", Some("吉田一")),
        ]
    );
    assert_eq!(
        kubo[1].romanized.as_deref(),
        Some("Kubo Sakae 'Kazanbaichi' o yomu / Yoshida, Hajime")
    );
    assert_eq!(kubo[1].isbn.as_deref(), Some("9784588460050"));

    // 880 $6 245-01, no author field at all.
    let handa = search(&mut d, "半田");
    assert_eq!(titles(&handa), [("半田 市誌", None)]);
    assert_eq!(handa[0].romanized.as_deref(), Some("Handa shishi"));

    // A corporate author (110) with its own 880; the title's stray macrons kept as catalogued.
    let shikoku = search(&mut d, "活動報告");
    assert_eq!(
        titles(&shikoku),
        [(
            "四国産学官連携センタ\u{304}\u{304}ー活動報告",
            Some("産業技術総合研究所")
        )]
    );
}

#[test]
fn the_romanized_title_and_author_still_find_the_japanese_title() {
    let mut d = library("hokkaido");
    import(&mut d, "traject-test_data-kubo-sakae.mrc");
    import(&mut d, "yaz-marccol1-handa.mrc");
    for q in ["kazanbaichi", "KUBO SAKAE", "yoshida, hajime"] {
        assert_eq!(search(&mut d, q).len(), 2, "{q}");
    }
    assert_eq!(
        titles(&search(&mut d, "handa shishi")),
        [("半田 市誌", None)]
    );
    assert!(
        search(&mut d, "%").is_empty(),
        "a wildcard alone finds nothing"
    );
    assert!(
        search(&mut d, "tokyo").is_empty(),
        "the 880 of 260 is not a title"
    );
}

#[test]
fn a_record_catalogued_in_japanese_in_245_itself_keeps_it_with_nothing_romanized() {
    let mut d = library("hokkaido");
    import(&mut d, "marc4j-pride-and-prejudice-rec303.mrc");
    let hits = search(&mut d, "自負と偏見");
    assert_eq!(titles(&hits), [("自負と偏見", Some("Austen, Jane"))]);
    assert_eq!(hits[0].romanized, None);
    assert_eq!(
        hits[0].isbn.as_deref(),
        Some("9784102131039"),
        "ISBN-10 kept as ISBN-13"
    );
    assert!(hits[0].copies.is_empty(), "the record has no holdings");
}
