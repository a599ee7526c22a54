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

/// Groups of cohorts pooled in one mixed-effects model, log ROR ~ 0 + group, with a single
/// between-cohort variance τ² shared by every group.
#[derive(Clone, Debug, PartialEq)]
pub struct SharedTau2 {
    /// Each group's pooled log ratio and its variance, in the order the groups were given.
    pub groups: Vec<LogEffect>,
    /// The shared between-cohort variance (generalised DerSimonian–Laird).
    pub tau2: f64,
    /// Residual heterogeneity Q_E: the sum of the groups' fixed-effect Q.
    pub q_residual: f64,
    /// k − G.
    pub df_residual: u64,
    /// p of Q_E on k − G degrees of freedom; `None` when every group is a single cohort.
    pub q_residual_p: Option<f64>,
    /// Residual I² = max(0, (Q_E − (k − G)) / Q_E), as a fraction.
    pub i2: f64,
    pub k: u64,
}

/// A contrast between two groups of a [`SharedTau2`] model: the ratio of their pooled RORs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Contrast {
    /// log(ROR_first / ROR_reference) and its variance.
    pub effect: LogEffect,
    pub ratio: f64,
    pub ci: Interval,
    /// Two-sided z test of a ratio of 1.
    pub p: f64,
}

impl SharedTau2 {
    /// Interval of one group's pooled ratio.
    pub fn ci(&self, group: usize, level: Level) -> Option<Interval> {
        let effect = self.groups.get(group)?;
        Some(Interval::around(effect.estimate, effect.variance.sqrt(), level).exp())
    }

    /// Group `first` against group `reference`: the same model with `reference` as the
    /// reference level, whose coefficient for `first` is the difference of the two log ratios.
    /// The groups share no cohort, so the covariance of their estimates is zero.
    pub fn contrast(&self, first: usize, reference: usize, level: Level) -> Option<Contrast> {
        let (a, b) = (self.groups.get(first)?, self.groups.get(reference)?);
        Some(contrast_of(*a, *b, level))
    }

    /// The test of the group term (metafor's QM for `mods = ~ group`, on G − 1 degrees of
    /// freedom): the Wald test that every group has the same pooled ratio.
    pub fn test_of_groups(&self) -> Option<SubgroupDifference> {
        subgroup_difference(&self.groups)
    }
}

/// `exp(θ₁ − θ₂)` with a z interval and test, for two independent log effects.
pub fn contrast_of(first: LogEffect, reference: LogEffect, level: Level) -> Contrast {
    let effect = LogEffect {
        estimate: first.estimate - reference.estimate,
        variance: first.variance + reference.variance,
    };
    let se = effect.variance.sqrt();
    Contrast {
        effect,
        ratio: effect.estimate.exp(),
        ci: Interval::around(effect.estimate, se, level).exp(),
        p: normal_two_sided_p(effect.estimate / se),
    }
}

/// Fits log ROR ~ 0 + group with one τ² shared by every group.
///
/// # Formula
///
/// With X the k × G indicator matrix of the groups, the fixed fit is each group's
/// inverse-variance mean, and the moment estimator of τ² (generalised DerSimonian–Laird) is
///
/// ```text
/// Q_E = Σ_g Σ_{i∈g} w_i (y_i − ȳ_g)²,     w = 1/v
/// tr P = Σ_g (Σ_{i∈g} w_i − Σ_{i∈g} w_i² / Σ_{i∈g} w_i)
/// τ² = max(0, (Q_E − (k − G)) / tr P)     (0 when k = G)
/// θ_g = Σ_{i∈g} w*_i y_i / Σ_{i∈g} w*_i,  Var θ_g = 1 / Σ_{i∈g} w*_i,  w* = 1/(v + τ²)
/// ```
///
/// Reference: Raudenbush SW, in The Handbook of Research Synthesis and Meta-Analysis (2009);
/// R's metafor, `rma(yi, vi, mods = ~ 0 + group, method = "DL")` (reference values in
/// `tests/fixtures/shared_tau2.json`). With two or three cohorts per group, a group's own τ² is
/// unstable; one τ² for all borrows strength across groups.
///
/// # None
///
/// For no group, an empty group, or a variance that is not positive and finite.
pub fn pool_shared_tau2(groups: &[Vec<LogEffect>]) -> Option<SharedTau2> {
    let valid =
        |e: &LogEffect| e.variance > 0.0 && e.variance.is_finite() && e.estimate.is_finite();
    if groups.is_empty() || groups.iter().any(|g| g.is_empty() || !g.iter().all(valid)) {
        return None;
    }
    let k: usize = groups.iter().map(Vec::len).sum();
    let df = (k - groups.len()) as f64;
    let (mut q_residual, mut trace_p) = (0.0, 0.0);
    for group in groups {
        let fixed = inverse_variance_mean(group, 0.0);
        let sum_w: f64 = group.iter().map(|e| 1.0 / e.variance).sum();
        let sum_w2: f64 = group.iter().map(|e| e.variance.powi(-2)).sum();
        q_residual += group
            .iter()
            .map(|e| (e.estimate - fixed.estimate).powi(2) / e.variance)
            .sum::<f64>();
        trace_p += sum_w - sum_w2 / sum_w;
    }
    let tau2 = if df > 0.0 && trace_p > 0.0 {
        ((q_residual - df) / trace_p).max(0.0)
    } else {
        0.0
    };
    Some(SharedTau2 {
        groups: groups
            .iter()
            .map(|group| inverse_variance_mean(group, tau2))
            .collect(),
        tau2,
        q_residual,
        df_residual: df as u64,
        q_residual_p: if df > 0.0 {
            chi2_sf(q_residual, df)
        } else {
            None
        },
        // With no residual degrees of freedom there is no heterogeneity to describe.
        i2: if df > 0.0 && q_residual > 0.0 {
            ((q_residual - df) / q_residual).max(0.0)
        } else {
            0.0
        },
        k: k as u64,
    })
}
