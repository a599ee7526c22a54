//! Numbers as the reader sees them, in one place for the page, its charts and the command.
//!
//! Written with integer formatting only: `format!("{:.2}")` links the exact float formatter,
//! several kilobytes of wasm, and every number on the page goes through here.

/// Formats a ratio: two decimals, or three below 0.1. A value near 1 that is not 1 gets as many
/// decimals as it takes not to print as 1 (up to six): an interval ending at 0.9996 must not read
/// "1.00", which a reader takes for "includes 1".
pub fn ratio_label(value: f64) -> String {
    let mut decimals = if value < 0.1 { 3 } else { 2 };
    let scale = |decimals: u32| 10f64.powi(decimals as i32);
    while decimals < 6 && value != 1.0 && (value * scale(decimals)).round() == scale(decimals) {
        decimals += 1;
    }
    fixed(value, decimals)
}

/// `value` with `decimals` digits after the point, rounded half away from zero.
pub fn fixed(value: f64, decimals: u32) -> String {
    if !value.is_finite() {
        return if value.is_nan() {
            "n/a".to_owned()
        } else if value > 0.0 {
            "∞".to_owned()
        } else {
            "−∞".to_owned()
        };
    }
    let scale = 10u64.pow(decimals);
    let scaled = (value.abs() * scale as f64).round();
    if scaled >= 1e18 {
        return "a very large number".to_owned();
    }
    let scaled = scaled as u64;
    let sign = if value < 0.0 && scaled > 0 { "-" } else { "" };
    let (whole, fraction) = (scaled / scale, scaled % scale);
    if decimals == 0 {
        format!("{sign}{whole}")
    } else {
        format!(
            "{sign}{whole}.{fraction:0width$}",
            width = decimals as usize
        )
    }
}

/// Whole numbers with thousands separators: 20,684.
pub fn count_label(value: u64) -> String {
    let digits = value.to_string();
    let mut res = String::new();
    for (idx, ch) in digits.chars().enumerate() {
        if idx > 0 && (digits.len() - idx).is_multiple_of(3) {
            res.push(',');
        }
        res.push(ch);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_ratios_read_well() {
        assert_eq!(count_label(20684), "20,684");
        assert_eq!(count_label(153), "153");
        assert_eq!(count_label(1_234_567), "1,234,567");
        assert_eq!(ratio_label(0.7826), "0.78");
        assert_eq!(ratio_label(0.0456), "0.046");
        assert_eq!(ratio_label(0.9996), "0.9996");
        assert_eq!(ratio_label(1.004), "1.004");
        assert_eq!(ratio_label(1.0), "1.00");
        for (value, decimals, want) in [
            (0.125, 2, "0.13"),
            (-1.5, 0, "-2"),
            (-0.001, 2, "0.00"),
            (98.04, 0, "98"),
            (1.23456, 3, "1.235"),
            (f64::INFINITY, 2, "∞"),
        ] {
            assert_eq!(fixed(value, decimals), want, "{value}");
        }
    }
}
