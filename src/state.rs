//! The app's state: the reader's scenario, and every change a reader can make as an [`Action`].

use std::rc::Rc;

use glabella_core::analysis::GroupModel;
use glabella_core::scenario::{Scenario, Site};
use glabella_core::stats::{Level, ZeroCellPolicy};
use yew::Reducible;

/// The scenario, wrapped so Yew can reduce it (the core crate knows nothing of Yew).
#[derive(Clone, Debug, PartialEq)]
pub struct State(pub Scenario);

/// Everything a reader can change.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetCiLevel(f64),
    SetZeroCell(ZeroCellPolicy),
    SetAdjusted(bool),
    SetPooling(GroupModel),
    MoveCohort {
        slug: String,
        site: Site,
    },
    /// Back to the starting point (the scenario given).
    Reset(Scenario),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut scenario = self.0.clone();
        match action {
            Action::SetCiLevel(level) => {
                if let Some(level) = Level::new(level) {
                    scenario.ci_level = level;
                }
            }
            Action::SetZeroCell(policy) => scenario.zero_cell = policy,
            Action::SetAdjusted(adjusted) => scenario.adjusted = adjusted,
            Action::SetPooling(pooling) => scenario.pooling = pooling,
            Action::MoveCohort { slug, site } => scenario.move_cohort(&slug, site),
            Action::Reset(start) => scenario = start,
        }
        Rc::new(State(scenario))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use glabella_core::data::default_dataset;

    #[test]
    fn actions_change_only_what_they_name() {
        let start = Rc::new(State(Scenario::for_dataset(&default_dataset())));
        let moved = start.clone().reduce(Action::MoveCohort {
            slug: "migraine".into(),
            site: Site::NoFacial,
        });
        assert_eq!(moved.0.site_of("migraine"), Some(Site::NoFacial));
        assert_eq!(moved.0.ci_level, start.0.ci_level);
        let adjusted = moved.reduce(Action::SetAdjusted(true));
        assert!(adjusted.0.adjusted);
        let unchanged = adjusted.clone().reduce(Action::SetCiLevel(1.5));
        assert_eq!(
            unchanged.0.ci_level, adjusted.0.ci_level,
            "an invalid level is ignored"
        );
        let separate = unchanged.reduce(Action::SetPooling(GroupModel::Separate));
        assert_eq!(separate.0.pooling, GroupModel::Separate);
        let reset = separate.reduce(Action::Reset(start.0.clone()));
        assert_eq!(reset.0, start.0);
    }
}
