//! The scorecard's rules, over every grouping of the eight cohorts into the three groups
//! (3⁸ = 6,561), at each confidence level and zero-cell policy, crude and adjusted.

use glabella_core::analysis::{analyze, analyze_cohorts, analyze_groups, Analysis};
use glabella_core::assessment::{
    assess, words, Assessment, Basis, Direction, Evidence, Hypothesis, Reading,
};
use glabella_core::data::default_dataset;
use glabella_core::i18n::Lang;
use glabella_core::scenario::{Scenario, Site, CI_LEVELS};
use glabella_core::stats::{Level, ZeroCellPolicy};

fn group_direction(analysis: &Analysis, site: Site) -> Option<Direction> {
    let group = analysis.groups.iter().find(|g| g.name == site.code())?;
    group.pooled.map(|pooled| Direction::of(pooled.ci(), 1.0))
}

/// Each reading re-derived from the analysis by the rules of the scorecard.
fn check_rules(analysis: &Analysis, assessment: &Assessment, what: &str) {
    let frown = group_direction(analysis, Site::Frown);
    let no_facial = group_direction(analysis, Site::NoFacial);
    let reading = |h| assessment.finding(h).reading;
    let want_ff_only = match (frown, no_facial) {
        (Some(_), Some(Direction::Below)) => Reading::Against,
        (Some(Direction::Below), Some(Direction::IncludesNull)) => Reading::Consistent,
        _ => Reading::CannotTell,
    };
    assert_eq!(reading(Hypothesis::FfOnly), want_ff_only, "ff_only, {what}");
    let want_ff_adds = match (frown, no_facial, &analysis.contrast) {
        (Some(_), Some(_), Some(contrast)) => match Direction::of(contrast.contrast.ci, 1.0) {
            Direction::Below => Reading::Supports,
            Direction::Above => Reading::Against,
            Direction::IncludesNull => Reading::CannotTell,
        },
        _ => Reading::CannotTell,
    };
    assert_eq!(reading(Hypothesis::FfAdds), want_ff_adds, "ff_adds, {what}");
    let want_systemic = match no_facial {
        Some(Direction::Below) => Reading::Consistent,
        Some(Direction::Above) => Reading::Against,
        _ => Reading::CannotTell,
    };
    assert_eq!(
        reading(Hypothesis::Systemic),
        want_systemic,
        "systemic, {what}"
    );
    let want_dose = match analysis
        .dose
        .regression
        .map(|r| Direction::of(r.slope_ci, 0.0))
    {
        Some(Direction::Below) => Reading::Supports,
        Some(Direction::Above) => Reading::Against,
        _ => Reading::CannotTell,
    };
    assert_eq!(reading(Hypothesis::SystemicDose), want_dose, "dose, {what}");
    let muscle = assessment.finding(Hypothesis::MuscleRelief);
    match &muscle.evidence {
        Evidence::Glands {
            estimate, cohorts, ..
        } => {
            assert!(cohorts
                .iter()
                .all(|c| c == "hyperhidrosis" || c == "sialorrhea"));
            let want = if estimate.ci.high < 1.0 {
                Reading::Against
            } else {
                Reading::CannotTell
            };
            assert_eq!(muscle.reading, want, "muscle relief, {what}");
        }
        _ => assert_eq!(muscle.reading, Reading::CannotTell),
    }
    for h in [Hypothesis::ConditionRelief, Hypothesis::ReportingArtefacts] {
        assert_eq!(reading(h), Reading::NotTestable);
    }
}

/// Parses "… CI 0.12 to 1.66" at the start of `text` into (low, high).
fn interval_after(text: &str) -> Option<(f64, f64)> {
    let mut parts = text.split_whitespace();
    let low: f64 = parts
        .next()?
        .trim_end_matches([',', ')', '.', ';'])
        .parse()
        .ok()?;
    (parts.next()? == "to").then_some(())?;
    let high: f64 = parts
        .next()?
        .trim_end_matches([',', ')', '.', ';', ':'])
        .parse()
        .ok()?;
    Some((low, high))
}

/// No sentence says "lower" or "higher" for an interval that includes 1, or that an interval
/// wholly below 1 includes 1 or is not lower: the words before each interval, back to the
/// previous interval or clause, must match it.
fn check_words(text: &str, what: &str) {
    for forbidden in [
        "no difference",
        "shows no effect",
        "had no effect",
        "not lower",
        "no reduction in",
    ] {
        assert!(!text.contains(forbidden), "{what}: “{forbidden}” in {text}");
    }
    for clause in text.split("; ").flat_map(|c| c.split(". ")) {
        let mut window_start = 0;
        for (at, _) in clause.match_indices("% CI ") {
            let window = &clause[window_start..at];
            window_start = at + 5;
            let Some((low, high)) = interval_after(&clause[at + 5..]) else {
                panic!("{what}: unreadable interval in {clause}");
            };
            if window.contains("slope") {
                continue; // An interval of a slope, around 0: checked through its reading.
            }
            let says_lower = window.contains(" lower") && !window.contains("% lower to");
            let says_higher = window.contains(" higher") && !window.contains("% higher");
            let says_includes = window.contains("includes 1");
            let context = format!("{what}: “{window}” before {low} to {high} in: {text}");
            if low <= 1.0 && 1.0 <= high {
                assert!(!says_lower && !says_higher, "{context}");
            } else if high < 1.0 {
                assert!(!says_higher && !says_includes, "{context}");
            } else {
                assert!(!says_lower && !says_includes, "{context}");
            }
        }
    }
}

fn every_sentence(assessment: &Assessment) -> Vec<String> {
    let (first, second) = words::headline(Lang::En, assessment);
    let mut res = vec![first, second, words::dose_sentence(Lang::En, assessment)];
    res.extend(
        assessment
            .findings
            .iter()
            .map(|finding| words::shows(Lang::En, finding, assessment)),
    );
    res
}

#[test]
fn every_grouping_follows_the_rules_in_numbers_and_words() {
    let dataset = default_dataset();
    let slugs: Vec<String> = dataset
        .indications()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut checked = 0;
    for &level in &CI_LEVELS {
        for policy in ZeroCellPolicy::ALL {
            for adjusted in [false, true] {
                let mut base = Scenario::for_dataset(&dataset);
                base.ci_level = Level::new(level).unwrap();
                base.zero_cell = policy;
                base.adjusted = adjusted;
                let cohorts = analyze_cohorts(&dataset, &base.settings()).unwrap();
                for code in 0..3usize.pow(slugs.len() as u32) {
                    let mut scenario = base.clone();
                    let mut rest = code;
                    for slug in &slugs {
                        scenario.move_cohort(slug, Site::ALL[rest % 3]);
                        rest /= 3;
                    }
                    let what = format!(
                        "level {level}, {}, adjusted {adjusted}, {:?}",
                        policy.code(),
                        scenario.assignment
                    );
                    let analysis = analyze_groups(cohorts.clone(), &scenario.settings()).unwrap();
                    let assessment = assess(&analysis, scenario.ci_level, Basis::Reconstruction);
                    check_rules(&analysis, &assessment, &what);
                    for sentence in every_sentence(&assessment) {
                        check_words(&sentence, &what);
                    }
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 6561 * 18);
}

fn assessment_of(scenario: &Scenario) -> Assessment {
    let analysis = analyze(&default_dataset(), &scenario.settings()).unwrap();
    assess(&analysis, scenario.ci_level, Basis::Reconstruction)
}

#[test]
fn at_99_percent_the_headline_matches_the_forest_plot() {
    let mut scenario = Scenario::for_dataset(&default_dataset());
    scenario.ci_level = Level::new(0.99).unwrap();
    let assessment = assessment_of(&scenario);
    let (_, second) = words::headline(Lang::En, &assessment);
    assert!(!second.contains("does not fit facial feedback"), "{second}");
    assert_eq!(
        assessment.finding(Hypothesis::FfOnly).reading,
        Reading::Consistent,
        "{second}"
    );
    assert!(second.contains("99% CI"), "{second}");
}

#[test]
fn counts_by_injection_site_ignore_the_readers_groups() {
    let dataset = default_dataset();
    let mut scenario = Scenario::for_dataset(&dataset);
    for slug in dataset.indications() {
        scenario.move_cohort(slug, Site::NoFacial);
    }
    let assessment = assessment_of(&scenario);
    assert!(assessment.your_groups);
    let (first, second) = words::headline(Lang::En, &assessment);
    assert!(
        first.contains("including 3 of the 5 where no facial muscle is injected"),
        "{first}"
    );
    assert!(second.contains("Put cohorts in both"), "{second}");
    let systemic = words::shows(
        Lang::En,
        assessment.finding(Hypothesis::Systemic),
        &assessment,
    );
    assert!(
        systemic.contains("your no-facial-muscle group"),
        "{systemic}"
    );
}

#[test]
fn the_default_page_does_not_contradict_itself() {
    let assessment = assessment_of(&Scenario::for_dataset(&default_dataset()));
    let (first, second) = words::headline(Lang::En, &assessment);
    assert!(first
        .starts_with("In this reconstruction (published cohort sizes, assumed depression counts)"));
    // The headline does not claim a systemic explanation fits better: the ratio's interval includes 1.
    assert!(!second.contains("fits a systemic"), "{second}");
    assert_eq!(
        assessment.finding(Hypothesis::FfAdds).reading,
        Reading::CannotTell
    );
    let dose = words::dose_sentence(Lang::En, &assessment);
    assert!(
        dose.starts_with("Against:") && dose.contains("confounded with indication"),
        "{dose}"
    );
}

#[test]
fn an_adjusted_estimate_for_sialorrhea_follows_the_zero_cell_policy() {
    let dataset = default_dataset();
    let mut scenario = Scenario::for_dataset(&dataset);
    scenario.adjusted = true;
    let sialorrhea = |scenario: &Scenario| {
        let analysis = analyze(&dataset, &scenario.settings()).unwrap();
        analysis
            .cohorts
            .into_iter()
            .find(|c| c.indication == "sialorrhea")
            .unwrap()
    };
    let corrected = sialorrhea(&scenario);
    let (estimate, ci) = corrected.shown();
    assert!(
        estimate.is_some() && ci.is_some_and(|ci| ci.contains(1.0)),
        "{corrected:?}"
    );
    scenario.zero_cell = ZeroCellPolicy::None;
    let uncorrected = sialorrhea(&scenario);
    assert_eq!(uncorrected.shown(), (None, None));
    assert_eq!(
        uncorrected.undefined_reason(),
        Some(glabella_core::analysis::Undefined::NoBontDepression)
    );
}
