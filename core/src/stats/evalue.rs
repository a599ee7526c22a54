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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ci_limit_nearest_one_is_used() {
        // Protective: the upper limit is nearest 1.
        let below = Interval {
            low: 0.3,
            high: 0.5,
        };
        assert_eq!(evalue_ci(below), evalue(0.5));
        // Harmful: the lower limit.
        let above = Interval {
            low: 1.8,
            high: 8.7,
        };
        assert_eq!(evalue_ci(above), evalue(1.8));
        // An interval containing 1 needs no confounding to explain it away.
        assert_eq!(
            evalue_ci(Interval {
                low: 0.43,
                high: 1.43
            }),
            Some(1.0)
        );
        assert_eq!(evalue(0.0), None);
        assert_eq!(evalue(f64::NAN), None);
        // Symmetric on the log scale: RR and 1/RR need the same confounding.
        assert!((evalue(0.25).unwrap() - evalue(4.0).unwrap()).abs() < 1e-12);
    }
}
