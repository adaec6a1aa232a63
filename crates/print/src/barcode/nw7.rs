//! NW-7 (Codabar, JIS X 0503), the symbology of Japanese library cards and item labels. Encoded
//! here because barcoders 2.0's Codabar swaps the B and C start/stop patterns.

use super::Bars;
use crate::error::{PrintError, Result};

/// Wide elements are three modules to one for narrow ones: the widest ratio JIS allows, the
/// easiest for readers to tell apart.
const WIDE: usize = 3;

/// Seven elements per character, bar first, alternating bar and space; a set bit is wide.
fn pattern(c: char) -> Option<u8> {
    Some(match c {
        '0' => 0b000_0011,
        '1' => 0b000_0110,
        '2' => 0b000_1001,
        '3' => 0b110_0000,
        '4' => 0b001_0010,
        '5' => 0b100_0010,
        '6' => 0b010_0001,
        '7' => 0b010_0100,
        '8' => 0b011_0000,
        '9' => 0b100_1000,
        '-' => 0b000_1100,
        '$' => 0b001_1000,
        ':' => 0b100_0101,
        '/' => 0b101_0001,
        '.' => 0b101_0100,
        '+' => 0b001_0101,
        'A' => 0b001_1010,
        'B' => 0b010_1001,
        'C' => 0b000_1011,
        'D' => 0b000_1110,
        _ => return None,
    })
}

/// `data` between the `start` and `stop` characters (A–D). The scanner path
/// (`kashidashi_core::scan::classify`) strips them again.
pub fn nw7(data: &str, start: char, stop: char) -> Result<Bars> {
    let refuse = || PrintError::Barcode {
        symbology: "NW-7",
        data: data.to_string(),
    };
    let guards_ok = [start, stop].iter().all(|g| matches!(g, 'A'..='D'));
    if data.is_empty() || !guards_ok || data.chars().any(|c| matches!(c, 'A'..='D')) {
        return Err(refuse());
    }
    let mut modules = Vec::new();
    let symbol: Vec<char> = std::iter::once(start)
        .chain(data.chars())
        .chain(std::iter::once(stop))
        .collect();
    for (n, &c) in symbol.iter().enumerate() {
        let bits = pattern(c).ok_or_else(refuse)?;
        if n > 0 {
            // The gap between characters: one narrow space.
            modules.push(false);
        }
        for element in 0..7 {
            let wide = bits & (1 << (6 - element)) != 0;
            let bar = element % 2 == 0;
            modules.extend(std::iter::repeat_n(bar, if wide { WIDE } else { 1 }));
        }
    }
    Ok(Bars {
        modules,
        text: data.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_has_two_or_three_wide_elements_and_starts_with_a_bar() {
        for c in "0123456789-$:/.+ABCD".chars() {
            let wide = pattern(c).unwrap().count_ones();
            assert!(wide == 2 || wide == 3, "{c}");
        }
        let bars = nw7("1000000017", 'A', 'A').unwrap();
        assert!(bars.modules[0] && *bars.modules.last().unwrap());
        // Start and stop have three wide elements (13 modules), digits two (11), then 11 gaps.
        assert_eq!(bars.modules.len(), 2 * 13 + 10 * 11 + 11);
    }

    #[test]
    fn b_and_c_differ_as_the_standard_says() {
        // B: narrow bar, WIDE space, narrow bar, WIDE space, narrow bar, narrow space, WIDE bar.
        assert_eq!(pattern('B'), Some(0b010_1001));
        assert_eq!(pattern('C'), Some(0b000_1011));
    }

    #[test]
    fn guard_letters_inside_the_data_and_unknown_characters_are_refused() {
        assert!(nw7("12A4", 'A', 'A').is_err());
        assert!(nw7("12x4", 'A', 'A').is_err());
        assert!(nw7("1234", 'E', 'A').is_err());
        assert!(nw7("", 'A', 'A').is_err());
    }
}
