//! Named scenarios, one tap away: each with a title, why it is worth a look, and its own link.

use crate::analysis::GroupModel;
use crate::data::Dataset;
use crate::stats::Level;

use super::link::{encode, Link, View};
use super::{Scenario, Site};

/// A named scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Preset {
    /// Stable, for tests and element ids.
    pub id: &'static str,
    pub title: &'static str,
    /// One sentence: what it shows.
    pub why: &'static str,
    pub scenario: Scenario,
}

impl Preset {
    /// The preset's canonical query string (empty for the default view).
    pub fn query(&self, dataset: &Dataset) -> String {
        encode(
            &Link {
                scenario: self.scenario.clone(),
                view: View::page(),
            },
            dataset,
        )
    }
}

/// The presets for a dataset, in the order the page lists them.
pub fn presets(dataset: &Dataset) -> Vec<Preset> {
    let base = Scenario::for_dataset(dataset);
    let with = |change: &dyn Fn(&mut Scenario)| {
        let mut scenario = base.clone();
        change(&mut scenario);
        scenario
    };
    vec![
        Preset {
            id: "paper",
            title: "The paper's headline view",
            why: "Crude reporting odds ratios with 95% intervals, cohorts grouped by where the injections go, as the study reports them.",
            scenario: base.clone(),
        },
        Preset {
            id: "migraine-non-facial",
            title: "Migraine counted as non-facial",
            why: "The migraine injections go to 31 sites in the head and neck, only 7 of them in the frown area, so it is a debatable member of the frown group.",
            scenario: with(&|s| s.move_cohort("migraine", Site::NoFacial)),
        },
        Preset {
            id: "muscles-vs-glands",
            title: "Only muscles against only glands",
            why: "Every cohort whose injections relax a muscle is set apart from the two where only sweat or salivary glands are injected, where neither facial feedback nor muscle relief can act.",
            scenario: with(&|s| {
                for cohort in ["spasticity", "torticollis", "blepharospasm", "bladder"] {
                    s.move_cohort(cohort, Site::OtherFacial);
                }
                for cohort in ["hyperhidrosis", "sialorrhea"] {
                    s.move_cohort(cohort, Site::NoFacial);
                }
            }),
        },
        Preset {
            id: "adjusted",
            title: "Adjusted for sex and age",
            why: "Compares reports within the same sex and age band, to show what adjustment can do; the sex and age splits are themselves assumptions of the reconstruction.",
            scenario: with(&|s| s.adjusted = true),
        },
        Preset {
            id: "strict",
            title: "Strict 99% intervals",
            why: "Wider intervals: only the clearest differences still count as lower or higher.",
            scenario: with(&|s| s.ci_level = Level::new(0.99).unwrap_or(s.ci_level)),
        },
        Preset {
            id: "separate-pools",
            title: "Each group pooled on its own",
            why: "A sensitivity check: each group gets its own between-cohort variance, which is unstable with two or three cohorts.",
            scenario: with(&|s| s.pooling = GroupModel::Separate),
        },
    ]
}
