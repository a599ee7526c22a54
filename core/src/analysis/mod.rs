//! The study's comparisons over a dataset: per cohort, per group of cohorts, between groups and
//! against dose. Everything the explainer and the `glabella` command show comes from [`analyze`].

use std::fmt;

use crate::data::{cohort_info, Covariate, Dataset};
use crate::i18n::Lang;
use crate::stats::{
    apportion, breslow_day, contrast_of, fisher_exact_p, mantel_haenszel_corrected,
    meta_regression, pool, pool_shared_tau2, ror, subgroup_difference, BreslowDay, Contrast,
    Interval, Level, LogEffect, MantelHaenszel, MetaRegression, Pooled, Pooling, RatioEstimate,
    SharedTau2, SubgroupDifference, Table2x2, ZeroCellPolicy,
};

/// What to compute. The defaults are the explainer's: 95%, Haldane–Anscombe, crude, one model
/// with a shared τ², no groups.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub ci_level: Level,
    pub zero_cell: ZeroCellPolicy,
    /// Covariates to stratify on (Mantel–Haenszel); empty for the crude comparison only.
    pub stratify: Vec<String>,
    pub groups: Vec<GroupSpec>,
    pub pooling: GroupModel,
    /// The two groups to contrast, by name: the ratio of the first's pooled ROR to the second's.
    pub contrast: Option<(String, String)>,
    /// A what-if: depression under-recorded in one or both arms' reports.
    pub missed: Missed,
}

/// A reporting-bias what-if: the share of depression, in whole percent (0 to 95), that the Botox
/// reports and the control reports failed to record. Applied to every table before analysis
/// ([`Table2x2::with_missed_depression`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Missed {
    pub bont: u8,
    pub control: u8,
}

impl Missed {
    /// The largest share the what-if offers: beyond it, a count is multiplied by more than 20.
    pub const MAX: u8 = 95;

    /// A table as it would be without the under-recording.
    pub fn restore(self, table: Table2x2) -> Table2x2 {
        table
            .with_missed_depression(true, self.bont.min(Missed::MAX))
            .with_missed_depression(false, self.control.min(Missed::MAX))
    }

    /// A cohort's strata as they would be without the under-recording. Each arm's depression
    /// count is restored once, over all strata together, as [`Missed::restore`] restores the
    /// crude table; the restored reports are then shared among the strata in proportion to their
    /// recorded ones (largest remainders first, never more than a stratum's reports). Restoring
    /// stratum by stratum would round small counts back to themselves.
    pub fn restore_strata(self, strata: &[Table2x2]) -> Vec<Table2x2> {
        let mut res = strata.to_vec();
        for (bont, percent) in [(true, self.bont), (false, self.control)] {
            let count = |t: &Table2x2| if bont { t.a } else { t.c };
            let room = |t: &Table2x2| if bont { t.b } else { t.d };
            let recorded: u64 = res.iter().map(count).sum();
            let crude = Table2x2::new(recorded, res.iter().map(room).sum(), 0, 0);
            let mut added = crude
                .with_missed_depression(true, percent.min(Missed::MAX))
                .a
                - recorded;
            if added == 0 {
                continue;
            }
            let weights: Vec<f64> = res.iter().map(|t| count(t) as f64).collect();
            let mut gain = apportion(added, &weights).unwrap_or_else(|| vec![0; res.len()]);
            // Never more than a stratum holds; what does not fit goes, one report per stratum
            // and pass, to those with room.
            for (gain, table) in gain.iter_mut().zip(&res) {
                *gain = (*gain).min(room(table));
            }
            added -= gain.iter().sum::<u64>();
            while added > 0 {
                let before = added;
                for (gain, table) in gain.iter_mut().zip(&res) {
                    if added > 0 && *gain < room(table) {
                        *gain += 1;
                        added -= 1;
                    }
                }
                if added == before {
                    break;
                }
            }
            for (table, gain) in res.iter_mut().zip(gain) {
                if bont {
                    table.a += gain;
                    table.b -= gain;
                } else {
                    table.c += gain;
                    table.d -= gain;
                }
            }
        }
        res
    }
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            ci_level: Level::NINETY_FIVE,
            zero_cell: ZeroCellPolicy::Haldane,
            stratify: Vec::new(),
            groups: Vec::new(),
            pooling: GroupModel::SharedTau2,
            contrast: None,
            missed: Missed::default(),
        }
    }
}

/// How groups of cohorts are pooled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum GroupModel {
    /// One mixed-effects model, log ROR ~ 0 + group, with a single τ² shared by all groups.
    /// This is the default: with two or three cohorts, a group's own τ² is unstable.
    #[default]
    SharedTau2,
    /// Random effects (DerSimonian–Laird) with each group on its own τ²: a sensitivity option.
    Separate,
    /// Fixed effect (inverse variance) within each group.
    Fixed,
}

impl GroupModel {
    pub const ALL: [GroupModel; 3] = [
        GroupModel::SharedTau2,
        GroupModel::Separate,
        GroupModel::Fixed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            GroupModel::SharedTau2 => "shared",
            GroupModel::Separate => "separate",
            GroupModel::Fixed => "fixed",
        }
    }

    /// The code, or `random`, the old name of `separate`.
    pub fn from_code(code: &str) -> Option<GroupModel> {
        match code {
            "random" => Some(GroupModel::Separate),
            _ => GroupModel::ALL
                .into_iter()
                .find(|model| model.code() == code),
        }
    }

    /// The model's name in the JSON output of each group.
    pub fn model_name(self) -> &'static str {
        match self {
            GroupModel::SharedTau2 => "shared_tau2",
            GroupModel::Separate => "separate",
            GroupModel::Fixed => "fixed",
        }
    }
}

/// A named group of cohorts to pool.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupSpec {
    pub name: String,
    pub cohorts: Vec<String>,
}

/// Settings that do not fit the dataset.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AnalysisError {
    UnknownCovariate(String),
    UnknownCohort { group: String, cohort: String },
    EmptyGroup(String),
}

impl AnalysisError {
    /// What does not fit, in a sentence in `lang`; names from the settings stay as they were.
    pub fn message(&self, lang: Lang) -> String {
        use crate::i18n::analysis_error as text;
        match self {
            AnalysisError::UnknownCovariate(name) => text::unknown_covariate(lang, name),
            AnalysisError::UnknownCohort { group, cohort } => {
                text::unknown_cohort(lang, group, cohort)
            }
            AnalysisError::EmptyGroup(group) => text::empty_group(lang, group),
        }
    }
}

/// In English, as the command prints it.
impl fmt::Display for AnalysisError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for AnalysisError {}

/// The comparison within one indication.
#[derive(Clone, Debug, PartialEq)]
pub struct CohortResult {
    pub indication: String,
    /// Raw counts, before any zero-cell correction.
    pub table: Table2x2,
    /// Crude ROR after the zero-cell policy, with the Woolf interval.
    pub ror: RatioEstimate,
    pub fisher_p: Option<f64>,
    /// Present when the settings stratify.
    pub adjusted: Option<Adjusted>,
}

/// The Mantel–Haenszel comparison within one indication.
#[derive(Clone, Debug, PartialEq)]
pub struct Adjusted {
    /// After the zero-cell policy, applied to each stratum. `None` when it stays 0 or infinite
    /// (no depression report in one arm of any stratum, and no correction chosen).
    pub mantel_haenszel: Option<MantelHaenszel>,
    pub breslow_day: Option<BreslowDay>,
    /// Number of non-empty strata.
    pub strata: u64,
    /// Strata that got 0.5 added to each cell under the zero-cell policy.
    pub corrected_strata: u64,
}

/// Why a cohort's ratio is not defined, in terms a reader can check against the 2×2 table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Undefined {
    /// No BoNT report mentions depression (a = 0).
    NoBontDepression,
    /// No control report mentions depression (c = 0).
    NoControlDepression,
    /// Every BoNT report mentions depression (b = 0).
    AllBontDepression,
    /// Every control report mentions depression (d = 0).
    AllControlDepression,
    /// An arm has no report, or no stratum has reports in both arms.
    NoComparison,
}

impl CohortResult {
    /// The log ROR and its variance that pooling and the dose regression use: the adjusted one
    /// when the settings stratify, the crude one otherwise; `None` where undefined.
    pub fn effect(&self) -> Option<LogEffect> {
        match &self.adjusted {
            Some(adjusted) => adjusted.mantel_haenszel.map(|mh| LogEffect {
                estimate: mh.estimate.ln(),
                variance: mh.log_se * mh.log_se,
            }),
            None => match (self.ror.estimate, self.ror.log_se) {
                (Some(estimate), Some(se)) if estimate > 0.0 => Some(LogEffect {
                    estimate: estimate.ln(),
                    variance: se * se,
                }),
                _ => None,
            },
        }
    }

    /// Why [`CohortResult::shown`] is undefined; `None` when it is defined.
    pub fn undefined_reason(&self) -> Option<Undefined> {
        if self.shown().1.is_some() {
            return None;
        }
        let t = self.table;
        Some(if t.n_bont() == 0 || t.n_control() == 0 {
            Undefined::NoComparison
        } else if t.a == 0 {
            Undefined::NoBontDepression
        } else if t.c == 0 {
            Undefined::NoControlDepression
        } else if t.b == 0 {
            Undefined::AllBontDepression
        } else if t.d == 0 {
            Undefined::AllControlDepression
        } else {
            Undefined::NoComparison
        })
    }

    /// The ratio and interval shown for this cohort: adjusted when stratified, else crude.
    pub fn shown(&self) -> (Option<f64>, Option<Interval>) {
        match &self.adjusted {
            Some(adjusted) => (
                adjusted.mantel_haenszel.map(|mh| mh.estimate),
                adjusted.mantel_haenszel.map(|mh| mh.ci),
            ),
            None => (self.ror.estimate, self.ror.ci),
        }
    }
}

/// One pooled group.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupResult {
    pub name: String,
    pub cohorts: Vec<String>,
    /// `None` when no cohort of the group has a defined effect. Under the shared-τ² model the
    /// effect, interval and `tau2` are the model's; `q`, `q_p` and `i2` describe the group alone.
    pub pooled: Option<Pooled>,
    /// Cohorts of the group left out because their effect is undefined.
    pub left_out: Vec<String>,
    pub model: GroupModel,
}

/// The comparison between groups.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupDifference {
    /// With the shared-τ² model, the test of the group term (metafor's QM on G − 1 degrees of
    /// freedom); otherwise the Q between separately pooled groups.
    pub test: SubgroupDifference,
    /// For exactly two groups: pooled ROR of the first over the second, with interval.
    pub ratio: Option<(f64, Interval)>,
}

/// The contrast [`Settings::contrast`] asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupContrast {
    pub first: String,
    pub reference: String,
    pub contrast: Contrast,
    /// The shared τ² of the model; `None` when each group has its own.
    pub tau2: Option<f64>,
    pub model: GroupModel,
}

/// One cohort on the dose axis.
#[derive(Clone, Debug, PartialEq)]
pub struct DosePoint {
    pub indication: String,
    pub log_dose: f64,
    pub effect: LogEffect,
}

/// Log ROR against log typical labelled dose.
#[derive(Clone, Debug, PartialEq)]
pub struct DoseResult {
    pub points: Vec<DosePoint>,
    /// `None` for fewer than three cohorts with a dose and a defined effect.
    pub regression: Option<MetaRegression>,
}

impl DoseResult {
    /// The fitted line on the ratio scale at each dose: (dose, fitted ROR, band low, band high).
    /// Empty without a regression.
    pub fn band(&self, doses: &[f64]) -> Vec<(f64, f64, f64, f64)> {
        let Some(regression) = self.regression else {
            return Vec::new();
        };
        doses
            .iter()
            .map(|&dose| {
                let (fit, ci) = regression.predict(dose.ln());
                (dose, fit.exp(), ci.low.exp(), ci.high.exp())
            })
            .collect()
    }
}

/// Everything computed from one dataset and one set of settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    pub cohorts: Vec<CohortResult>,
    pub groups: Vec<GroupResult>,
    /// The shared-τ² model over every group with a defined effect; `None` under other models.
    pub shared_model: Option<SharedTau2>,
    pub group_difference: Option<GroupDifference>,
    /// `None` when the settings ask for none, or a group it names has no defined effect.
    pub contrast: Option<GroupContrast>,
    pub dose: DoseResult,
}

/// Runs every comparison of the study.
///
/// # Errors
///
/// When a stratification covariate or a group's cohort is not in the dataset, or a group is empty.
pub fn analyze(dataset: &Dataset, settings: &Settings) -> Result<Analysis, AnalysisError> {
    let cohorts = analyze_cohorts(dataset, settings)?;
    analyze_groups(cohorts, settings)
}

/// The dataset's covariates the settings stratify on.
fn covariates(dataset: &Dataset, settings: &Settings) -> Result<Vec<Covariate>, AnalysisError> {
    settings
        .stratify
        .iter()
        .map(|name| {
            dataset
                .covariate(name)
                .ok_or_else(|| AnalysisError::UnknownCovariate(name.clone()))
        })
        .collect()
}

/// The per-cohort comparisons alone: the part of [`analyze`] that does not depend on groups.
///
/// # Errors
///
/// When a stratification covariate is not in the dataset.
pub fn analyze_cohorts(
    dataset: &Dataset,
    settings: &Settings,
) -> Result<Vec<CohortResult>, AnalysisError> {
    let covariates = covariates(dataset, settings)?;
    Ok(dataset
        .indications()
        .iter()
        .map(|&indication| cohort_result(dataset, indication, &covariates, settings))
        .collect())
}

/// Pools, compares and regresses cohort results made by [`analyze_cohorts`] with the same
/// settings; regrouping needs only this step.
///
/// # Errors
///
/// When a group's cohort is not among the cohorts, or a group is empty.
pub fn analyze_groups(
    cohorts: Vec<CohortResult>,
    settings: &Settings,
) -> Result<Analysis, AnalysisError> {
    for group in &settings.groups {
        if group.cohorts.is_empty() {
            return Err(AnalysisError::EmptyGroup(group.name.clone()));
        }
        if let Some(cohort) = group
            .cohorts
            .iter()
            .find(|cohort| !cohorts.iter().any(|c| &c.indication == *cohort))
        {
            return Err(AnalysisError::UnknownCohort {
                group: group.name.clone(),
                cohort: cohort.clone(),
            });
        }
    }
    let (groups, shared_model) = group_results(&cohorts, settings);
    let group_difference = group_difference(&groups, shared_model.as_ref(), settings.ci_level);
    let contrast = settings
        .contrast
        .as_ref()
        .and_then(|(first, reference)| group_contrast(&groups, first, reference, settings));
    let dose = dose_result(&cohorts, settings.ci_level);
    Ok(Analysis {
        cohorts,
        groups,
        shared_model,
        group_difference,
        contrast,
        dose,
    })
}

fn cohort_result(
    dataset: &Dataset,
    indication: &str,
    covariates: &[Covariate],
    settings: &Settings,
) -> CohortResult {
    let table = settings.missed.restore(dataset.table(indication));
    let adjusted = (!covariates.is_empty()).then(|| {
        let strata = settings
            .missed
            .restore_strata(&dataset.stratified_tables(indication, covariates));
        let corrected = mantel_haenszel_corrected(&strata, settings.zero_cell, settings.ci_level);
        Adjusted {
            mantel_haenszel: corrected.mantel_haenszel,
            breslow_day: breslow_day(&strata),
            strata: strata.iter().filter(|t| t.total() > 0).count() as u64,
            corrected_strata: corrected.corrected,
        }
    });
    CohortResult {
        indication: indication.to_owned(),
        table,
        ror: ror(table, settings.zero_cell, settings.ci_level),
        fisher_p: fisher_exact_p(table),
        adjusted,
    }
}

/// The interval shown for one cohort (adjusted when `covariates` are given, else crude) with
/// `missed` applied: the part of [`cohort_result`] a what-if search needs, without Fisher's test.
fn shown_interval(
    dataset: &Dataset,
    indication: &str,
    covariates: &[Covariate],
    settings: &Settings,
    missed: Missed,
) -> Option<Interval> {
    if covariates.is_empty() {
        return ror(
            missed.restore(dataset.table(indication)),
            settings.zero_cell,
            settings.ci_level,
        )
        .ci;
    }
    let strata = missed.restore_strata(&dataset.stratified_tables(indication, covariates));
    mantel_haenszel_corrected(&strata, settings.zero_cell, settings.ci_level)
        .mantel_haenszel
        .map(|mh| mh.ci)
}

/// Where a cohort's interval stops lying wholly below 1 as its Botox reports are taken to have
/// missed more of their depression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlipPoint {
    pub indication: String,
    /// The smallest share, in whole percent, of depression the Botox reports would have to have
    /// missed (the control arm's what-if as set) for the interval no longer to lie wholly below
    /// 1; `None` when even [`Missed::MAX`] keeps it below.
    pub missed_bont: Option<u8>,
}

/// For every cohort whose interval lies wholly below 1 under `settings`: its [`FlipPoint`].
///
/// Restoring missed reports raises the Botox arm's depression count, and with it the ratio and
/// its interval, so the search halves the range (monotone up to the rounding to whole reports;
/// `tests/whatif.rs` checks it against a search of every percent).
///
/// # Errors
///
/// When a stratification covariate is not in the dataset.
pub fn flip_points(
    dataset: &Dataset,
    settings: &Settings,
) -> Result<Vec<FlipPoint>, AnalysisError> {
    let covariates = covariates(dataset, settings)?;
    let mut res = Vec::new();
    for indication in dataset.indications() {
        let below = |bont: u8| {
            let missed = Missed {
                bont,
                ..settings.missed
            };
            shown_interval(dataset, indication, &covariates, settings, missed)
                .is_some_and(|ci| ci.high < 1.0)
        };
        let start = settings.missed.bont.min(Missed::MAX);
        if !below(start) {
            continue;
        }
        let missed_bont = if below(Missed::MAX) {
            None
        } else {
            // below(low) holds and below(high) does not.
            let (mut low, mut high) = (start, Missed::MAX);
            while high - low > 1 {
                let middle = low + (high - low) / 2;
                if below(middle) {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            Some(high)
        };
        res.push(FlipPoint {
            indication: indication.to_owned(),
            missed_bont,
        });
    }
    Ok(res)
}

/// The defined effects of a group's cohorts, and the cohorts left out as undefined.
fn group_effects(cohorts: &[CohortResult], group: &GroupSpec) -> (Vec<LogEffect>, Vec<String>) {
    let mut effects = Vec::new();
    let mut left_out = Vec::new();
    for name in &group.cohorts {
        match cohorts
            .iter()
            .find(|c| &c.indication == name)
            .and_then(CohortResult::effect)
        {
            Some(effect) => effects.push(effect),
            None => left_out.push(name.clone()),
        }
    }
    (effects, left_out)
}

fn group_results(
    cohorts: &[CohortResult],
    settings: &Settings,
) -> (Vec<GroupResult>, Option<SharedTau2>) {
    let level = settings.ci_level;
    let members: Vec<(Vec<LogEffect>, Vec<String>)> = settings
        .groups
        .iter()
        .map(|group| group_effects(cohorts, group))
        .collect();
    let separate = |effects: &[LogEffect]| {
        let pooling = match settings.pooling {
            GroupModel::Fixed => Pooling::Fixed,
            GroupModel::SharedTau2 | GroupModel::Separate => Pooling::Random,
        };
        pool(effects, pooling, level)
    };
    // The shared model is fitted over the groups that have a defined effect.
    let shared_model = (settings.pooling == GroupModel::SharedTau2)
        .then(|| {
            let defined: Vec<Vec<LogEffect>> = members
                .iter()
                .filter(|(effects, _)| !effects.is_empty())
                .map(|(effects, _)| effects.clone())
                .collect();
            pool_shared_tau2(&defined)
        })
        .flatten();
    let mut model_groups = shared_model.iter().flat_map(|model| model.groups.iter());
    let groups = settings
        .groups
        .iter()
        .zip(members)
        .map(|(group, (effects, left_out))| {
            let mut pooled = separate(&effects);
            if let (Some(pooled), Some(model)) = (pooled.as_mut(), shared_model.as_ref()) {
                // `pool` gives the group's own Q and I²; the effect and τ² are the model's.
                if let Some(&effect) = model_groups.next() {
                    pooled.effect = effect;
                    pooled.log_ci =
                        Interval::around(effect.estimate, effect.variance.sqrt(), level);
                    pooled.tau2 = model.tau2;
                }
            }
            GroupResult {
                name: group.name.clone(),
                cohorts: group.cohorts.clone(),
                pooled,
                left_out,
                model: settings.pooling,
            }
        })
        .collect();
    (groups, shared_model)
}

fn group_difference(
    groups: &[GroupResult],
    shared_model: Option<&SharedTau2>,
    level: Level,
) -> Option<GroupDifference> {
    let effects: Vec<LogEffect> = groups
        .iter()
        .map(|group| group.pooled.map(|pooled| pooled.effect))
        .collect::<Option<_>>()?;
    let test = match shared_model {
        Some(model) => model.test_of_groups()?,
        None => subgroup_difference(&effects)?,
    };
    let ratio = match effects[..] {
        [first, second] => {
            let contrast = contrast_of(first, second, level);
            Some((contrast.ratio, contrast.ci))
        }
        _ => None,
    };
    Some(GroupDifference { test, ratio })
}

fn group_contrast(
    groups: &[GroupResult],
    first: &str,
    reference: &str,
    settings: &Settings,
) -> Option<GroupContrast> {
    let effect_of = |name: &str| {
        let group = groups.iter().find(|group| group.name == name)?;
        group.pooled.map(|pooled| (pooled.effect, pooled.tau2))
    };
    let ((first_effect, tau2), (reference_effect, _)) = (effect_of(first)?, effect_of(reference)?);
    Some(GroupContrast {
        first: first.to_owned(),
        reference: reference.to_owned(),
        contrast: contrast_of(first_effect, reference_effect, settings.ci_level),
        tau2: match settings.pooling {
            GroupModel::SharedTau2 => Some(tau2),
            GroupModel::Separate => None,
            GroupModel::Fixed => Some(0.0),
        },
        model: settings.pooling,
    })
}

fn dose_result(cohorts: &[CohortResult], level: Level) -> DoseResult {
    let points: Vec<DosePoint> = cohorts
        .iter()
        .filter_map(|cohort| {
            let info = cohort_info(&cohort.indication)?;
            Some(DosePoint {
                indication: cohort.indication.clone(),
                log_dose: info.dose.typical.ln(),
                effect: cohort.effect()?,
            })
        })
        .collect();
    let effects: Vec<LogEffect> = points.iter().map(|p| p.effect).collect();
    let x: Vec<f64> = points.iter().map(|p| p.log_dose).collect();
    DoseResult {
        regression: meta_regression(&effects, &x, level),
        points,
    }
}
