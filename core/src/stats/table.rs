//! Closed-form statistics of one 2×2 table: ROR, PRR and Pearson's chi-square.

use super::{chi2_sf, positive, Interval, Level, Table2x2, ZeroCellPolicy};

/// A ratio (ROR or PRR) with its confidence interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RatioEstimate {
    /// `None` where the ratio is undefined (a zero denominator without correction).
    pub estimate: Option<f64>,
    /// `None` where a zero cell leaves the log-scale standard error undefined.
    pub ci: Option<Interval>,
    /// Standard error of the log ratio, where defined.
    pub log_se: Option<f64>,
    /// Whether 0.5 was added to every cell.
    pub corrected: bool,
}

/// Reporting odds ratio with the Woolf (logit) interval.
///
/// # Formula
///
/// ```text
/// ROR = (a/b) / (c/d)
/// CI  = exp(ln ROR ± z·√(1/a + 1/b + 1/c + 1/d))
/// ```
///
/// where z is the normal quantile of `level`, after the zero-cell `policy` is applied.
/// Reference: Woolf B, Ann Hum Genet 1955;19:251; the Haldane–Anscombe correction adds 0.5 to
/// every cell.
///
/// # None
///
/// Without correction, the estimate is `None` when b·c = 0 and the interval is `None` when any
/// cell is zero.
pub fn ror(table: Table2x2, policy: ZeroCellPolicy, level: Level) -> RatioEstimate {
    let cells = table.cells(policy);
    let denominator = cells.b * cells.c;
    let estimate = (denominator > 0.0).then(|| cells.a * cells.d / denominator);
    let log_se = (!cells.any_zero())
        .then(|| (1.0 / cells.a + 1.0 / cells.b + 1.0 / cells.c + 1.0 / cells.d).sqrt());
    let ci = match (estimate, log_se) {
        (Some(estimate), Some(se)) => Some(Interval::around(estimate.ln(), se, level).exp()),
        _ => None,
    };
    RatioEstimate {
        estimate,
        ci,
        log_se,
        corrected: cells.corrected,
    }
}

/// Proportional reporting ratio with its log-scale interval.
///
/// # Formula
///
/// ```text
/// PRR = (a/(a+b)) / (c/(c+d))
/// CI  = exp(ln PRR ± z·√(1/a − 1/(a+b) + 1/c − 1/(c+d)))
/// ```
///
/// Reference: Evans SJW et al., Pharmacoepidemiol Drug Saf 2001;10:483 (the standard error is
/// that of a log risk ratio, as in statsmodels' `Table2x2.riskratio_confint`).
///
/// # None
///
/// Without correction, the estimate is `None` when c = 0 or an arm is empty, and the interval is
/// `None` when a or c is zero.
pub fn prr(table: Table2x2, policy: ZeroCellPolicy, level: Level) -> RatioEstimate {
    let cells = table.cells(policy);
    let n_bont = cells.a + cells.b;
    let n_control = cells.c + cells.d;
    let estimate =
        (n_bont > 0.0 && cells.c > 0.0).then(|| (cells.a / n_bont) / (cells.c / n_control));
    let log_se = (cells.a > 0.0 && cells.c > 0.0).then(|| {
        (1.0 / cells.a - 1.0 / n_bont + 1.0 / cells.c - 1.0 / n_control)
            .max(0.0)
            .sqrt()
    });
    let ci = match (estimate, log_se) {
        (Some(estimate), Some(se)) => Some(Interval::around(estimate.ln(), se, level).exp()),
        _ => None,
    };
    RatioEstimate {
        estimate,
        ci,
        log_se,
        corrected: cells.corrected,
    }
}

/// Pearson's chi-square test of independence for a 2×2 table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChiSquareTest {
    pub statistic: f64,
    pub p: f64,
}

/// Pearson's chi-square test, with or without Yates' continuity correction.
///
/// # Formula
///
/// ```text
/// X² = Σ (|O − E| − k)² / E,   E = row total · column total / n,   1 degree of freedom
/// ```
///
/// where k = 0 without correction and k = min(0.5, |O − E|) with Yates' correction, as in
/// scipy's `chi2_contingency`.
///
/// # None
///
/// When an expected count is zero (an empty row or column).
pub fn pearson_chi2(table: Table2x2, yates: bool) -> Option<ChiSquareTest> {
    let observed = [
        table.a as f64,
        table.b as f64,
        table.c as f64,
        table.d as f64,
    ];
    let n = table.total() as f64;
    let rows = [table.n_bont() as f64, table.n_control() as f64];
    let columns = [(table.a + table.c) as f64, (table.b + table.d) as f64];
    let mut statistic = 0.0;
    for (idx, observed) in observed.into_iter().enumerate() {
        let expected = rows[idx / 2] * columns[idx % 2] / n;
        if !positive(expected) {
            return None;
        }
        let mut deviation = (observed - expected).abs();
        if yates {
            deviation -= deviation.min(0.5);
        }
        statistic += deviation * deviation / expected;
    }
    Some(ChiSquareTest {
        statistic,
        p: chi2_sf(statistic, 1.0)?,
    })
}
