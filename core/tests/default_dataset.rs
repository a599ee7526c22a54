//! The embedded dataset reproduces every published number of the study (study.md) and keeps the
//! calibration choices documented in data/calibration.toml.

use glabella_core::analysis::{analyze, Settings};
use glabella_core::data::{catalog, default_dataset, DEFAULT_CSV};
use glabella_core::reconstruct::published;

#[test]
fn the_published_numbers_hold() {
    // The sixteen cohort sizes, no depression report with BoNT for sialorrhea, the bladder ROR
    // 0.77 [0.43, 1.43] as closely as Woolf allows, six cohorts significantly lower including the
    // abstract's four, RORs 40 to 88 percent lower: the same check every drawn reconstruction
    // passes (tests/reconstruct.rs).
    assert_eq!(published::check(&default_dataset()), Ok(()));
    // No integer table gives all three bladder numbers by Woolf: the published interval is not
    // centred on 0.77 on the log scale.
    assert!(
        (0.43_f64 * 1.43).sqrt() > 0.78,
        "the published interval is centred above 0.78"
    );
}

#[test]
fn the_calibration_chooses_torticollis_and_blepharospasm_as_the_other_two() {
    // Which six cohorts are significant is not published; calibration.toml explains this choice.
    let analysis = analyze(&default_dataset(), &Settings::default()).unwrap();
    let significant: Vec<&str> = analysis
        .cohorts
        .iter()
        .filter(|c| c.ror.ci.is_some_and(|ci| ci.high < 1.0))
        .map(|c| c.indication.as_str())
        .collect();
    assert_eq!(
        significant,
        [
            "cosmetic",
            "migraine",
            "spasticity",
            "torticollis",
            "blepharospasm",
            "hyperhidrosis"
        ]
    );
}

#[test]
fn adjustment_for_sex_and_age_visibly_changes_some_cohorts() {
    let settings = Settings {
        stratify: vec!["sex".into(), "age_band".into()],
        ..Settings::default()
    };
    let analysis = analyze(&default_dataset(), &settings).unwrap();
    let moved: Vec<&str> = analysis
        .cohorts
        .iter()
        .filter(|c| {
            let crude = c.ror.estimate.unwrap();
            c.adjusted
                .as_ref()
                .and_then(|a| a.mantel_haenszel)
                .is_some_and(|mh| (mh.estimate / crude).ln().abs() > 0.1)
        })
        .map(|c| c.indication.as_str())
        .collect();
    assert!(
        moved.contains(&"spasticity") && moved.contains(&"bladder"),
        "{moved:?}"
    );
}

#[test]
fn the_file_is_small_and_says_what_it_is() {
    assert!(DEFAULT_CSV.len() < 40 * 1024, "{} bytes", DEFAULT_CSV.len());
    let dataset = default_dataset();
    assert_eq!(
        dataset.provenance.version.as_deref(),
        Some("2020-makunts-reconstruction-1.0.0")
    );
    assert!(dataset
        .provenance
        .source
        .as_deref()
        .unwrap()
        .contains("10.1038/s41598-020-69773-7"));
    let comments = dataset.provenance.comments.join("\n");
    assert!(comments.contains("illustrative reconstruction"));
    assert!(comments.contains("licence"));
}

#[test]
fn every_cohort_has_a_catalog_entry() {
    let dataset = default_dataset();
    let slugs: Vec<&str> = catalog().iter().map(|info| info.slug).collect();
    assert_eq!(dataset.indications(), slugs);
}
