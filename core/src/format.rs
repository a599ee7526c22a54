//! Numbers as the reader sees them, in one place for the page, its charts and the command, in
//! the reader's language: English 20,684 and 0.45; Russian 20 684 (a narrow no-break space,
//! U+202F) and 0,45, with the minus sign U+2212.
//!
//! Written with integer formatting only: `format!("{:.2}")` links the exact float formatter,
//! several kilobytes of wasm, and every number on the page goes through here.

use crate::i18n::Lang;

/// Formats a ratio: two decimals, or three below 0.1. A value near 1 that is not 1 gets as many
/// decimals as it takes not to print as 1 (up to six): an interval ending at 0.9996 must not read
/// "1.00", which a reader takes for "includes 1".
pub fn ratio_label(lang: Lang, value: f64) -> String {
    let mut decimals = if value < 0.1 { 3 } else { 2 };
    let scale = |decimals: u32| 10f64.powi(decimals as i32);
    while decimals < 6 && value != 1.0 && (value * scale(decimals)).round() == scale(decimals) {
        decimals += 1;
    }
    fixed(lang, value, decimals)
}

/// `value` with `decimals` digits after the point, rounded half away from zero.
pub fn fixed(lang: Lang, value: f64, decimals: u32) -> String {
    let minus = match lang {
        Lang::En => "-",
        Lang::Ru => "\u{2212}",
    };
    if !value.is_finite() {
        return if value.is_nan() {
            crate::i18n::number::not_available(lang).to_owned()
        } else if value > 0.0 {
            "∞".to_owned()
        } else {
            "−∞".to_owned()
        };
    }
    let scale = 10u64.pow(decimals);
    let scaled = (value.abs() * scale as f64).round();
    if scaled >= 1e18 {
        return crate::i18n::number::very_large(lang).to_owned();
    }
    let scaled = scaled as u64;
    let sign = if value < 0.0 && scaled > 0 { minus } else { "" };
    let (whole, fraction) = (scaled / scale, scaled % scale);
    if decimals == 0 {
        format!("{sign}{whole}")
    } else {
        let point = match lang {
            Lang::En => '.',
            Lang::Ru => ',',
        };
        format!(
            "{sign}{whole}{point}{fraction:0width$}",
            width = decimals as usize
        )
    }
}

/// Whole numbers with their digits grouped: 20,684; in Russian 20 684.
pub fn count_label(lang: Lang, value: u64) -> String {
    let separator = match lang {
        Lang::En => ',',
        Lang::Ru => '\u{202F}',
    };
    let digits = value.to_string();
    let mut res = String::new();
    for (idx, ch) in digits.chars().enumerate() {
        if idx > 0 && (digits.len() - idx).is_multiple_of(3) {
            res.push(separator);
        }
        res.push(ch);
    }
    res
}

/// A share as a whole percentage: "95%", in Russian too (no space, as Russian science
/// journalism writes it).
pub fn percent_label(lang: Lang, share: f64) -> String {
    format!("{}%", fixed(lang, share * 100.0, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: Lang = Lang::En;
    const RU: Lang = Lang::Ru;

    #[test]
    fn counts_and_ratios_read_well() {
        assert_eq!(count_label(EN, 20684), "20,684");
        assert_eq!(count_label(EN, 153), "153");
        assert_eq!(count_label(EN, 1_234_567), "1,234,567");
        assert_eq!(ratio_label(EN, 0.7826), "0.78");
        assert_eq!(ratio_label(EN, 0.0456), "0.046");
        assert_eq!(ratio_label(EN, 0.9996), "0.9996");
        assert_eq!(ratio_label(EN, 1.004), "1.004");
        assert_eq!(ratio_label(EN, 1.0), "1.00");
        assert_eq!(percent_label(EN, 0.95), "95%");
        for (value, decimals, want) in [
            (0.125, 2, "0.13"),
            (-1.5, 0, "-2"),
            (-0.001, 2, "0.00"),
            (98.04, 0, "98"),
            (1.23456, 3, "1.235"),
            (f64::INFINITY, 2, "∞"),
        ] {
            assert_eq!(fixed(EN, value, decimals), want, "{value}");
        }
    }

    #[test]
    fn russian_numbers_use_a_decimal_comma_and_narrow_spaces() {
        assert_eq!(count_label(RU, 20684), "20\u{202F}684");
        assert_eq!(count_label(RU, 1_234_567), "1\u{202F}234\u{202F}567");
        assert_eq!(count_label(RU, 999), "999");
        assert_eq!(ratio_label(RU, 0.4512), "0,45");
        assert_eq!(ratio_label(RU, 0.0456), "0,046");
        assert_eq!(ratio_label(RU, 0.9996), "0,9996");
        assert_eq!(fixed(RU, -1.38, 2), "\u{2212}1,38");
        assert_eq!(fixed(RU, -0.001, 2), "0,00");
        assert_eq!(fixed(RU, 98.04, 0), "98");
        assert_eq!(percent_label(RU, 0.9), "90%");
        assert_eq!(
            fixed(RU, f64::NAN, 2),
            crate::i18n::number::not_available(RU)
        );
    }
}
