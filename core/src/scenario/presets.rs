//! Named scenarios, one tap away: each with a title, why it is worth a look, and its own link.

use crate::analysis::GroupModel;
use crate::data::Dataset;
use crate::i18n::{preset, Lang};
use crate::stats::Level;

use super::link::{encode, Link, View};
use super::{Scenario, Site};

/// A message without values, in a language.
type Message = fn(Lang) -> &'static str;

/// A named scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Preset {
    /// Stable, for tests and element ids.
    pub id: &'static str,
    pub scenario: Scenario,
}

impl Preset {
    /// The title, in a language.
    pub fn title(&self, lang: Lang) -> &'static str {
        self.words().0(lang)
    }

    /// One sentence, in a language: what it shows.
    pub fn why(&self, lang: Lang) -> &'static str {
        self.words().1(lang)
    }

    /// The preset's messages in `[preset]`: its title and why.
    fn words(&self) -> (Message, Message) {
        match self.id {
            "paper" => (preset::paper_title, preset::paper_why),
            "migraine-non-facial" => (
                preset::migraine_non_facial_title,
                preset::migraine_non_facial_why,
            ),
            "muscles-vs-glands" => (
                preset::muscles_vs_glands_title,
                preset::muscles_vs_glands_why,
            ),
            "adjusted" => (preset::adjusted_title, preset::adjusted_why),
            "strict" => (preset::strict_title, preset::strict_why),
            // "separate-pools"; every preset has words of its own (tested).
            _ => (preset::separate_pools_title, preset::separate_pools_why),
        }
    }

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
            scenario: base.clone(),
        },
        Preset {
            id: "migraine-non-facial",
            scenario: with(&|s| s.move_cohort("migraine", Site::NoFacial)),
        },
        Preset {
            id: "muscles-vs-glands",
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
            scenario: with(&|s| s.adjusted = true),
        },
        Preset {
            id: "strict",
            scenario: with(&|s| s.ci_level = Level::new(0.99).unwrap_or(s.ci_level)),
        },
        Preset {
            id: "separate-pools",
            scenario: with(&|s| s.pooling = GroupModel::Separate),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::default_dataset;

    #[test]
    fn every_preset_has_words_of_its_own_in_every_language() {
        let presets = presets(&default_dataset());
        for lang in Lang::ALL {
            let mut titles: Vec<&str> = presets.iter().map(|preset| preset.title(lang)).collect();
            let mut whys: Vec<&str> = presets.iter().map(|preset| preset.why(lang)).collect();
            titles.sort_unstable();
            titles.dedup();
            whys.sort_unstable();
            whys.dedup();
            assert_eq!(titles.len(), presets.len(), "{lang:?}");
            assert_eq!(whys.len(), presets.len(), "{lang:?}");
        }
    }
}
