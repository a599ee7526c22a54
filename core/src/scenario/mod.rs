//! The explainer's whole input state, and what it concludes.
//!
//! A [`Scenario`] says how the reader has set every control: confidence level, zero-cell policy,
//! crude or adjusted, and which workbench group each cohort sits in. The web app's view is a
//! function of it; [`Scenario::settings`] turns it into analysis settings.

pub mod link;
pub mod presets;

use crate::analysis::{GroupModel, GroupSpec, Missed, Settings};
use crate::data::{cohort_info, Dataset, MuscleGroup};
use crate::stats::{Level, ZeroCellPolicy};

/// A workbench group: what the injections in its cohorts relax.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Site {
    /// The glabellar frown muscles are injected.
    Frown,
    /// Other facial expression muscles.
    OtherFacial,
    /// No facial expression muscle (limbs, neck, bladder, glands).
    NoFacial,
}

impl Site {
    pub const ALL: [Site; 3] = [Site::Frown, Site::OtherFacial, Site::NoFacial];

    pub fn code(self) -> &'static str {
        match self {
            Site::Frown => "frown",
            Site::OtherFacial => "other_facial",
            Site::NoFacial => "no_facial",
        }
    }

    pub fn from_code(code: &str) -> Option<Site> {
        Site::ALL.into_iter().find(|site| site.code() == code)
    }

    /// Where the catalog puts a cohort; cohorts it does not know go to "no facial muscles".
    pub fn of_cohort(slug: &str) -> Site {
        match cohort_info(slug).map(|info| info.muscles) {
            Some(MuscleGroup::Frown) => Site::Frown,
            Some(MuscleGroup::OtherFacial) => Site::OtherFacial,
            _ => Site::NoFacial,
        }
    }
}

/// The confidence levels the explainer offers.
pub const CI_LEVELS: [f64; 3] = [0.90, 0.95, 0.99];

/// Every control of the explainer.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub ci_level: Level,
    pub zero_cell: ZeroCellPolicy,
    /// Mantel–Haenszel over sex and age band instead of the crude comparison.
    pub adjusted: bool,
    /// One model with a shared τ² (the default), or each group pooled on its own.
    pub pooling: GroupModel,
    /// Each cohort's workbench group, in the dataset's order.
    pub assignment: Vec<(String, Site)>,
    /// Whether the scorecard shows how often each reading holds over reconstructions of the
    /// study, and the seed of the first (member i from seed + i, as `glabella analyze
    /// --sensitivity N --seed S`); `seed=` in a link. `None`: not shown.
    pub sensitivity_seed: Option<u64>,
    /// The reporting-bias what-if: depression the reports of each arm failed to record
    /// (`missed_bont=`, `missed_control=` in a link).
    pub missed: Missed,
}

impl Scenario {
    /// The explainer's starting point: 95%, Haldane–Anscombe, crude, cohorts grouped by the
    /// muscles their labelled injections relax.
    pub fn for_dataset(dataset: &Dataset) -> Scenario {
        Scenario {
            ci_level: Level::NINETY_FIVE,
            zero_cell: ZeroCellPolicy::Haldane,
            adjusted: false,
            pooling: GroupModel::SharedTau2,
            assignment: dataset
                .indications()
                .into_iter()
                .map(|slug| (slug.to_owned(), Site::of_cohort(slug)))
                .collect(),
            sensitivity_seed: None,
            missed: Missed::default(),
        }
    }

    pub fn site_of(&self, slug: &str) -> Option<Site> {
        self.assignment
            .iter()
            .find(|(cohort, _)| cohort == slug)
            .map(|(_, site)| *site)
    }

    /// Moves a cohort to another group; unknown cohorts are ignored.
    pub fn move_cohort(&mut self, slug: &str, site: Site) {
        if let Some(entry) = self
            .assignment
            .iter_mut()
            .find(|(cohort, _)| cohort == slug)
        {
            entry.1 = site;
        }
    }

    pub fn cohorts_in(&self, site: Site) -> Vec<String> {
        self.assignment
            .iter()
            .filter(|(_, s)| *s == site)
            .map(|(cohort, _)| cohort.clone())
            .collect()
    }

    /// Analysis settings: one group per non-empty site, named by [`Site::code`], and the contrast
    /// of the frown-muscle group with the no-facial-muscle group.
    pub fn settings(&self) -> Settings {
        Settings {
            ci_level: self.ci_level,
            zero_cell: self.zero_cell,
            stratify: if self.adjusted {
                vec!["sex".into(), "age_band".into()]
            } else {
                Vec::new()
            },
            groups: Site::ALL
                .into_iter()
                .map(|site| GroupSpec {
                    name: site.code().to_owned(),
                    cohorts: self.cohorts_in(site),
                })
                .filter(|group| !group.cohorts.is_empty())
                .collect(),
            pooling: self.pooling,
            missed: self.missed,
            contrast: Some((
                Site::Frown.code().to_owned(),
                Site::NoFacial.code().to_owned(),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::data::default_dataset;

    #[test]
    fn default_groups_follow_the_labelled_injection_sites() {
        let scenario = Scenario::for_dataset(&default_dataset());
        assert_eq!(scenario.cohorts_in(Site::Frown), ["cosmetic", "migraine"]);
        assert_eq!(scenario.cohorts_in(Site::OtherFacial), ["blepharospasm"]);
        assert_eq!(
            scenario.cohorts_in(Site::NoFacial),
            [
                "spasticity",
                "torticollis",
                "hyperhidrosis",
                "sialorrhea",
                "bladder"
            ]
        );
    }

    #[test]
    fn moving_a_cohort_changes_the_groups_and_empty_groups_are_left_out() {
        let dataset = default_dataset();
        let mut scenario = Scenario::for_dataset(&dataset);
        scenario.move_cohort("blepharospasm", Site::Frown);
        scenario.move_cohort("nonexistent", Site::Frown);
        let settings = scenario.settings();
        let names: Vec<&str> = settings.groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["frown", "no_facial"]);
        assert!(analyze(&dataset, &settings).is_ok());
    }
}
