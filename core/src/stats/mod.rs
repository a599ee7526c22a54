//! Pure statistical formulas: 2×2 tables, strata, meta-analysis, E-values and the bootstrap.
//!
//! Cells follow the study's convention: a = BoNT & depression, b = BoNT & no depression,
//! c = control & depression, d = control & no depression.
//! No function here panics on user data: where a statistic is undefined it returns `None`.

mod bootstrap;
mod evalue;
mod exact;
mod meta;
mod special;
mod strata;
mod table;

pub use bootstrap::{bootstrap_ror_ci, Xoshiro256StarStar};
pub use evalue::{evalue, evalue_ci};
pub use exact::{conditional_odds_ratio, fisher_exact_p, ConditionalOddsRatio};
pub use meta::{
    contrast_of, meta_regression, pool, pool_shared_tau2, ratio_of_pooled, subgroup_difference,
    Contrast, LogEffect, MetaRegression, Pooled, Pooling, SharedTau2, SubgroupDifference,
};
pub use strata::{
    breslow_day, cmh_test, mantel_haenszel, mantel_haenszel_corrected, BreslowDay, CorrectedStrata,
    MantelHaenszel,
};
pub use table::{pearson_chi2, prr, ror, ChiSquareTest, RatioEstimate};

/// A 2×2 table of report counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Table2x2 {
    pub a: u64,
    pub b: u64,
    pub c: u64,
    pub d: u64,
}

impl Table2x2 {
    pub fn new(a: u64, b: u64, c: u64, d: u64) -> Table2x2 {
        Table2x2 { a, b, c, d }
    }

    /// The table had one arm's reports recorded depression only `100 − percent`% as often as it
    /// occurred (`percent` below 100): the arm's depression count a becomes a·100 / (100 − percent),
    /// rounded to a whole report and taken from the same arm's other reports, whose total stays.
    /// `bont` picks the Botox arm (a, b), else the control arm (c, d).
    pub fn with_missed_depression(self, bont: bool, percent: u8) -> Table2x2 {
        let percent = u64::from(percent.min(99));
        let restore = |depressed: u64, other: u64| {
            let total = depressed + other;
            let kept = 100 - percent;
            let restored = ((depressed * 100 + kept / 2) / kept).min(total);
            (restored, total - restored)
        };
        if bont {
            let (a, b) = restore(self.a, self.b);
            Table2x2 { a, b, ..self }
        } else {
            let (c, d) = restore(self.c, self.d);
            Table2x2 { c, d, ..self }
        }
    }

    pub fn has_zero(&self) -> bool {
        self.a == 0 || self.b == 0 || self.c == 0 || self.d == 0
    }

    /// The same table with the arms exchanged (control becomes the exposed arm).
    pub fn swap_arms(&self) -> Table2x2 {
        Table2x2::new(self.c, self.d, self.a, self.b)
    }

    pub fn total(&self) -> u64 {
        self.a + self.b + self.c + self.d
    }

    /// Reports in the BoNT arm.
    pub fn n_bont(&self) -> u64 {
        self.a + self.b
    }

    /// Reports in the control arm.
    pub fn n_control(&self) -> u64 {
        self.c + self.d
    }

    /// The cells as numbers, after the zero-cell policy.
    pub fn cells(&self, policy: ZeroCellPolicy) -> Cells {
        let corrected = match policy {
            ZeroCellPolicy::None => false,
            ZeroCellPolicy::Haldane => self.has_zero(),
            ZeroCellPolicy::Always => true,
        };
        let shift = if corrected { 0.5 } else { 0.0 };
        Cells {
            a: self.a as f64 + shift,
            b: self.b as f64 + shift,
            c: self.c as f64 + shift,
            d: self.d as f64 + shift,
            corrected,
        }
    }
}

/// The four cells as numbers, possibly with 0.5 added to each.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cells {
    pub a: f64,
    pub b: f64,
    pub c: f64,
    pub d: f64,
    /// Whether 0.5 was added to every cell.
    pub corrected: bool,
}

impl Cells {
    fn any_zero(&self) -> bool {
        self.a == 0.0 || self.b == 0.0 || self.c == 0.0 || self.d == 0.0
    }
}

/// What to do with a table that has a zero cell.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ZeroCellPolicy {
    /// Leave the table as it is: the ratio or its interval may be undefined.
    None,
    /// Add 0.5 to all four cells when any cell is zero (Haldane–Anscombe). This is the default.
    #[default]
    Haldane,
    /// Add 0.5 to all four cells of every table.
    Always,
}

impl ZeroCellPolicy {
    pub const ALL: [ZeroCellPolicy; 3] = [
        ZeroCellPolicy::None,
        ZeroCellPolicy::Haldane,
        ZeroCellPolicy::Always,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ZeroCellPolicy::None => "none",
            ZeroCellPolicy::Haldane => "haldane",
            ZeroCellPolicy::Always => "always",
        }
    }

    pub fn from_code(code: &str) -> Option<ZeroCellPolicy> {
        ZeroCellPolicy::ALL
            .into_iter()
            .find(|policy| policy.code() == code)
    }
}

/// A confidence level strictly between 0 and 1.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Level(f64);

impl Level {
    pub const NINETY_FIVE: Level = Level(0.95);

    /// # Errors
    ///
    /// `None` unless `0 < level < 1`.
    pub fn new(level: f64) -> Option<Level> {
        (0.0 < level && level < 1.0).then_some(Level(level))
    }

    pub fn get(self) -> f64 {
        self.0
    }

    /// The two-sided tail probability α/2.
    pub fn half_alpha(self) -> f64 {
        (1.0 - self.0) / 2.0
    }

    /// The standard normal quantile z with P(|Z| ≤ z) = level.
    pub fn z(self) -> f64 {
        special::normal_quantile(1.0 - self.half_alpha())
    }
}

/// A confidence interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

impl Interval {
    pub fn contains(&self, value: f64) -> bool {
        self.low <= value && value <= self.high
    }

    /// `exp` of both ends, for intervals computed on the log scale.
    pub fn exp(self) -> Interval {
        Interval {
            low: self.low.exp(),
            high: self.high.exp(),
        }
    }

    /// `estimate ± z·se`.
    pub fn around(estimate: f64, se: f64, level: Level) -> Interval {
        let half_width = level.z() * se;
        Interval {
            low: estimate - half_width,
            high: estimate + half_width,
        }
    }
}

/// The upper tail of the chi-square distribution with `df` degrees of freedom; `None` unless
/// `df > 0` and the statistic is finite.
fn chi2_sf(statistic: f64, df: f64) -> Option<f64> {
    (df > 0.0 && df.is_finite() && statistic.is_finite())
        .then(|| special::chi2_sf(statistic.max(0.0), df))
}

/// The two-sided p-value of a standard normal statistic.
fn normal_two_sided_p(z: f64) -> f64 {
    2.0 * special::normal_sf(z.abs())
}

/// `x > 0`, false for NaN: the guard for divisions by a variance or an expected count.
fn positive(x: f64) -> bool {
    x > 0.0
}

/// Splits `total` in proportion to `weights` by largest remainder: each part gets the whole part
/// of its quota, then the parts with the largest remainders one more each (ties to the earlier
/// index; a zero weight gets nothing). `None` when the weights sum to zero.
///
/// Ordered by an insertion, not a library sort: this runs in the page, and a sort would link
/// kilobytes of wasm.
pub fn apportion(total: u64, weights: &[f64]) -> Option<Vec<u64>> {
    let sum: f64 = weights.iter().sum();
    if sum.is_nan() || sum <= 0.0 {
        return None;
    }
    let quotas: Vec<f64> = weights.iter().map(|w| total as f64 * w / sum).collect();
    let mut res: Vec<u64> = quotas.iter().map(|q| q.floor() as u64).collect();
    let remainder = |idx: usize| quotas[idx] - quotas[idx].floor();
    let mut order: Vec<usize> = Vec::with_capacity(weights.len());
    for idx in (0..weights.len()).filter(|&idx| weights[idx] > 0.0) {
        let at = order
            .iter()
            .position(|&other| remainder(other) < remainder(idx))
            .unwrap_or(order.len());
        order.insert(at, idx);
    }
    let assigned: u64 = res.iter().sum();
    for &idx in order.iter().take(total.saturating_sub(assigned) as usize) {
        res[idx] += 1;
    }
    Some(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apportion_keeps_the_total_and_gives_ties_to_the_earlier_part() {
        assert_eq!(apportion(10, &[1.0, 1.0, 1.0]), Some(vec![4, 3, 3]));
        assert_eq!(apportion(7, &[0.0, 2.0, 5.0]), Some(vec![0, 2, 5]));
        assert_eq!(
            apportion(4, &[1.0; 10]),
            Some(vec![1, 1, 1, 1, 0, 0, 0, 0, 0, 0])
        );
        // Largest remainder first: quotas 1.5, 2.25, 3.25 give 2, 2, 3 (the 0.5 wins).
        assert_eq!(apportion(7, &[6.0, 9.0, 13.0]), Some(vec![2, 2, 3]));
        assert_eq!(apportion(5, &[0.0, 0.0]), None);
        assert_eq!(apportion(5, &[]), None);
    }
}
