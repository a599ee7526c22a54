//! Drawn reconstructions reproduce every published number, keep to their written-down ranges, differ
//! from seed to seed, and give a sensitivity that counts every member once.

use std::collections::BTreeSet;

use glabella_core::analysis::{analyze, GroupSpec, Settings};
use glabella_core::assessment::{assess, Basis, Hypothesis, Reading};
use glabella_core::data::{default_dataset, parse_csv, Dataset, Sex};
use glabella_core::reconstruct::calibration::COHORT_SPLITS;
use glabella_core::reconstruct::published::{self, COHORT_SIZES};
use glabella_core::reconstruct::ranges::{
    BLADDER_TABLES, BONT_DEPRESSION_MAX_PERCENT, CONTROL_DEPRESSION_PERCENT, SPLIT_SPREAD,
    UNNAMED_CANDIDATES,
};
use glabella_core::reconstruct::{
    csv, draw, draw_within, member, member_seed, sensitivity, version, ReconstructError,
    Sensitivity,
};
use glabella_core::scenario::Scenario;
use glabella_core::stats::{ror, Level, Table2x2, ZeroCellPolicy};

fn significant(table: Table2x2) -> bool {
    ror(table, ZeroCellPolicy::Haldane, Level::NINETY_FIVE)
        .ci
        .is_some_and(|ci| ci.high < 1.0)
}

fn default_settings() -> Settings {
    Scenario::for_dataset(&default_dataset()).settings()
}

#[test]
fn every_draw_passes_the_published_numbers_check_and_keeps_to_its_ranges() {
    for seed in 0..300 {
        let dataset = draw(seed).unwrap_or_else(|err| panic!("{err}"));
        if let Err(err) = published::check(&dataset) {
            panic!("seed {seed}: {err}");
        }
        for cohort in COHORT_SIZES {
            let table = dataset.table(cohort.slug);
            let (low, high) = CONTROL_DEPRESSION_PERCENT;
            let percent = 100 * table.c;
            assert!(
                low * table.n_control() <= percent && percent <= high * table.n_control(),
                "seed {seed}, {}: {table:?}",
                cohort.slug
            );
            assert!(
                100 * table.a <= BONT_DEPRESSION_MAX_PERCENT * table.n_bont(),
                "seed {seed}, {}: {table:?}",
                cohort.slug
            );
        }
        // The unnamed candidate that is not significant has a report and an interval around 1.
        for slug in UNNAMED_CANDIDATES {
            let table = dataset.table(slug);
            let ci = ror(table, ZeroCellPolicy::Haldane, Level::NINETY_FIVE)
                .ci
                .unwrap();
            if !significant(table) && slug != "sialorrhea" {
                assert!(table.a >= 1 && ci.contains(1.0), "seed {seed}, {slug}");
            }
        }
    }
}

#[test]
fn the_check_names_the_constraint_a_dataset_breaks() {
    let mut dataset = default_dataset();
    let stratum = dataset
        .strata
        .iter_mut()
        .find(|s| s.indication == "sialorrhea" && !s.depression)
        .unwrap();
    stratum.depression = true;
    let err = published::check(&dataset).unwrap_err();
    assert!(err.contains("sialorrhea has"), "{err}");

    let mut dataset = default_dataset();
    dataset.strata.retain(|s| s.indication != "bladder");
    let err = published::check(&dataset).unwrap_err();
    assert!(err.contains("not the published eight"), "{err}");
}

#[test]
fn exactly_two_bladder_tables_reproduce_the_published_numbers() {
    // The width of the interval, 2·1.96·se = ln(1.43/0.43), needs 1/a + 1/c ≈ 0.094, so a ≥ 11;
    // an ROR of 0.77 with a ≥ 60 would need c ≥ 2,500 and a far narrower interval. So the
    // search over a < 60 and c < 3,000 covers every candidate.
    let (bont, control) = (915, 30_827);
    let mut found = Vec::new();
    for a in 1..60 {
        for c in 1..3_000 {
            let table = Table2x2::new(a, bont - a, c, control - c);
            let res = ror(table, ZeroCellPolicy::Haldane, Level::NINETY_FIVE);
            let (estimate, ci) = (res.estimate.unwrap(), res.ci.unwrap());
            let hundredths = |x: f64| (x * 100.0).round();
            if hundredths(ci.low) == 43.0
                && hundredths(ci.high) == 143.0
                && (estimate - 0.77).abs() < 0.015
            {
                found.push((a, c));
            }
        }
    }
    assert_eq!(found, BLADDER_TABLES);
}

#[test]
fn a_significant_sialorrhea_needs_58_control_reports_of_depression() {
    // With no BoNT report of depression, as ranges.rs says of UNNAMED_CANDIDATES.
    let table = |c: u64| Table2x2::new(0, 157, c, 1_174 - c);
    assert!(!significant(table(57)) && significant(table(58)));
}

#[test]
fn draws_differ_across_seeds_and_every_candidate_pair_occurs() {
    let mut datasets: BTreeSet<String> = BTreeSet::new();
    let mut pairs: BTreeSet<Vec<&str>> = BTreeSet::new();
    let mut lowest: BTreeSet<&str> = BTreeSet::new();
    for seed in 100..200 {
        let dataset = draw(seed).unwrap();
        let strata: Vec<u64> = dataset.strata.iter().map(|s| s.reports).collect();
        datasets.insert(format!("{strata:?}"));
        pairs.insert(
            UNNAMED_CANDIDATES
                .into_iter()
                .filter(|slug| significant(dataset.table(slug)))
                .collect(),
        );
        let by_ror = COHORT_SIZES
            .iter()
            .map(|cohort| (cohort.slug, dataset.table(cohort.slug)))
            .filter(|(_, table)| table.a > 0 && significant(*table))
            .map(|(slug, table)| {
                let estimate = ror(table, ZeroCellPolicy::Haldane, Level::NINETY_FIVE).estimate;
                (estimate.unwrap(), slug)
            })
            .min_by(|x, y| x.0.total_cmp(&y.0));
        lowest.insert(by_ror.unwrap().1);
    }
    assert_eq!(datasets.len(), 100, "every seed gives its own dataset");
    assert_eq!(
        pairs,
        BTreeSet::from([
            vec!["blepharospasm", "sialorrhea"],
            vec!["torticollis", "blepharospasm"],
            vec!["torticollis", "sialorrhea"],
        ])
    );
    assert!(lowest.len() >= 5, "{lowest:?}");
}

#[test]
fn a_seed_gives_one_dataset_and_its_csv_reads_back() {
    let first = draw(7).unwrap();
    assert_eq!(draw(7).unwrap(), first);
    assert_ne!(draw(8).unwrap(), first);
    let text = csv(&first);
    assert_eq!(parse_csv(text.as_bytes()).unwrap(), first);
    assert_eq!(first.provenance.version, Some(version(7)));
    assert!(text.contains("# version: 2020-makunts-draw-1-seed-7\n"));
    assert!(text.contains("glabella reconstruct --seed 7"));
    // The embedded dataset too: the writer keeps every comment and stratum.
    let default = default_dataset();
    assert_eq!(parse_csv(csv(&default).as_bytes()).unwrap(), default);
}

#[test]
fn splits_stay_around_the_calibrations() {
    // Each share is multiplied by 1 ± 0.25 and the shares rescaled, so a share moves by at most
    // a factor 1.25/0.75 either way, plus rounding to whole reports.
    let most = (1.0 + SPLIT_SPREAD) / (1.0 - SPLIT_SPREAD) * 1.05;
    for seed in 0..50 {
        let dataset = draw(seed).unwrap();
        for split in COHORT_SPLITS {
            for (arm, calibrated) in [("bont", split.bont.sex), ("control", split.control.sex)] {
                let women = share_of_women(&dataset, split.slug, arm);
                let calibrated = f64::from(calibrated[0]) / 100.0;
                let ratio = women / calibrated;
                assert!(
                    1.0 / most <= ratio && ratio <= most,
                    "seed {seed}, {} {arm}: {women} vs {calibrated}",
                    split.slug
                );
            }
        }
    }
}

fn share_of_women(dataset: &Dataset, slug: &str, arm: &str) -> f64 {
    let reports = |women: bool| -> u64 {
        dataset
            .strata
            .iter()
            .filter(|s| s.indication == slug && s.arm.code() == arm)
            .filter(|s| !women || s.sex == Sex::F)
            .map(|s| s.reports)
            .sum()
    };
    reports(true) as f64 / reports(false) as f64
}

#[test]
fn a_draw_out_of_attempts_is_an_error_not_a_hang() {
    assert_eq!(
        draw_within(3, 0),
        Err(ReconstructError::NoDraw {
            seed: 3,
            attempts: 0
        })
    );
    let message = draw_within(3, 0).unwrap_err().to_string();
    assert!(message.contains("seed 3"), "{message}");
}

#[test]
fn a_sensitivity_counts_every_member_once_and_runs_in_chunks() {
    let settings = default_settings();
    let whole = sensitivity(&settings, 12, 40).unwrap();
    let mut chunks = Sensitivity::new(40);
    chunks.extend(&settings, 5).unwrap();
    chunks.extend(&settings, 7).unwrap();
    assert_eq!(chunks, whole);
    assert_eq!(whole.members(), 12);
    for hypothesis in Hypothesis::ALL {
        let total: u32 = Reading::ALL
            .iter()
            .map(|&reading| whole.count(hypothesis, reading))
            .sum();
        assert_eq!(total, 12);
    }
    // Member i is the dataset of seed + i, analysed and assessed as the command does.
    let dataset = draw(member_seed(40, 3)).unwrap();
    let analysis = analyze(&dataset, &settings).unwrap();
    let assessment = assess(&analysis, settings.ci_level, Basis::Reconstruction);
    let readings = member(&settings, 40, 3).unwrap();
    for (finding, reading) in assessment.findings.iter().zip(readings) {
        assert_eq!(finding.reading, reading);
    }
    assert_eq!(member_seed(u64::MAX, 2), 1);
}

#[test]
fn settings_that_do_not_fit_a_reconstruction_are_an_error() {
    let settings = Settings {
        groups: vec![GroupSpec {
            name: "frown".into(),
            cohorts: vec!["acne".into()],
        }],
        ..Settings::default()
    };
    let err = sensitivity(&settings, 3, 1).unwrap_err();
    assert!(matches!(err, ReconstructError::Analysis(_)), "{err:?}");
}

/// Where the embedded dataset's readings fall among 500 drawn reconstructions, for the default
/// scenario. Printed with `cargo test -p glabella-core --test reconstruct -- --nocapture`.
#[test]
fn where_the_embedded_datasets_readings_fall_among_500_draws() {
    let settings = default_settings();
    let analysis = analyze(&default_dataset(), &settings).unwrap();
    let default = assess(&analysis, settings.ci_level, Basis::Reconstruction);
    let draws = sensitivity(&settings, 500, 1).unwrap();
    println!("hypothesis           embedded reading  share of draws with it   all readings");
    for finding in &default.findings {
        let hypothesis = finding.hypothesis;
        let total: f64 = Reading::ALL
            .iter()
            .map(|&reading| draws.share(hypothesis, reading))
            .sum();
        assert!((total - 1.0).abs() < 1e-12, "{}", hypothesis.id());
        let all: Vec<String> = Reading::ALL
            .iter()
            .filter(|&&reading| draws.count(hypothesis, reading) > 0)
            .map(|&reading| {
                format!(
                    "{} {:.1}%",
                    reading.code(),
                    100.0 * draws.share(hypothesis, reading)
                )
            })
            .collect();
        let share = draws.share(hypothesis, finding.reading);
        println!(
            "{:<20} {:<17} {:>5.1}%                   {}",
            hypothesis.id(),
            finding.reading.code(),
            100.0 * share,
            all.join(", ")
        );
        // The embedded dataset is one reconstruction among those the ranges allow, so each of
        // its readings comes out in some draws.
        assert!(share > 0.0, "{}", hypothesis.id());
    }
}
