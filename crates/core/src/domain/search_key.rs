//! The form a title is searched in (My Page, `item search`): one text per title of its title,
//! author and romanized form, folded so that the way a word is typed does not matter:
//! full-width and half-width letters, digits and kana are one (NFKC), katakana and hiragana
//! are one, case is one, and spaces and punctuation are dropped (ハリー・ポッター is found by
//! はりー ぽったー or ﾊﾘｰﾎﾟｯﾀｰ, SQL by ｓｑｌ). Stored in `titles.search_key` when a title is made, so a search
//! over a library-scale catalogue is one `LIKE` in the database.

use unicode_normalization::UnicodeNormalization;

/// Katakana as hiragana: the block's letters ァ..ヶ and the iteration marks ヽヾ sit 0x60 above
/// their hiragana twins; ー and ・ stay as they are.
fn hiragana(c: char) -> char {
    match c {
        '\u{30A1}'..='\u{30F6}' | '\u{30FD}'..='\u{30FE}' => {
            char::from_u32(c as u32 - 0x60).unwrap_or(c)
        }
        _ => c,
    }
}

/// One piece of text as it is compared.
pub(crate) fn fold(s: &str) -> String {
    s.nfkc()
        .flat_map(char::to_lowercase)
        .map(hiragana)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// A title's key: its parts folded, a space between them (a folded needle has no space, so a
/// match never runs from the title into the author). LIKE's own `%` and `_` fold away too.
pub(crate) fn title_key(title: &str, author: Option<&str>, romanized: Option<&str>) -> String {
    [Some(title), author, romanized]
        .into_iter()
        .flatten()
        .map(fold)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kana_width_and_case_fold_to_one_form() {
        assert_eq!(fold("ハリー・ポッター"), fold("はりー・ぽったー"));
        assert_eq!(fold("ﾊﾘｰ"), fold("ハリー"));
        assert_eq!(fold("ＡＢＣ　１２３"), "abc123");
        assert_eq!(fold("Natsume Sōseki"), "natsumesōseki");
        assert_eq!(fold("J.K.ローリング"), "jkろーりんぐ");
        assert_eq!(fold("100%_"), "100");
        assert_eq!(fold("ヴァイオリン"), "ゔぁいおりん");
    }

    #[test]
    fn a_key_keeps_its_parts_apart() {
        assert_eq!(
            title_key("坊っちゃん", Some("夏目 漱石"), None),
            "坊っちゃん 夏目漱石"
        );
    }
}
