//! Meta-analysis of log odds ratios across cohorts: pooling, subgroup differences and
//! meta-regression on dose.

use super::{chi2_sf, normal_two_sided_p, positive, Interval, Level};

/// One cohort's effect: a log ratio and its variance.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LogEffect {
    pub estimate: f64,
    pub variance: f64,
}

/// Fixed-effect (inverse variance) or random-effects (DerSimonian–Laird) pooling.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Pooling {
    Fixed,
    /// This is the default: cohorts are different populations, so their true effects may differ.
    #[default]
    Random,
}

impl Pooling {
    pub fn code(self) -> &'static str {
        match self {
            Pooling::Fixed => "fixed",
            Pooling::Random => "random",
        }
    }

    pub fn from_code(code: &str) -> Option<Pooling> {
        [Pooling::Fixed, Pooling::Random]
            .into_iter()
            .find(|pooling| pooling.code() == code)
    }
}

/// A pooled log effect with heterogeneity statistics.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pooled {
    /// The pooled log ratio and its variance, under the chosen model.
    pub effect: LogEffect,
    /// Interval of the log ratio.
    pub log_ci: Interval,
    /// DerSimonian–Laird between-cohort variance (0 for a single cohort).
    pub tau2: f64,
    /// Cochran's Q.
    pub q: f64,
    /// p of Q on k − 1 degrees of freedom; `None` for a single cohort.
    pub q_p: Option<f64>,
    /// I² = max(0, (Q − (k − 1)) / Q), as a fraction.
    pub i2: f64,
    pub k: u64,
}

impl Pooled {
    /// The pooled ratio (exp of the log estimate).
    pub fn ratio(&self) -> f64 {
        self.effect.estimate.exp()
    }

    pub fn ci(&self) -> Interval {
        self.log_ci.exp()
    }
}

/// Pools log effects by inverse variance, fixed or random effects.
///
/// # Formula
///
/// ```text
/// w = 1/v,  θ_FE = Σwy/Σw,  Q = Σw(y − θ_FE)²,  τ² = max(0, (Q − (k − 1)) / (Σw − Σw²/Σw))
/// w* = 1/(v + τ²),  θ_RE = Σw*y/Σw*,  Var θ_RE = 1/Σw*
/// ```
///
/// Reference: DerSimonian R, Laird N, Control Clin Trials 1986;7:177; Higgins JPT, Thompson SG,
/// Stat Med 2002;21:1539 for I² (statsmodels' `combine_effects(method_re="dl")`).
///
/// # None
///
/// For no effects, or a variance that is not positive and finite.
pub fn pool(effects: &[LogEffect], pooling: Pooling, level: Level) -> Option<Pooled> {
    if effects.is_empty()
        || effects
            .iter()
            .any(|e| !(e.variance > 0.0 && e.variance.is_finite() && e.estimate.is_finite()))
    {
        return None;
    }
    let k = effects.len();
    let fixed = inverse_variance_mean(effects, 0.0);
    let q: f64 = effects
        .iter()
        .map(|e| (e.estimate - fixed.estimate).powi(2) / e.variance)
        .sum();
    let df = (k - 1) as f64;
    let sum_w: f64 = effects.iter().map(|e| 1.0 / e.variance).sum();
    let sum_w2: f64 = effects.iter().map(|e| e.variance.powi(-2)).sum();
    let tau2 = if k > 1 {
        ((q - df) / (sum_w - sum_w2 / sum_w)).max(0.0)
    } else {
        0.0
    };
    let effect = match pooling {
        Pooling::Fixed => fixed,
        Pooling::Random => inverse_variance_mean(effects, tau2),
    };
    Some(Pooled {
        effect,
        log_ci: Interval::around(effect.estimate, effect.variance.sqrt(), level),
        tau2,
        q,
        q_p: if k > 1 { chi2_sf(q, df) } else { None },
        i2: if q > 0.0 {
            ((q - df) / q).max(0.0)
        } else {
            0.0
        },
        k: k as u64,
    })
}

fn inverse_variance_mean(effects: &[LogEffect], tau2: f64) -> LogEffect {
    let (mut sum_w, mut sum_wy) = (0.0, 0.0);
    for effect in effects {
        let w = 1.0 / (effect.variance + tau2);
        sum_w += w;
        sum_wy += w * effect.estimate;
    }
    LogEffect {
        estimate: sum_wy / sum_w,
        variance: 1.0 / sum_w,
    }
}

/// The test of subgroup difference.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SubgroupDifference {
    /// Q between groups: Σ (θ_g − θ̄)² / v_g with θ̄ the inverse-variance mean of the groups.
    pub q_between: f64,
    pub df: u64,
    pub p: f64,
}

/// Tests whether pooled group effects differ (Borenstein et al., Introduction to Meta-Analysis,
/// 2009, ch. 19: the between-groups Q on G − 1 degrees of freedom).
///
/// # None
///
/// For fewer than two groups or a variance that is not positive.
pub fn subgroup_difference(groups: &[LogEffect]) -> Option<SubgroupDifference> {
    if groups.len() < 2 || groups.iter().any(|g| !positive(g.variance)) {
        return None;
    }
    let mean = inverse_variance_mean(groups, 0.0);
    let q_between: f64 = groups
        .iter()
        .map(|g| (g.estimate - mean.estimate).powi(2) / g.variance)
        .sum();
    let df = (groups.len() - 1) as u64;
    Some(SubgroupDifference {
        q_between,
        df,
        p: chi2_sf(q_between, df as f64)?,
    })
}

/// The ratio of two pooled ratios, exp(θ₁ − θ₂), with interval exp(θ₁ − θ₂ ± z·√(v₁ + v₂)).
///
/// Reference: Altman DG, Bland JM, BMJ 2003;326:219 (interaction test of two estimates).
pub fn ratio_of_pooled(first: LogEffect, second: LogEffect, level: Level) -> (f64, Interval) {
    let difference = first.estimate - second.estimate;
    let se = (first.variance + second.variance).sqrt();
    (
        difference.exp(),
        Interval::around(difference, se, level).exp(),
    )
}

/// A weighted meta-regression of log effects on one covariate (here log dose).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MetaRegression {
    pub intercept: f64,
    pub slope: f64,
    pub slope_se: f64,
    pub slope_ci: Interval,
    /// Two-sided p of the slope (z test).
    pub slope_p: f64,
    /// Residual between-cohort variance (method of moments).
    pub tau2: f64,
    /// Residual heterogeneity Q_E of the fixed-effect fit.
    pub q_residual: f64,
    pub k: u64,
    /// The inverse of X'W*X: [var intercept, cov, var slope].
    covariance: [f64; 3],
    z: f64,
}

impl MetaRegression {
    /// The fitted log effect at `x` with its confidence interval.
    pub fn predict(&self, x: f64) -> (f64, Interval) {
        let fit = self.intercept + self.slope * x;
        let [v00, v01, v11] = self.covariance;
        let se = (v00 + 2.0 * x * v01 + x * x * v11).max(0.0).sqrt();
        (
            fit,
            Interval {
                low: fit - self.z * se,
                high: fit + self.z * se,
            },
        )
    }
}

/// Random-effects meta-regression of `effects` on `x` (one covariate), method-of-moments τ².
///
/// # Formula
///
/// ```text
/// fixed fit: β = (X'WX)⁻¹X'Wy, W = diag(1/v),  Q_E = Σ w (y − Xβ)²
/// τ² = max(0, (Q_E − (k − 2)) / tr P),  P = W − WX(X'WX)⁻¹X'W
/// random fit: the same with W* = diag(1/(v + τ²)), Cov β = (X'W*X)⁻¹, z test of the slope
/// ```
///
/// Reference: Raudenbush SW, in The Handbook of Research Synthesis and Meta-Analysis (2009),
/// the moment estimator metafor calls `method = "DL"`.
///
/// # None
///
/// For fewer than three cohorts, equal `x` everywhere or a variance that is not positive.
pub fn meta_regression(effects: &[LogEffect], x: &[f64], level: Level) -> Option<MetaRegression> {
    let k = effects.len();
    if k < 3 || x.len() != k || effects.iter().any(|e| !positive(e.variance)) {
        return None;
    }
    let fixed = weighted_fit(effects, x, 0.0)?;
    let q_residual: f64 = effects
        .iter()
        .zip(x)
        .map(|(e, &xi)| (e.estimate - fixed.beta[0] - fixed.beta[1] * xi).powi(2) / e.variance)
        .sum();
    // tr P = Σw − tr((X'WX)⁻¹ X'W²X).
    let (mut s0, mut s1, mut s2) = (0.0, 0.0, 0.0);
    for (e, &xi) in effects.iter().zip(x) {
        let w2 = e.variance.powi(-2);
        s0 += w2;
        s1 += w2 * xi;
        s2 += w2 * xi * xi;
    }
    let [c00, c01, c11] = fixed.covariance;
    let trace_p = fixed.sum_w - (c00 * s0 + 2.0 * c01 * s1 + c11 * s2);
    let tau2 = if trace_p > 0.0 {
        ((q_residual - (k as f64 - 2.0)) / trace_p).max(0.0)
    } else {
        0.0
    };
    let random = weighted_fit(effects, x, tau2)?;
    let slope_se = random.covariance[2].sqrt();
    let slope = random.beta[1];
    Some(MetaRegression {
        intercept: random.beta[0],
        slope,
        slope_se,
        slope_ci: Interval::around(slope, slope_se, level),
        slope_p: normal_two_sided_p(slope / slope_se),
        tau2,
        q_residual,
        k: k as u64,
        covariance: random.covariance,
        z: level.z(),
    })
}

struct WeightedFit {
    beta: [f64; 2],
    covariance: [f64; 3],
    sum_w: f64,
}

fn weighted_fit(effects: &[LogEffect], x: &[f64], tau2: f64) -> Option<WeightedFit> {
    let (mut sw, mut swx, mut swxx, mut swy, mut swxy) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for (e, &xi) in effects.iter().zip(x) {
        let w = 1.0 / (e.variance + tau2);
        sw += w;
        swx += w * xi;
        swxx += w * xi * xi;
        swy += w * e.estimate;
        swxy += w * xi * e.estimate;
    }
    let determinant = sw * swxx - swx * swx;
    if !positive(determinant - 1e-12 * sw * swxx) {
        return None; // Every x is (nearly) the same: no slope to estimate.
    }
    let covariance = [swxx / determinant, -swx / determinant, sw / determinant];
    let beta = [
        covariance[0] * swy + covariance[1] * swxy,
        covariance[1] * swy + covariance[2] * swxy,
    ];
    Some(WeightedFit {
        beta,
        covariance,
        sum_w: sw,
    })
}
