//! What the numbers say about the hypotheses, as data the app turns into sentences.
//!
//! The contrast is between the cohorts whose injections reach the frown muscles and those that
//! reach no facial muscle. Facial feedback predicts an effect only in the first; the systemic
//! explanations predict one in both.

use crate::analysis::Analysis;
use crate::stats::{ratio_of_pooled, Interval, Level};

use super::Site;

/// A pooled group as the verdict sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupSummary {
    pub ror: f64,
    pub ci: Interval,
    pub k: u64,
}

impl GroupSummary {
    /// The interval lies wholly below 1: less depression reported with BoNT.
    pub fn is_lower(&self) -> bool {
        self.ci.high < 1.0
    }

    /// The interval lies wholly above 1.
    pub fn is_higher(&self) -> bool {
        self.ci.low > 1.0
    }
}

/// Which hypothesis the numbers fit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Lower reporting where the frown muscles are injected, not where no facial muscle is, and
    /// the two groups differ clearly (the ratio's interval excludes 1).
    FacialFeedback,
    /// As above, but the two groups' intervals are compatible: a lean, not a finding.
    LeansFacialFeedback,
    /// Lower reporting also where no facial muscle is injected: facial feedback alone cannot
    /// explain it. `frown_stronger` when the frown group is also clearly lower than the rest.
    EffectEverywhere { frown_stronger: bool },
    /// Lower reporting only where no facial muscle is injected.
    OnlyWithoutFacialMuscles,
    /// No group shows lower reporting.
    NoClearEffect,
    /// A group needed for the contrast is empty or undefined.
    NotComparable,
}

/// Everything the headline and the workbench sentence need.
#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
    pub verdict: Verdict,
    pub frown: Option<GroupSummary>,
    pub no_facial: Option<GroupSummary>,
    /// Pooled ROR of the frown group over the no-facial group.
    pub ratio: Option<(f64, Interval)>,
    /// p of the test of subgroup difference over all groups.
    pub difference_p: Option<f64>,
    /// Cohorts whose interval lies below 1, and all cohorts with a defined interval.
    pub cohorts_lower: usize,
    pub cohorts_defined: usize,
}

fn summary(analysis: &Analysis, site: Site) -> Option<GroupSummary> {
    let group = analysis.groups.iter().find(|g| g.name == site.code())?;
    let pooled = group.pooled?;
    Some(GroupSummary {
        ror: pooled.ratio(),
        ci: pooled.ci(),
        k: pooled.k,
    })
}

/// Reads an analysis made from [`super::Scenario::settings`].
pub fn assess(analysis: &Analysis, level: Level) -> Assessment {
    let frown = summary(analysis, Site::Frown);
    let no_facial = summary(analysis, Site::NoFacial);
    let effect_of = |site: Site| {
        let group = analysis.groups.iter().find(|g| g.name == site.code())?;
        group.pooled.map(|pooled| pooled.effect)
    };
    let ratio = match (effect_of(Site::Frown), effect_of(Site::NoFacial)) {
        (Some(frown), Some(rest)) => Some(ratio_of_pooled(frown, rest, level)),
        _ => None,
    };
    let verdict = match (&frown, &no_facial, ratio) {
        (Some(frown), Some(rest), Some((_, ratio_ci))) => {
            let differ = ratio_ci.high < 1.0;
            match (frown.is_lower(), rest.is_lower()) {
                (true, false) if differ => Verdict::FacialFeedback,
                (true, false) => Verdict::LeansFacialFeedback,
                (true, true) => Verdict::EffectEverywhere {
                    frown_stronger: differ,
                },
                (false, true) => Verdict::OnlyWithoutFacialMuscles,
                (false, false) => Verdict::NoClearEffect,
            }
        }
        _ => Verdict::NotComparable,
    };
    let intervals: Vec<Interval> = analysis
        .cohorts
        .iter()
        .filter_map(|cohort| cohort.shown().1)
        .collect();
    Assessment {
        verdict,
        frown,
        no_facial,
        ratio,
        difference_p: analysis.group_difference.as_ref().map(|d| d.test.p),
        cohorts_lower: intervals.iter().filter(|ci| ci.high < 1.0).count(),
        cohorts_defined: intervals.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::data::default_dataset;
    use crate::scenario::Scenario;

    fn verdict_of(scenario: &Scenario) -> Assessment {
        let analysis = analyze(&default_dataset(), &scenario.settings()).unwrap();
        assess(&analysis, scenario.ci_level)
    }

    #[test]
    fn the_default_grouping_shows_an_effect_everywhere() {
        let scenario = Scenario::for_dataset(&default_dataset());
        let assessment = verdict_of(&scenario);
        assert!(
            matches!(assessment.verdict, Verdict::EffectEverywhere { .. }),
            "{assessment:?}"
        );
        assert_eq!(
            (assessment.cohorts_lower, assessment.cohorts_defined),
            (6, 8)
        );
    }

    #[test]
    fn moving_migraine_changes_the_numbers() {
        let mut scenario = Scenario::for_dataset(&default_dataset());
        let before = verdict_of(&scenario);
        scenario.move_cohort("migraine", Site::NoFacial);
        let after = verdict_of(&scenario);
        assert_ne!(before.frown, after.frown);
        assert_ne!(before.no_facial, after.no_facial);
    }

    /// A dataset with one frown-muscle cohort (cosmetic) and one without facial muscles
    /// (bladder), each given as (a, b, c, d).
    fn two_cohorts(frown: [u64; 4], rest: [u64; 4]) -> Assessment {
        let mut csv = String::from("indication,arm,sex,age_band,depression,reports\n");
        for (slug, [a, b, c, d]) in [("cosmetic", frown), ("bladder", rest)] {
            for (arm, depression, n) in [
                ("bont", 1, a),
                ("bont", 0, b),
                ("control", 1, c),
                ("control", 0, d),
            ] {
                csv.push_str(&format!("{slug},{arm},F,40-49,{depression},{n}\n"));
            }
        }
        let dataset = crate::data::parse_csv(csv.as_bytes()).unwrap();
        let scenario = Scenario::for_dataset(&dataset);
        let analysis = analyze(&dataset, &scenario.settings()).unwrap();
        assess(&analysis, scenario.ci_level)
    }

    #[test]
    fn each_pattern_gets_its_verdict() {
        let strong = [20, 2000, 100, 1000]; // ROR about 0.1, narrow interval
        let weak = [8, 992, 10, 990]; // ROR about 0.8, interval includes 1
        let none = [100, 900, 100, 900]; // ROR 1
        let small_effect = [5, 195, 20, 180]; // ROR about 0.23, wide interval below 1
        assert_eq!(two_cohorts(strong, none).verdict, Verdict::FacialFeedback);
        assert_eq!(
            two_cohorts(small_effect, weak).verdict,
            Verdict::LeansFacialFeedback
        );
        assert_eq!(
            two_cohorts(strong, strong).verdict,
            Verdict::EffectEverywhere {
                frown_stronger: false
            }
        );
        assert_eq!(
            two_cohorts(none, strong).verdict,
            Verdict::OnlyWithoutFacialMuscles
        );
        assert_eq!(two_cohorts(none, weak).verdict, Verdict::NoClearEffect);
    }

    #[test]
    fn an_empty_frown_group_is_not_comparable() {
        let mut scenario = Scenario::for_dataset(&default_dataset());
        scenario.move_cohort("cosmetic", Site::NoFacial);
        scenario.move_cohort("migraine", Site::NoFacial);
        assert_eq!(verdict_of(&scenario).verdict, Verdict::NotComparable);
    }
}
