//! What the numbers say about each explanation: one assessment, read by fixed rules.
//!
//! Every sentence the explainer and the `glabella` command say about the hypotheses comes from
//! one [`Assessment`], so no two sentences can disagree. A reading only ever rests on one
//! interval (or two, for "facial feedback alone"), and "below 1" means the interval lies wholly
//! below 1. No reading compares a significant result with a non-significant one, and an interval
//! that includes 1 is never read as "no difference".
//!
//! [`words`] turns an assessment into English sentences.

pub mod words;

use crate::analysis::{
    analyze, Analysis, AnalysisError, CohortResult, GroupModel, Missed, Settings,
};
use crate::data::{cohort_info, Dataset, MuscleGroup};
use crate::scenario::Site;
use crate::stats::{pool, Interval, Level, LogEffect, Pooling};

/// The explanations the scorecard weighs, in the order it lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Hypothesis {
    /// Facial feedback is the whole story.
    FfOnly,
    /// Facial feedback adds to the effect.
    FfAdds,
    /// The toxin acts beyond the injection site.
    Systemic,
    /// …and more so at larger doses.
    SystemicDose,
    /// Relaxing tense or painful muscles lifts mood.
    MuscleRelief,
    /// Relief of a distressing condition lifts mood.
    ConditionRelief,
    /// Differences in who reports and what gets reported.
    ReportingArtefacts,
}

impl Hypothesis {
    pub const ALL: [Hypothesis; 7] = [
        Hypothesis::FfOnly,
        Hypothesis::FfAdds,
        Hypothesis::Systemic,
        Hypothesis::SystemicDose,
        Hypothesis::MuscleRelief,
        Hypothesis::ConditionRelief,
        Hypothesis::ReportingArtefacts,
    ];

    /// The id in the command's JSON output.
    pub fn id(self) -> &'static str {
        match self {
            Hypothesis::FfOnly => "ff_only",
            Hypothesis::FfAdds => "ff_adds",
            Hypothesis::Systemic => "systemic",
            Hypothesis::SystemicDose => "systemic_dose",
            Hypothesis::MuscleRelief => "muscle_relief",
            Hypothesis::ConditionRelief => "condition_relief",
            Hypothesis::ReportingArtefacts => "reporting_artefacts",
        }
    }
}

/// How the data bear on a hypothesis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reading {
    /// The contrast it predicts is there, with an interval that excludes the null.
    Supports,
    /// The data fit it, but would fit other explanations too.
    Consistent,
    /// The data contradict what it predicts.
    Against,
    /// The interval it rests on is too wide to say.
    CannotTell,
    /// These data cannot test it.
    NotTestable,
}

impl Reading {
    pub const ALL: [Reading; 5] = [
        Reading::Supports,
        Reading::Consistent,
        Reading::Against,
        Reading::CannotTell,
        Reading::NotTestable,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Reading::Supports => "supports",
            Reading::Consistent => "consistent",
            Reading::Against => "against",
            Reading::CannotTell => "cannot_tell",
            Reading::NotTestable => "not_testable",
        }
    }
}

/// Where an interval lies relative to the null value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Wholly below the null.
    Below,
    /// Wholly above the null.
    Above,
    /// Includes the null.
    IncludesNull,
}

impl Direction {
    pub fn of(ci: Interval, null: f64) -> Direction {
        if ci.high < null {
            Direction::Below
        } else if ci.low > null {
            Direction::Above
        } else {
            Direction::IncludesNull
        }
    }
}

/// A ratio with its interval: a cohort, a pooled group or a ratio of two groups.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    pub ratio: f64,
    pub ci: Interval,
    /// Cohorts behind it.
    pub k: u64,
}

impl Estimate {
    pub fn direction(&self) -> Direction {
        Direction::of(self.ci, 1.0)
    }
}

/// A group the reading needs but the analysis does not have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missing {
    /// No group of this site (named by [`Site::code`]).
    Group(Site),
    /// The group exists, but none of its cohorts has a defined ROR.
    Undefined(Site),
    /// The analysis has no frown / no-facial contrast (its settings did not ask for one).
    Contrast,
    /// Fewer than three cohorts have both a labelled dose and a defined ROR.
    DoseLine,
    /// No gland cohort of the catalog has a defined ROR.
    Glands,
}

/// What a reading rests on.
#[derive(Clone, Debug, PartialEq)]
pub enum Evidence {
    /// Facial feedback alone: the frown-muscle and the no-facial-muscle groups.
    Groups {
        frown: Estimate,
        no_facial: Estimate,
    },
    /// The ratio of the frown-muscle group's pooled ROR to the no-facial group's.
    Contrast {
        estimate: Estimate,
        p: f64,
    },
    /// One pooled group.
    Group {
        estimate: Estimate,
    },
    /// The slope of log ROR on log labelled dose.
    Slope {
        slope: f64,
        ci: Interval,
        p: f64,
        k: u64,
    },
    /// The gland cohorts of the catalog, pooled on their own.
    Glands {
        estimate: Estimate,
        cohorts: Vec<String>,
        left_out: Vec<String>,
    },
    Missing(Missing),
    /// The hypothesis makes no prediction these data can check.
    None,
}

/// One row of the scorecard.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub hypothesis: Hypothesis,
    pub reading: Reading,
    pub evidence: Evidence,
}

/// Cohorts counted by where the catalog says they are injected, whatever the reader's groups.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub cohorts: usize,
    /// Cohorts with a defined interval.
    pub defined: usize,
    /// Cohorts whose interval lies wholly below 1.
    pub lower: usize,
    /// Cohorts injected where the catalog puts no facial muscle.
    pub no_facial: usize,
    pub no_facial_lower: usize,
}

/// What the data behind one analysis are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// The embedded dataset: published sizes, assumed depression counts.
    Reconstruction,
    /// A dataset the reader brought.
    OwnData,
}

/// The whole scorecard.
#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
    pub level: Level,
    pub basis: Basis,
    /// One finding per [`Hypothesis::ALL`], in that order.
    pub findings: Vec<Finding>,
    pub tally: Tally,
    /// The reader's groups differ from the catalog's injection sites.
    pub your_groups: bool,
    /// The estimates are adjusted for sex and age band (Mantel–Haenszel).
    pub adjusted: bool,
    pub model: GroupModel,
}

impl Assessment {
    pub fn finding(&self, hypothesis: Hypothesis) -> &Finding {
        // Every hypothesis has a finding: `assess` builds them from `Hypothesis::ALL`.
        self.findings
            .iter()
            .find(|finding| finding.hypothesis == hypothesis)
            .unwrap_or_else(|| unreachable!("every hypothesis is assessed"))
    }
}

/// Reads an analysis whose groups are named by [`Site::code`] (as [`crate::scenario::Scenario`]
/// makes them) and whose settings ask for the frown / no-facial contrast.
pub fn assess(analysis: &Analysis, level: Level, basis: Basis) -> Assessment {
    let group = |site: Site| -> Result<Estimate, Missing> {
        let group = analysis
            .groups
            .iter()
            .find(|g| g.name == site.code())
            .ok_or(Missing::Group(site))?;
        let pooled = group.pooled.ok_or(Missing::Undefined(site))?;
        Ok(Estimate {
            ratio: pooled.ratio(),
            ci: pooled.ci(),
            k: pooled.k,
        })
    };
    let frown = group(Site::Frown);
    let no_facial = group(Site::NoFacial);
    let findings = Hypothesis::ALL
        .into_iter()
        .map(|hypothesis| {
            let (reading, evidence) = match hypothesis {
                Hypothesis::FfOnly => read_ff_only(frown, no_facial),
                Hypothesis::FfAdds => read_ff_adds(analysis, frown, no_facial),
                Hypothesis::Systemic => read_systemic(no_facial),
                Hypothesis::SystemicDose => read_dose(analysis),
                Hypothesis::MuscleRelief => read_muscle_relief(analysis, level),
                Hypothesis::ConditionRelief | Hypothesis::ReportingArtefacts => {
                    (Reading::NotTestable, Evidence::None)
                }
            };
            Finding {
                hypothesis,
                reading,
                evidence,
            }
        })
        .collect();
    Assessment {
        level,
        basis,
        findings,
        tally: tally(&analysis.cohorts),
        your_groups: your_groups(analysis),
        adjusted: analysis.cohorts.iter().any(|c| c.adjusted.is_some()),
        model: analysis
            .groups
            .first()
            .map_or(GroupModel::default(), |g| g.model),
    }
}

fn missing(which: Missing) -> (Reading, Evidence) {
    (Reading::CannotTell, Evidence::Missing(which))
}

/// `against` when the no-facial group is below 1; `consistent` when the frown group is below 1
/// and the no-facial interval includes 1; else `cannot_tell`.
fn read_ff_only(
    frown: Result<Estimate, Missing>,
    no_facial: Result<Estimate, Missing>,
) -> (Reading, Evidence) {
    let (frown, no_facial) = match (frown, no_facial) {
        (Ok(frown), Ok(no_facial)) => (frown, no_facial),
        (Err(which), _) | (_, Err(which)) => return missing(which),
    };
    let reading = match (frown.direction(), no_facial.direction()) {
        (_, Direction::Below) => Reading::Against,
        (Direction::Below, Direction::IncludesNull) => Reading::Consistent,
        _ => Reading::CannotTell,
    };
    (reading, Evidence::Groups { frown, no_facial })
}

/// The contrast frown / no-facial: `supports` below 1, `against` above 1, else `cannot_tell`.
fn read_ff_adds(
    analysis: &Analysis,
    frown: Result<Estimate, Missing>,
    no_facial: Result<Estimate, Missing>,
) -> (Reading, Evidence) {
    if let Err(which) = frown.and(no_facial) {
        return missing(which);
    }
    let Some(contrast) = analysis.contrast.as_ref().filter(|contrast| {
        contrast.first == Site::Frown.code() && contrast.reference == Site::NoFacial.code()
    }) else {
        return missing(Missing::Contrast);
    };
    let estimate = Estimate {
        ratio: contrast.contrast.ratio,
        ci: contrast.contrast.ci,
        k: frown.map_or(0, |e| e.k) + no_facial.map_or(0, |e| e.k),
    };
    let reading = match estimate.direction() {
        Direction::Below => Reading::Supports,
        Direction::Above => Reading::Against,
        Direction::IncludesNull => Reading::CannotTell,
    };
    (
        reading,
        Evidence::Contrast {
            estimate,
            p: contrast.contrast.p,
        },
    )
}

/// The no-facial group: `consistent` below 1, `against` above 1, else `cannot_tell`.
fn read_systemic(no_facial: Result<Estimate, Missing>) -> (Reading, Evidence) {
    let estimate = match no_facial {
        Ok(estimate) => estimate,
        Err(which) => return missing(which),
    };
    let reading = match estimate.direction() {
        Direction::Below => Reading::Consistent,
        Direction::Above => Reading::Against,
        Direction::IncludesNull => Reading::CannotTell,
    };
    (reading, Evidence::Group { estimate })
}

/// The dose slope: `supports` wholly below 0, `against` wholly above 0, else `cannot_tell`.
fn read_dose(analysis: &Analysis) -> (Reading, Evidence) {
    let Some(regression) = analysis.dose.regression else {
        return missing(Missing::DoseLine);
    };
    let reading = match Direction::of(regression.slope_ci, 0.0) {
        Direction::Below => Reading::Supports,
        Direction::Above => Reading::Against,
        Direction::IncludesNull => Reading::CannotTell,
    };
    (
        reading,
        Evidence::Slope {
            slope: regression.slope,
            ci: regression.slope_ci,
            p: regression.slope_p,
            k: regression.k,
        },
    )
}

/// The catalog's gland cohorts pooled on their own (DerSimonian–Laird; one cohort is itself),
/// whatever the reader's groups: `against` when below 1, else `cannot_tell`.
fn read_muscle_relief(analysis: &Analysis, level: Level) -> (Reading, Evidence) {
    let glands: Vec<&CohortResult> = analysis
        .cohorts
        .iter()
        .filter(|c| cohort_info(&c.indication).is_some_and(|i| i.muscles == MuscleGroup::Glands))
        .collect();
    let (defined, left_out): (Vec<&CohortResult>, Vec<&CohortResult>) =
        glands.iter().partition(|c| c.effect().is_some());
    let effects: Vec<LogEffect> = defined.iter().filter_map(|c| c.effect()).collect();
    let Some(pooled) = pool(&effects, Pooling::Random, level) else {
        return missing(Missing::Glands);
    };
    let estimate = Estimate {
        ratio: pooled.ratio(),
        ci: pooled.ci(),
        k: pooled.k,
    };
    let reading = match estimate.direction() {
        Direction::Below => Reading::Against,
        _ => Reading::CannotTell,
    };
    let names = |cohorts: &[&CohortResult]| cohorts.iter().map(|c| c.indication.clone()).collect();
    (
        reading,
        Evidence::Glands {
            estimate,
            cohorts: names(&defined),
            left_out: names(&left_out),
        },
    )
}

fn tally(cohorts: &[CohortResult]) -> Tally {
    let mut res = Tally {
        cohorts: cohorts.len(),
        ..Tally::default()
    };
    for cohort in cohorts {
        let lower = cohort.shown().1.is_some_and(|ci| ci.high < 1.0);
        res.defined += usize::from(cohort.shown().1.is_some());
        res.lower += usize::from(lower);
        // By the catalog's injection sites: a cohort the catalog does not know is not counted.
        let no_facial = cohort_info(&cohort.indication).is_some_and(|info| {
            matches!(info.muscles, MuscleGroup::NoFacial | MuscleGroup::Glands)
        });
        if no_facial {
            res.no_facial += 1;
            res.no_facial_lower += usize::from(lower);
        }
    }
    res
}

/// Whether any cohort sits in a group other than the one its injection site gives it.
fn your_groups(analysis: &Analysis) -> bool {
    analysis.groups.iter().any(|group| {
        group
            .cohorts
            .iter()
            .any(|slug| Site::of_cohort(slug).code() != group.name)
    })
}

/// Where a hypothesis's reading would change under the reporting-bias what-if.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadingFlip {
    pub hypothesis: Hypothesis,
    /// The reading under the settings given.
    pub reading: Reading,
    /// The smallest share, in whole percent up to [`Missed::MAX`], of depression the Botox
    /// reports would have to have missed (the other arm as set) for the reading to change, and
    /// the reading it changes to; `None` when it never does.
    pub bont: Option<(u8, Reading)>,
    /// The same for depression missed by the control reports.
    pub control: Option<(u8, Reading)>,
}

/// For every hypothesis, in the scorecard's order: the first share of missed depression, in
/// either arm and above the share set, at which its reading changes. Readings need not change
/// monotonically with the share, so every whole percent is tried: 2 × 95 analyses at most.
///
/// # Errors
///
/// As [`analyze`].
pub fn reading_flips(
    dataset: &Dataset,
    settings: &Settings,
    basis: Basis,
) -> Result<Vec<ReadingFlip>, AnalysisError> {
    let readings = |missed: Missed| -> Result<Vec<Reading>, AnalysisError> {
        let settings = Settings {
            missed,
            ..settings.clone()
        };
        let analysis = analyze(dataset, &settings)?;
        let assessment = assess(&analysis, settings.ci_level, basis);
        Ok(Hypothesis::ALL
            .iter()
            .map(|&hypothesis| assessment.finding(hypothesis).reading)
            .collect())
    };
    let start = readings(settings.missed)?;
    let mut res: Vec<ReadingFlip> = Hypothesis::ALL
        .iter()
        .zip(&start)
        .map(|(&hypothesis, &reading)| ReadingFlip {
            hypothesis,
            reading,
            bont: None,
            control: None,
        })
        .collect();
    for bont_arm in [true, false] {
        let from = if bont_arm {
            settings.missed.bont
        } else {
            settings.missed.control
        };
        for percent in from.saturating_add(1)..=Missed::MAX {
            let missed = if bont_arm {
                Missed {
                    bont: percent,
                    ..settings.missed
                }
            } else {
                Missed {
                    control: percent,
                    ..settings.missed
                }
            };
            let now = readings(missed)?;
            for (flip, &reading) in res.iter_mut().zip(&now) {
                let slot = if bont_arm {
                    &mut flip.bont
                } else {
                    &mut flip.control
                };
                if slot.is_none() && reading != flip.reading {
                    *slot = Some((percent, reading));
                }
            }
            if res.iter().all(|flip| {
                if bont_arm {
                    flip.bont.is_some()
                } else {
                    flip.control.is_some()
                }
            }) {
                break;
            }
        }
    }
    Ok(res)
}
