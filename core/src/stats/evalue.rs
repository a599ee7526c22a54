//! E-values: how strong unmeasured confounding would have to be to explain an association away.

use super::Interval;

/// The E-value of a risk ratio, with the ROR standing in for it (rare outcome).
///
/// # Formula
///
/// ```text
/// RR* = RR if RR ≥ 1, else 1/RR
/// E   = RR* + √(RR*·(RR* − 1))
/// ```
///
/// Reference: VanderWeele TJ, Ding P, Ann Intern Med 2017;167:268 (the rare-outcome form, where
/// an odds ratio approximates a risk ratio).
///
/// # None
///
/// When `ratio` is not positive and finite.
pub fn evalue(ratio: f64) -> Option<f64> {
    if !(ratio > 0.0 && ratio.is_finite()) {
        return None;
    }
    let rr = if ratio >= 1.0 { ratio } else { 1.0 / ratio };
    Some(rr + (rr * (rr - 1.0)).sqrt())
}

/// The E-value of the confidence limit nearest 1: 1 when the interval contains 1.
///
/// # None
///
/// When that limit is not positive and finite.
pub fn evalue_ci(ci: Interval) -> Option<f64> {
    if ci.contains(1.0) {
        return Some(1.0);
    }
    if ci.high < 1.0 {
        evalue(ci.high)
    } else {
        evalue(ci.low)
    }
}
