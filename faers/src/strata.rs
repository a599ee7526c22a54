//! Sex and age band of a report, from its DEMO fields.

use glabella_core::data::{AgeBand, Sex};

/// `F` or `M` (any case, spaces around ignored); anything else (`UNK`, `NS`, blank) is `U`.
pub fn sex(field: &[u8]) -> Sex {
    match field.trim_ascii() {
        [byte] if byte.eq_ignore_ascii_case(&b'F') => Sex::F,
        [byte] if byte.eq_ignore_ascii_case(&b'M') => Sex::M,
        _ => Sex::U,
    }
}

/// Ages above this many years are taken as errors of entry (a year of birth in `age`, say).
const MAX_YEARS: f64 = 120.0;

/// The age band of `age` in the unit `age_cod`: `DEC` decades, `YR` years, `MON` months, `WK`
/// weeks, `DY` days, `HR` hours. A missing, unreadable, negative or implausible age (above 120
/// years), or another unit, is `U`.
pub fn age_band(age: &[u8], code: &[u8]) -> AgeBand {
    years(age, code).map_or(AgeBand::Unknown, band)
}

fn years(age: &[u8], code: &[u8]) -> Option<f64> {
    // Years per unit: decades are multiplied, the others divided (as the brief gives them).
    const UNITS: [(&[u8], f64, f64); 6] = [
        (b"DEC", 10.0, 1.0),
        (b"YR", 1.0, 1.0),
        (b"MON", 1.0, 12.0),
        (b"WK", 1.0, 52.18),
        (b"DY", 1.0, 365.25),
        (b"HR", 1.0, 8766.0),
    ];
    let code = code.trim_ascii();
    let &(_, times, per) = UNITS
        .iter()
        .find(|(unit, _, _)| unit.eq_ignore_ascii_case(code))?;
    let text = std::str::from_utf8(age.trim_ascii()).ok()?;
    // Only plain decimals: `f64::from_str` would also take `inf`, `NaN` and `1e3`.
    let plain = !text.is_empty()
        && text
            .bytes()
            .all(|byte| byte.is_ascii_digit() || byte == b'.')
        && text.bytes().any(|byte| byte.is_ascii_digit());
    if !plain {
        return None;
    }
    let value: f64 = text.parse().ok()?;
    let years = value * times / per;
    (years.is_finite() && years <= MAX_YEARS).then_some(years)
}

fn band(years: f64) -> AgeBand {
    match years {
        y if y < 18.0 => AgeBand::Under18,
        y if y < 30.0 => AgeBand::From18To29,
        y if y < 40.0 => AgeBand::From30To39,
        y if y < 50.0 => AgeBand::From40To49,
        y if y < 60.0 => AgeBand::From50To59,
        y if y < 70.0 => AgeBand::From60To69,
        _ => AgeBand::From70,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sex_is_f_m_or_unknown() {
        for (field, want) in [
            (&b"F"[..], Sex::F),
            (b"M", Sex::M),
            (b" f\r", Sex::F),
            (b"UNK", Sex::U),
            (b"NS", Sex::U),
            (b"", Sex::U),
            (b"\xff", Sex::U),
        ] {
            assert_eq!(sex(field), want, "{field:?}");
        }
    }

    #[test]
    fn ages_convert_to_years_then_bands() {
        let band_of = |age: &str, code: &str| age_band(age.as_bytes(), code.as_bytes()).code();
        for (age, code, want) in [
            ("4", "DEC", "40-49"),
            ("45", "YR", "40-49"),
            ("17.99", "YR", "0-17"),
            ("18", "YR", "18-29"),
            ("70", "YR", "70+"),
            ("120", "YR", "70+"),
            ("540", "MON", "40-49"),
            ("18", "MON", "0-17"),
            ("2400", "WK", "40-49"),
            ("16500", "DY", "40-49"),
            ("400000", "HR", "40-49"),
            (" 45 ", "yr", "40-49"),
            ("0", "YR", "0-17"),
            ("45.", "YR", "40-49"),
            (".5", "DEC", "0-17"),
            // Just under 18 years with the brief's divisors, 18 or more with rounder ones.
            ("939", "WK", "0-17"),
            ("940", "WK", "18-29"),
            ("6574", "DY", "0-17"),
            ("6575", "DY", "18-29"),
            ("157780", "HR", "0-17"),
            ("157788", "HR", "18-29"),
            ("215", "MON", "0-17"),
            ("216", "MON", "18-29"),
            ("1.7", "DEC", "0-17"),
            ("1.8", "DEC", "18-29"),
            ("0.7", "DEC", "0-17"),
            ("7", "DEC", "70+"),
            ("3", "DEC", "30-39"),
        ] {
            assert_eq!(band_of(age, code), want, "{age} {code}");
        }
        for (age, code) in [
            ("", "YR"),
            ("45", ""),
            ("45", "XX"),
            ("-3", "YR"),
            ("abc", "YR"),
            ("1961", "YR"),
            ("121", "YR"),
            ("13", "DEC"),
            ("1e3", "YR"),
            ("inf", "YR"),
            ("NaN", "YR"),
            (".", "YR"),
            ("4.5.1", "YR"),
            ("\u{e9}", "YR"),
        ] {
            assert_eq!(band_of(age, code), "U", "{age} {code}");
        }
        assert_eq!(age_band(b"\xff45", b"YR"), AgeBand::Unknown);
    }
}
