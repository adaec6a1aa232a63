//! H13: ゆうメール when the parcel fits 34 × 25 × 3 cm and 1 kg (limits included); otherwise
//! ゆうパック, sized by the sum of its three sides, up to 170 cm and 25 kg.

use crate::error::{Error, Refusal, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carrier {
    YuMail,
    /// With its size class (60, 80, 100, 120, 140, 160, 170).
    YuPack(u32),
}

impl Carrier {
    pub fn as_str(self) -> &'static str {
        match self {
            Carrier::YuMail => "yu-mail",
            Carrier::YuPack(_) => "yu-pack",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Carrier::YuMail => "ゆうメール",
            Carrier::YuPack(_) => "ゆうパック",
        }
    }

    pub fn size_class(self) -> Option<u32> {
        match self {
            Carrier::YuMail => None,
            Carrier::YuPack(c) => Some(c),
        }
    }
}

/// A parcel's sides in millimetres, longest first, and its weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parcel {
    pub sides_mm: [u32; 3],
    pub weight_g: u32,
}

impl Parcel {
    pub fn new(mut sides_mm: [u32; 3], weight_g: u32) -> Parcel {
        sides_mm.sort_unstable_by(|a, b| b.cmp(a));
        Parcel { sides_mm, weight_g }
    }

    /// Several books in one parcel, stacked: the largest length and width, the thicknesses and
    /// weights added.
    pub fn stack(books: &[Parcel]) -> Parcel {
        let l = books.iter().map(|b| b.sides_mm[0]).max().unwrap_or(0);
        let w = books.iter().map(|b| b.sides_mm[1]).max().unwrap_or(0);
        let t = books.iter().map(|b| b.sides_mm[2]).sum();
        Parcel::new([l, w, t], books.iter().map(|b| b.weight_g).sum())
    }
}

const YU_MAIL_MAX_MM: [u32; 3] = [340, 250, 30];
const YU_MAIL_MAX_G: u32 = 1_000;
const YU_PACK_CLASSES_CM: [u32; 7] = [60, 80, 100, 120, 140, 160, 170];
const YU_PACK_MAX_G: u32 = 25_000;

pub fn choose_carrier(p: Parcel) -> Result<Carrier> {
    let fits_mail = p
        .sides_mm
        .iter()
        .zip(YU_MAIL_MAX_MM)
        .all(|(s, max)| *s <= max);
    if fits_mail && p.weight_g <= YU_MAIL_MAX_G {
        return Ok(Carrier::YuMail);
    }
    let sum_mm: u32 = p.sides_mm.iter().sum();
    let class = YU_PACK_CLASSES_CM.iter().find(|c| sum_mm <= *c * 10);
    let mut reasons = Vec::new();
    if class.is_none() {
        reasons.push(Refusal::ParcelTooLarge {
            sum_cm: sum_mm.div_ceil(10),
        });
    }
    if p.weight_g > YU_PACK_MAX_G {
        reasons.push(Refusal::ParcelTooHeavy {
            weight_g: p.weight_g,
        });
    }
    match class {
        Some(c) if reasons.is_empty() => Ok(Carrier::YuPack(*c)),
        _ => Err(Error::Refused(reasons)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn carrier(cm: [f64; 3], g: u32) -> Result<Carrier> {
        choose_carrier(Parcel::new(cm.map(|c| (c * 10.0).round() as u32), g))
    }

    #[test]
    fn h13_yu_mail_limits_are_included() {
        assert_eq!(carrier([34.0, 25.0, 3.0], 1000).unwrap(), Carrier::YuMail);
        assert_eq!(carrier([30.0, 21.0, 2.0], 500).unwrap(), Carrier::YuMail);
        // Orientation does not matter: the longest side is the length.
        assert_eq!(carrier([3.0, 34.0, 25.0], 1000).unwrap(), Carrier::YuMail);
    }

    #[test]
    fn h13_one_limit_over_means_yu_pack_with_its_size_class() {
        assert_eq!(
            carrier([34.1, 25.0, 3.0], 1000).unwrap(),
            Carrier::YuPack(80)
        );
        assert_eq!(
            carrier([34.0, 25.1, 3.0], 1000).unwrap(),
            Carrier::YuPack(80)
        );
        assert_eq!(
            carrier([34.0, 25.0, 3.1], 1000).unwrap(),
            Carrier::YuPack(80)
        );
        assert_eq!(
            carrier([30.0, 21.0, 2.0], 1001).unwrap(),
            Carrier::YuPack(60)
        );
        assert_eq!(
            carrier([30.0, 20.0, 10.0], 2000).unwrap(),
            Carrier::YuPack(60)
        );
        assert_eq!(
            carrier([30.0, 20.0, 10.1], 2000).unwrap(),
            Carrier::YuPack(80)
        );
        assert_eq!(
            carrier([60.0, 50.0, 50.0], 9000).unwrap(),
            Carrier::YuPack(160)
        );
        assert_eq!(
            carrier([60.0, 60.0, 50.0], 9000).unwrap(),
            Carrier::YuPack(170)
        );
    }

    #[test]
    fn h13_beyond_yu_pack_is_refused_with_every_reason() {
        let e = carrier([70.0, 60.0, 50.0], 26_000).unwrap_err();
        let codes: Vec<_> = match &e {
            Error::Refused(rs) => rs.iter().map(Refusal::code).collect(),
            _ => panic!(),
        };
        assert_eq!(codes, vec!["delivery.too_large", "delivery.too_heavy"]);
        assert_eq!(
            carrier([30.0, 20.0, 10.0], 25_001).unwrap_err().code(),
            "delivery.too_heavy"
        );
        assert_eq!(
            carrier([30.0, 20.0, 10.0], 25_000).unwrap(),
            Carrier::YuPack(60)
        );
    }

    #[test]
    fn h13_a_stack_of_books_adds_thickness_and_weight() {
        let bunko = Parcel::new([148, 105, 15], 150);
        let tankobon = Parcel::new([188, 128, 20], 300);
        let stack = Parcel::stack(&[bunko, tankobon, bunko]);
        assert_eq!(stack.sides_mm, [188, 128, 50]);
        assert_eq!(stack.weight_g, 600);
        assert_eq!(
            choose_carrier(stack).unwrap(),
            Carrier::YuPack(60),
            "5 cm is thicker than ゆうメール's 3 cm"
        );
        assert_eq!(
            choose_carrier(Parcel::stack(&[bunko, bunko])).unwrap(),
            Carrier::YuMail
        );
    }
}
