//! Exact (conditional) inference for a 2×2 table: Fisher's test and the conditional odds ratio.
//!
//! Given both margins, the count `a` follows Fisher's noncentral hypergeometric distribution
//!
//! ```text
//! P(X = x; ψ) ∝ C(r, x) · C(n − r, m − x) · ψ^x,   max(0, r + m − n) ≤ x ≤ min(r, m)
//! ```
//!
//! where r = a + b (BoNT reports), m = a + c (depression reports), n the total and ψ the odds
//! ratio. Everything here works on the log scale relative to the largest term, so tables with
//! tens of thousands of reports neither overflow nor underflow.

use super::{Interval, Level, Table2x2};

/// R's `fisher.test` counts a table as "as extreme" when its probability is within this relative
/// tolerance of the observed one, so that exact ties survive rounding.
const TIE_TOLERANCE: f64 = 1e-7;

/// The most values of `a` the exact computations sum over (time and memory grow with it). A table
/// with more has so many reports in each margin that the approximate interval says the same.
pub const MAX_SUPPORT: u64 = 100_000;

/// The support of `a` and its central log weights.
struct Conditional {
    /// `ln C(r, x) + ln C(n − r, m − x)` for x = lo, lo + 1, ..., hi, up to a constant.
    log_weight: Vec<f64>,
    /// Observed `a` minus `lo`.
    observed: usize,
}

impl Conditional {
    fn new(table: Table2x2) -> Option<Conditional> {
        let n = table.total();
        let rows = table.n_bont();
        let column = table.a + table.c;
        if rows == 0 || rows == n || column == 0 || column == n {
            return None; // An empty row or column leaves nothing to infer.
        }
        let lo = column.saturating_sub(n - rows);
        let hi = rows.min(column);
        if hi - lo >= MAX_SUPPORT {
            return None;
        }
        // Weights relative to x = lo, by the ratio of consecutive terms:
        // w(x + 1)/w(x) = (r − x)(m − x) / ((x + 1)(n − r − m + x + 1)). One `ln` per point
        // instead of six log-gamma calls; the normalisation makes the constant irrelevant.
        let mut log_weight = Vec::with_capacity((hi - lo + 1) as usize);
        let mut current = 0.0;
        log_weight.push(current);
        for x in lo..hi {
            let ratio = ((rows - x) as f64 * (column - x) as f64)
                / ((x + 1) as f64 * ((n - rows) + x + 1 - column) as f64);
            current += ratio.ln();
            log_weight.push(current);
        }
        Some(Conditional {
            log_weight,
            observed: (table.a - lo) as usize,
        })
    }

    fn is_at_low_end(&self) -> bool {
        self.observed == 0
    }

    fn is_at_high_end(&self) -> bool {
        self.observed + 1 == self.log_weight.len()
    }

    /// Probabilities of each support point at ln ψ = `log_psi`, normalised to sum to 1.
    fn probabilities(&self, log_psi: f64) -> Vec<f64> {
        let log_terms: Vec<f64> = self
            .log_weight
            .iter()
            .enumerate()
            .map(|(offset, weight)| weight + offset as f64 * log_psi)
            .collect();
        let max = log_terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let terms: Vec<f64> = log_terms.iter().map(|term| (term - max).exp()).collect();
        let total: f64 = terms.iter().sum();
        terms.into_iter().map(|term| term / total).collect()
    }

    /// E[X − lo; ψ].
    fn mean_offset(&self, log_psi: f64) -> f64 {
        self.probabilities(log_psi)
            .iter()
            .enumerate()
            .map(|(offset, p)| offset as f64 * p)
            .sum()
    }

    /// P(X ≥ observed; ψ), increasing in ψ.
    fn upper_tail(&self, log_psi: f64) -> f64 {
        self.probabilities(log_psi)[self.observed..].iter().sum()
    }

    /// P(X ≤ observed; ψ), decreasing in ψ.
    fn lower_tail(&self, log_psi: f64) -> f64 {
        self.probabilities(log_psi)[..=self.observed].iter().sum()
    }
}

/// Fisher's exact test, two-sided.
///
/// # Formula
///
/// ```text
/// p = Σ P(X = x; 1) over all x with P(X = x; 1) ≤ P(X = a; 1)·(1 + 10⁻⁷)
/// ```
///
/// the "minimum likelihood" two-sided p of R's `fisher.test` and scipy's `fisher_exact`.
///
/// # None
///
/// When a row or a column of the table is empty, or `a` can take more than [`MAX_SUPPORT`]
/// values.
pub fn fisher_exact_p(table: Table2x2) -> Option<f64> {
    let conditional = Conditional::new(table)?;
    let probabilities = conditional.probabilities(0.0);
    let threshold = probabilities[conditional.observed] * (1.0 + TIE_TOLERANCE);
    let p: f64 = probabilities.iter().filter(|&&p| p <= threshold).sum();
    Some(p.min(1.0))
}

/// The conditional maximum-likelihood odds ratio and its exact interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ConditionalOddsRatio {
    /// 0 or infinity when `a` is at an end of its support.
    pub estimate: f64,
    /// Lower end 0 or upper end infinity when `a` is at an end of its support.
    pub ci: Interval,
}

/// Conditional MLE of the odds ratio with the exact (Cornfield) interval.
///
/// # Formula
///
/// ```text
/// estimate: ψ̂ with E[X; ψ̂] = a
/// interval: ψ_L with P(X ≥ a; ψ_L) = α/2,   ψ_U with P(X ≤ a; ψ_U) = α/2
/// ```
///
/// as in scipy's `odds_ratio(kind="conditional")` and R's `fisher.test`.
/// The equations are solved for ln ψ by bracketing and the Illinois method.
///
/// # None
///
/// When a row or a column of the table is empty, or `a` can take more than [`MAX_SUPPORT`]
/// values.
pub fn conditional_odds_ratio(table: Table2x2, level: Level) -> Option<ConditionalOddsRatio> {
    let conditional = Conditional::new(table)?;
    let target = conditional.observed as f64;
    let estimate = if conditional.is_at_low_end() {
        0.0
    } else if conditional.is_at_high_end() {
        f64::INFINITY
    } else {
        solve_increasing(|t| conditional.mean_offset(t) - target)?.exp()
    };
    let alpha = level.half_alpha();
    let low = if conditional.is_at_low_end() {
        0.0
    } else {
        solve_increasing(|t| conditional.upper_tail(t) - alpha)?.exp()
    };
    let high = if conditional.is_at_high_end() {
        f64::INFINITY
    } else {
        solve_increasing(|t| alpha - conditional.lower_tail(t))?.exp()
    };
    Some(ConditionalOddsRatio {
        estimate,
        ci: Interval { low, high },
    })
}

/// Root of an increasing function of t = ln ψ, for |t| < 700.
fn solve_increasing(f: impl Fn(f64) -> f64) -> Option<f64> {
    // Bracket the root, doubling the step away from ψ = 1.
    let (mut lo, mut hi) = (-1.0_f64, 1.0_f64);
    let (mut f_lo, mut f_hi) = (f(lo), f(hi));
    while f_lo > 0.0 {
        (hi, f_hi) = (lo, f_lo);
        lo *= 2.0;
        if lo < -700.0 {
            return None;
        }
        f_lo = f(lo);
    }
    while f_hi < 0.0 {
        (lo, f_lo) = (hi, f_hi);
        hi *= 2.0;
        if hi > 700.0 {
            return None;
        }
        f_hi = f(hi);
    }
    // Illinois variant of regula falsi: superlinear, and never leaves the bracket.
    let mut side = 0i8;
    let mut best = (f64::INFINITY, 0.5 * (lo + hi));
    for _ in 0..200 {
        if hi - lo <= 1e-14 * (1.0 + lo.abs().max(hi.abs())) {
            break;
        }
        let mut t = (lo * f_hi - hi * f_lo) / (f_hi - f_lo);
        if !(lo < t && t < hi) {
            t = 0.5 * (lo + hi);
        }
        let f_t = f(t);
        if f_t == 0.0 {
            return Some(t);
        }
        if f_t.abs() < best.0 {
            best = (f_t.abs(), t);
        }
        if f_t < 0.0 {
            (lo, f_lo) = (t, f_t);
            if side == -1 {
                f_hi *= 0.5;
            }
            side = -1;
        } else {
            (hi, f_hi) = (t, f_t);
            if side == 1 {
                f_lo *= 0.5;
            }
            side = 1;
        }
    }
    if hi - lo <= 1e-14 * (1.0 + lo.abs().max(hi.abs())) {
        return Some(0.5 * (lo + hi));
    }
    Some(best.1)
}
