//! The reporting-bias what-if: depression under-recorded in one arm's reports, restored before
//! analysis, and the point where each significant cohort stops being significant.

use glabella_core::analysis::{analyze, flip_points, Missed, Settings};
use glabella_core::data::default_dataset;
use glabella_core::reconstruct::draw;
use glabella_core::scenario::Scenario;
use glabella_core::stats::Table2x2;

#[test]
fn restoring_missed_depression_moves_reports_within_their_arm() {
    let table = Table2x2::new(10, 90, 7, 993);
    // Half of the Botox arm's depression went unrecorded: 10 recorded means 20 occurred.
    assert_eq!(
        table.with_missed_depression(true, 50),
        Table2x2::new(20, 80, 7, 993)
    );
    assert_eq!(
        table.with_missed_depression(false, 30),
        Table2x2::new(10, 90, 10, 990)
    );
    assert_eq!(table.with_missed_depression(true, 0), table);
    // Rounded to whole reports (10 / 0.7 = 14.29), and never more than the arm holds.
    assert_eq!(table.with_missed_depression(true, 30).a, 14);
    assert_eq!(
        Table2x2::new(60, 40, 1, 1).with_missed_depression(true, 90),
        Table2x2::new(100, 0, 1, 1)
    );
    // Zero stays zero: nothing to scale.
    assert_eq!(
        Table2x2::new(0, 5, 1, 1).with_missed_depression(true, 80).a,
        0
    );
}

#[test]
fn missed_botox_depression_raises_every_ratio_and_missed_control_depression_lowers_it() {
    let dataset = default_dataset();
    let settings = Scenario::for_dataset(&dataset).settings();
    let base = analyze(&dataset, &settings).unwrap();
    let missed = |bont, control| {
        let settings = Settings {
            missed: Missed { bont, control },
            ..settings.clone()
        };
        analyze(&dataset, &settings).unwrap()
    };
    let (up, down) = (missed(40, 0), missed(0, 40));
    for ((before, higher), lower) in base.cohorts.iter().zip(&up.cohorts).zip(&down.cohorts) {
        let ratio = |cohort: &glabella_core::analysis::CohortResult| cohort.ror.estimate.unwrap();
        if before.table.a > 0 {
            assert!(ratio(higher) > ratio(before), "{}", before.indication);
        }
        assert!(ratio(lower) < ratio(before), "{}", before.indication);
    }
}

/// The smallest percent at which the cohort's interval no longer lies wholly below 1, searched
/// one percent at a time: the reference for the halving search.
fn direct_flip(
    dataset: &glabella_core::data::Dataset,
    settings: &Settings,
    indication: &str,
) -> Option<u8> {
    (settings.missed.bont..=Missed::MAX).find(|&bont| {
        let settings = Settings {
            missed: Missed {
                bont,
                ..settings.missed
            },
            ..settings.clone()
        };
        let analysis = analyze(dataset, &settings).unwrap();
        let cohort = analysis
            .cohorts
            .iter()
            .find(|c| c.indication == indication)
            .unwrap();
        !cohort.shown().1.is_some_and(|ci| ci.high < 1.0)
    })
}

#[test]
fn flip_points_agree_with_a_search_of_every_percent() {
    let mut datasets = vec![default_dataset()];
    datasets.extend([3, 17, 40].map(|seed| draw(seed).unwrap()));
    let mut checked = 0;
    for dataset in &datasets {
        for (adjusted, control, start) in
            [(false, 0, 0), (true, 0, 0), (false, 20, 0), (false, 0, 25)]
        {
            let mut scenario = Scenario::for_dataset(dataset);
            scenario.adjusted = adjusted;
            scenario.missed = Missed {
                bont: start,
                control,
            };
            let settings = scenario.settings();
            let analysis = analyze(dataset, &settings).unwrap();
            let flips = flip_points(dataset, &settings).unwrap();
            let significant: Vec<&str> = analysis
                .cohorts
                .iter()
                .filter(|c| c.shown().1.is_some_and(|ci| ci.high < 1.0))
                .map(|c| c.indication.as_str())
                .collect();
            let named: Vec<&str> = flips.iter().map(|f| f.indication.as_str()).collect();
            assert_eq!(
                named, significant,
                "the flip points are those of the significant cohorts"
            );
            for flip in &flips {
                assert_eq!(
                    flip.missed_bont,
                    direct_flip(dataset, &settings, &flip.indication),
                    "{} (adjusted {adjusted}, control {control}, from {start})",
                    flip.indication
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 40, "only {checked} flip points checked");
}

#[test]
fn the_default_data_says_how_much_botox_reports_would_have_to_miss() {
    let dataset = default_dataset();
    let flips = flip_points(&dataset, &Scenario::for_dataset(&dataset).settings()).unwrap();
    let cosmetic = flips.iter().find(|f| f.indication == "cosmetic").unwrap();
    // Cosmetic's ROR is 0.12: Botox reports would have to miss most of their depression.
    assert!(
        cosmetic.missed_bont.is_none_or(|percent| percent > 60),
        "{cosmetic:?}"
    );
    assert_eq!(flips.len(), 6, "six significant cohorts");
}

#[test]
fn reading_flips_are_the_first_share_at_which_a_reading_changes() {
    use glabella_core::assessment::{assess, reading_flips, Basis};
    let dataset = default_dataset();
    let settings = Scenario::for_dataset(&dataset).settings();
    let flips = reading_flips(&dataset, &settings, Basis::Reconstruction).unwrap();
    assert_eq!(flips.len(), 7);
    let reading_at = |bont: u8, control: u8, index: usize| {
        let settings = Settings {
            missed: Missed { bont, control },
            ..settings.clone()
        };
        let analysis = analyze(&dataset, &settings).unwrap();
        assess(&analysis, settings.ci_level, Basis::Reconstruction).findings[index].reading
    };
    let mut changed = 0;
    for (index, flip) in flips.iter().enumerate() {
        assert_eq!(flip.reading, reading_at(0, 0, index));
        for (arm, found) in [(true, flip.bont), (false, flip.control)] {
            let at = |percent: u8| {
                if arm {
                    reading_at(percent, 0, index)
                } else {
                    reading_at(0, percent, index)
                }
            };
            match found {
                Some((percent, reading)) => {
                    changed += 1;
                    assert_eq!(at(percent), reading, "{:?}", flip.hypothesis);
                    assert_ne!(reading, flip.reading);
                    // Every share below it keeps the reading (checked at every percent).
                    assert!(
                        (1..percent).all(|p| at(p) == flip.reading),
                        "{:?}",
                        flip.hypothesis
                    );
                }
                None => assert!((1..=Missed::MAX).all(|p| at(p) == flip.reading)),
            }
        }
    }
    assert!(changed >= 2, "some readings change within 95%: {flips:?}");
}

#[test]
fn strata_are_restored_together_as_the_crude_table_is() {
    // One depression report in each of ten strata: 30% missed means 10 became 14, not 10 again
    // (each stratum alone would round 1 / 0.7 = 1.43 back to 1).
    let strata = vec![Table2x2::new(1, 99, 5, 95); 10];
    let restored = Missed {
        bont: 30,
        control: 0,
    }
    .restore_strata(&strata);
    assert_eq!(restored.iter().map(|t| t.a).sum::<u64>(), 14);
    assert!(restored
        .iter()
        .all(|t| (1..=2).contains(&t.a) && t.a + t.b == 100 && t.c == 5));
    // Largest remainders first, then the first strata: the first four get the extra reports.
    assert_eq!(
        restored.iter().map(|t| t.a).collect::<Vec<_>>(),
        [2, 2, 2, 2, 1, 1, 1, 1, 1, 1]
    );
    // Never more than a stratum holds: a full stratum takes nothing, the others take the rest.
    let tight = [Table2x2::new(3, 0, 1, 1), Table2x2::new(1, 10, 1, 1)];
    let restored = Missed {
        bont: 50,
        control: 0,
    }
    .restore_strata(&tight);
    assert_eq!(restored[0], tight[0]);
    assert_eq!(restored[1].a, 5);

    // On every cohort of the default dataset, the strata add up to the restored crude table.
    let dataset = default_dataset();
    let covariates = [
        dataset.covariate("sex").unwrap(),
        dataset.covariate("age_band").unwrap(),
    ];
    for indication in dataset.indications() {
        let strata = dataset.stratified_tables(indication, &covariates);
        for (bont, control) in [(10, 0), (30, 20), (0, 55), (95, 95)] {
            let missed = Missed { bont, control };
            let crude = missed.restore(dataset.table(indication));
            let restored = missed.restore_strata(&strata);
            let sum = |f: fn(&Table2x2) -> u64| restored.iter().map(f).sum::<u64>();
            assert_eq!(
                Table2x2::new(sum(|t| t.a), sum(|t| t.b), sum(|t| t.c), sum(|t| t.d)),
                crude,
                "{indication} at {bont}/{control}"
            );
        }
    }
}
