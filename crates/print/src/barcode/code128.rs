//! Code 128 through barcoders: the most robust symbology for slips. Digits go in code set C
//! (two a symbol), anything else in code set B.

use super::Bars;
use crate::error::{PrintError, Result};

pub fn code128(data: &str) -> Result<Bars> {
    let refuse = || PrintError::Barcode {
        symbology: "Code 128",
        data: data.to_string(),
    };
    if data.is_empty() || !data.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return Err(refuse());
    }
    let pairs_of_digits = data.bytes().all(|b| b.is_ascii_digit()) && data.len().is_multiple_of(2);
    let set = if pairs_of_digits { 'Ć' } else { 'Ɓ' };
    let symbol =
        barcoders::sym::code128::Code128::new(format!("{set}{data}")).map_err(|_| refuse())?;
    Ok(Bars {
        modules: symbol.encode().into_iter().map(|m| m == 1).collect(),
        text: data.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_digits_take_five_symbols_of_code_set_c() {
        let bars = code128("1000000017").unwrap();
        // Start, five pairs of digits, check symbol (11 modules each), stop (13).
        assert_eq!(bars.modules.len(), 7 * 11 + 13);
        assert!(code128("H-12").is_ok());
        assert!(code128("予約").is_err());
        assert!(code128("").is_err());
    }
}
