//! The study's comparisons over a dataset: per cohort, per group of cohorts, between groups and
//! against dose. Everything the explainer and the `glabella` command show comes from [`analyze`].

use std::fmt;

use crate::data::{cohort_info, Covariate, Dataset};
use crate::stats::{
    breslow_day, fisher_exact_p, mantel_haenszel, meta_regression, pool, ratio_of_pooled, ror,
    subgroup_difference, BreslowDay, Interval, Level, LogEffect, MantelHaenszel, MetaRegression,
    Pooled, Pooling, RatioEstimate, SubgroupDifference, Table2x2, ZeroCellPolicy,
};

/// What to compute. The defaults are the explainer's: 95%, Haldane–Anscombe, crude, random
/// effects, no groups.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub ci_level: Level,
    pub zero_cell: ZeroCellPolicy,
    /// Covariates to stratify on (Mantel–Haenszel); empty for the crude comparison only.
    pub stratify: Vec<String>,
    pub groups: Vec<GroupSpec>,
    pub pooling: Pooling,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            ci_level: Level::NINETY_FIVE,
            zero_cell: ZeroCellPolicy::Haldane,
            stratify: Vec::new(),
            groups: Vec::new(),
            pooling: Pooling::Random,
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

impl fmt::Display for AnalysisError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnalysisError::UnknownCovariate(name) => write!(
                f,
                "cannot stratify on `{name}`: the dataset has no such column (try sex or age_band)"
            ),
            AnalysisError::UnknownCohort { group, cohort } => {
                write!(
                    f,
                    "group `{group}` names `{cohort}`, which is not an indication of the dataset"
                )
            }
            AnalysisError::EmptyGroup(group) => write!(f, "group `{group}` has no cohorts"),
        }
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
    /// `None` when no stratum has both a BoNT and a control depression report pattern to compare
    /// (for instance no depression report at all in one arm).
    pub mantel_haenszel: Option<MantelHaenszel>,
    pub breslow_day: Option<BreslowDay>,
    /// Number of non-empty strata.
    pub strata: u64,
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
    /// `None` when no cohort of the group has a defined effect.
    pub pooled: Option<Pooled>,
    /// Cohorts of the group left out because their effect is undefined.
    pub left_out: Vec<String>,
}

/// The comparison between groups.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupDifference {
    pub test: SubgroupDifference,
    /// For exactly two groups: pooled ROR of the first over the second, with interval.
    pub ratio: Option<(f64, Interval)>,
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
    pub group_difference: Option<GroupDifference>,
    pub dose: DoseResult,
}

/// Runs every comparison of the study.
///
/// # Errors
///
/// When a stratification covariate or a group's cohort is not in the dataset, or a group is empty.
pub fn analyze(dataset: &Dataset, settings: &Settings) -> Result<Analysis, AnalysisError> {
    let covariates = settings
        .stratify
        .iter()
        .map(|name| {
            dataset
                .covariate(name)
                .ok_or_else(|| AnalysisError::UnknownCovariate(name.clone()))
        })
        .collect::<Result<Vec<Covariate>, _>>()?;
    let indications = dataset.indications();
    for group in &settings.groups {
        if group.cohorts.is_empty() {
            return Err(AnalysisError::EmptyGroup(group.name.clone()));
        }
        if let Some(cohort) = group
            .cohorts
            .iter()
            .find(|cohort| !indications.contains(&cohort.as_str()))
        {
            return Err(AnalysisError::UnknownCohort {
                group: group.name.clone(),
                cohort: cohort.clone(),
            });
        }
    }

    let cohorts: Vec<CohortResult> = indications
        .iter()
        .map(|&indication| cohort_result(dataset, indication, &covariates, settings))
        .collect();
    let groups: Vec<GroupResult> = settings
        .groups
        .iter()
        .map(|group| group_result(&cohorts, group, settings))
        .collect();
    let group_difference = group_difference(&groups, settings.ci_level);
    let dose = dose_result(&cohorts, settings.ci_level);
    Ok(Analysis {
        cohorts,
        groups,
        group_difference,
        dose,
    })
}

fn cohort_result(
    dataset: &Dataset,
    indication: &str,
    covariates: &[Covariate],
    settings: &Settings,
) -> CohortResult {
    let table = dataset.table(indication);
    let adjusted = (!covariates.is_empty()).then(|| {
        let strata = dataset.stratified_tables(indication, covariates);
        Adjusted {
            mantel_haenszel: mantel_haenszel(&strata, settings.ci_level),
            breslow_day: breslow_day(&strata),
            strata: strata.iter().filter(|t| t.total() > 0).count() as u64,
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

fn group_result(cohorts: &[CohortResult], group: &GroupSpec, settings: &Settings) -> GroupResult {
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
    GroupResult {
        name: group.name.clone(),
        cohorts: group.cohorts.clone(),
        pooled: pool(&effects, settings.pooling, settings.ci_level),
        left_out,
    }
}

fn group_difference(groups: &[GroupResult], level: Level) -> Option<GroupDifference> {
    let effects: Vec<LogEffect> = groups
        .iter()
        .map(|group| group.pooled.map(|pooled| pooled.effect))
        .collect::<Option<_>>()?;
    let test = subgroup_difference(&effects)?;
    let ratio = match effects[..] {
        [first, second] => Some(ratio_of_pooled(first, second, level)),
        _ => None,
    };
    Some(GroupDifference { test, ratio })
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
