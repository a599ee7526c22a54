//! The app's state: the dataset shown, the reader's scenario, and every change a reader can make
//! as an [`Action`].

use std::rc::Rc;

use glabella_core::analysis::{GroupModel, Missed};
use glabella_core::data::{transfer, Dataset};
use glabella_core::scenario::{Scenario, Site};
use glabella_core::stats::{Level, ZeroCellPolicy};
use yew::Reducible;

use crate::shared::Shared;

/// Where the numbers come from: the embedded reconstruction, or a file the reader loaded.
#[derive(Clone, PartialEq)]
pub struct Source {
    pub dataset: Shared<Dataset>,
    /// The loaded file: its name and its number of reports; `None` for the embedded dataset.
    pub file: Option<LoadedFile>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LoadedFile {
    pub name: String,
    pub reports: u64,
}

impl Source {
    pub fn embedded() -> Source {
        // Parsed at build time (build.rs); the tests check it is `default_dataset()`.
        let text = include_str!(concat!(env!("OUT_DIR"), "/default.transfer"));
        let dataset = transfer::decode(text)
            .unwrap_or_else(|| panic!("the embedded dataset could not be read"));
        Source {
            dataset: Shared::new(dataset),
            file: None,
        }
    }

    pub fn file(dataset: Dataset, name: String) -> Source {
        let reports = dataset.strata.iter().map(|stratum| stratum.reports).sum();
        Source {
            dataset: Shared::new(dataset),
            file: Some(LoadedFile { name, reports }),
        }
    }
}

/// How often each reading of each hypothesis came out over reconstructions of the study, for one
/// scenario: counted by the compute worker (static/page.js), shown beside the scorecard.
#[derive(Clone, Debug, PartialEq)]
pub struct Shares {
    /// The canonical query of the scenario they were counted for.
    pub query: String,
    /// Reconstructions counted so far, and how many the run will count.
    pub members: u32,
    pub total: u32,
    /// Per hypothesis (scorecard order), per reading (`Reading::ALL` order).
    pub counts: Vec<u32>,
}

impl Shares {
    /// The count of `reading` for the hypothesis at `index`.
    pub fn count(&self, index: usize, reading: usize) -> u32 {
        self.counts.get(index * 5 + reading).copied().unwrap_or(0)
    }

    pub fn complete(&self) -> bool {
        self.members == self.total && self.members > 0 && self.counts.len() == 35
    }
}

/// Where each reading would change under the reporting-bias what-if, for one scenario, as the
/// compute worker finds it: four numbers per hypothesis (see `worker/src/main.rs`, `flips`).
#[derive(Clone, Debug, PartialEq)]
pub struct Flips {
    /// The canonical query of the scenario they were found for, and the file's name (empty for
    /// the embedded dataset): the default view of every dataset has the same empty query.
    pub query: String,
    pub file: String,
    pub values: Vec<i16>,
}

/// The source and the scenario, wrapped so Yew can reduce them (the core crate knows nothing of
/// Yew). They change together: a new dataset starts from its own default scenario.
#[derive(Clone, PartialEq)]
pub struct State {
    pub source: Source,
    pub scenario: Scenario,
}

/// Everything a reader can change.
#[derive(Clone, PartialEq)]
pub enum Action {
    SetCiLevel(f64),
    SetZeroCell(ZeroCellPolicy),
    SetAdjusted(bool),
    SetPooling(GroupModel),
    MoveCohort {
        slug: String,
        site: Site,
    },
    /// The reporting-bias what-if.
    SetMissed(Missed),
    /// Shows (from this seed) or hides the shares of the readings over reconstructions.
    SetSensitivitySeed(Option<u64>),
    /// Back to the starting point (the scenario given).
    Reset(Scenario),
    /// Shows another dataset, from its default scenario.
    Load(Source),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut scenario = self.scenario.clone();
        match action {
            Action::SetCiLevel(level) => {
                if let Some(level) = Level::new(level) {
                    scenario.ci_level = level;
                }
            }
            Action::SetZeroCell(policy) => scenario.zero_cell = policy,
            Action::SetAdjusted(adjusted) => scenario.adjusted = adjusted,
            Action::SetPooling(pooling) => scenario.pooling = pooling,
            Action::SetSensitivitySeed(seed) => scenario.sensitivity_seed = seed,
            Action::SetMissed(missed) => scenario.missed = missed,
            Action::MoveCohort { slug, site } => scenario.move_cohort(&slug, site),
            Action::Reset(start) => scenario = start,
            Action::Load(source) => {
                let scenario = Scenario::for_dataset(&source.dataset);
                return Rc::new(State { source, scenario });
            }
        }
        Rc::new(State {
            source: self.source.clone(),
            scenario,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use glabella_core::data::{default_dataset, parse_csv};

    #[test]
    fn the_embedded_dataset_is_the_default_one_without_its_comments() {
        let mut default = default_dataset();
        assert!(!default.provenance.comments.is_empty());
        default.provenance.comments.clear();
        assert_eq!(*Source::embedded().dataset, default);
    }

    #[test]
    fn actions_change_only_what_they_name() {
        let source = Source::embedded();
        let start = Rc::new(State {
            scenario: Scenario::for_dataset(&source.dataset),
            source,
        });
        let moved = start.clone().reduce(Action::MoveCohort {
            slug: "migraine".into(),
            site: Site::NoFacial,
        });
        assert_eq!(moved.scenario.site_of("migraine"), Some(Site::NoFacial));
        assert_eq!(moved.scenario.ci_level, start.scenario.ci_level);
        let adjusted = moved.reduce(Action::SetAdjusted(true));
        assert!(adjusted.scenario.adjusted);
        let unchanged = adjusted.clone().reduce(Action::SetCiLevel(1.5));
        assert_eq!(
            unchanged.scenario.ci_level, adjusted.scenario.ci_level,
            "an invalid level is ignored"
        );
        let separate = unchanged.reduce(Action::SetPooling(GroupModel::Separate));
        assert_eq!(separate.scenario.pooling, GroupModel::Separate);
        let reset = separate.reduce(Action::Reset(start.scenario.clone()));
        assert_eq!(reset.scenario, start.scenario);
        assert!(reset.source == start.source);
    }

    #[test]
    fn a_loaded_file_starts_from_its_own_scenario() {
        let file = "indication,arm,sex,age_band,depression,reports\n\
                    cosmetic,bont,F,40-49,1,3\n\
                    new-indication,control,U,U,0,4\n";
        let dataset = parse_csv(file.as_bytes()).expect("valid");
        let source = Source::embedded();
        let start = Rc::new(State {
            scenario: Scenario::for_dataset(&source.dataset),
            source,
        });
        let moved = start.reduce(Action::SetAdjusted(true));
        let loaded = moved.reduce(Action::Load(Source::file(
            dataset.clone(),
            "mine.csv".into(),
        )));
        assert_eq!(loaded.scenario, Scenario::for_dataset(&dataset));
        assert_eq!(
            loaded.source.file,
            Some(LoadedFile {
                name: "mine.csv".into(),
                reports: 7
            })
        );
        let back = loaded.reduce(Action::Load(Source::embedded()));
        assert_eq!(back.source.file, None);
        assert_eq!(back.scenario, Scenario::for_dataset(&default_dataset()));
    }
}
