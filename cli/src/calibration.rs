//! Turns `data/calibration.toml` into the default dataset CSV, deterministically.
//!
//! Each arm's reports are spread over sex × age-band strata in proportion to the arm's sex and age
//! shares, and its depression reports in proportion to stratum size times the reporting weights.
//! Both use largest-remainder rounding, so every arm total is exactly the calibrated one.

use std::fmt::Write as _;

use glabella_core::data::{AgeBand, Sex};
use glabella_core::stats::apportion;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Calibration {
    version: String,
    source: String,
    licence: String,
    reporting_weight: ReportingWeights,
    cohort: Vec<Cohort>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportingWeights {
    sex: Weights,
    age_band: Weights,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Weights {
    order: Vec<String>,
    values: Vec<f64>,
    assumption: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Cohort {
    slug: String,
    bont_reports: Count,
    control_reports: Count,
    bont_depression: Count,
    control_depression: Count,
    bont_sex: Shares,
    control_sex: Shares,
    bont_age: Shares,
    control_age: Shares,
}

/// A number with where it comes from: a published `source` or an `assumption` with its reason.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Count {
    value: u64,
    source: Option<String>,
    assumption: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Shares {
    values: Vec<f64>,
    source: Option<String>,
    assumption: Option<String>,
}

fn check_basis(
    what: &str,
    source: &Option<String>,
    assumption: &Option<String>,
) -> Result<(), String> {
    match (source, assumption) {
        (Some(text), None) | (None, Some(text)) if !text.trim().is_empty() => Ok(()),
        _ => Err(format!(
            "{what}: give exactly one of `source` or `assumption`, not empty"
        )),
    }
}

/// The CSV of format v1 that the calibration describes.
pub fn generate(text: &str) -> Result<String, String> {
    let calibration: Calibration = toml::from_str(text).map_err(|err| err.to_string())?;
    let weights = &calibration.reporting_weight;
    let sex_codes: Vec<&str> = Sex::ALL.iter().map(|s| s.code()).collect();
    let age_codes: Vec<&str> = AgeBand::ALL.iter().map(|a| a.code()).collect();
    if weights.sex.order != sex_codes || weights.sex.values.len() != sex_codes.len() {
        return Err(format!(
            "reporting_weight.sex must list {sex_codes:?} in that order"
        ));
    }
    if weights.age_band.order != age_codes || weights.age_band.values.len() != age_codes.len() {
        return Err(format!(
            "reporting_weight.age_band must list {age_codes:?} in that order"
        ));
    }
    for (what, w) in [
        ("reporting_weight.sex", &weights.sex),
        ("reporting_weight.age_band", &weights.age_band),
    ] {
        check_basis(what, &None, &Some(w.assumption.clone()))?;
    }

    let mut csv = String::new();
    write_header(&mut csv, &calibration);
    for cohort in &calibration.cohort {
        let slug = &cohort.slug;
        for (name, count) in [
            ("bont_reports", &cohort.bont_reports),
            ("control_reports", &cohort.control_reports),
            ("bont_depression", &cohort.bont_depression),
            ("control_depression", &cohort.control_depression),
        ] {
            check_basis(&format!("{slug}.{name}"), &count.source, &count.assumption)?;
        }
        let arms = [
            (
                "bont",
                &cohort.bont_reports,
                &cohort.bont_depression,
                &cohort.bont_sex,
                &cohort.bont_age,
            ),
            (
                "control",
                &cohort.control_reports,
                &cohort.control_depression,
                &cohort.control_sex,
                &cohort.control_age,
            ),
        ];
        for (arm, reports, depression, sex, age) in arms {
            let what = format!("{slug}.{arm}");
            check_basis(&format!("{what}_sex"), &sex.source, &sex.assumption)?;
            check_basis(&format!("{what}_age"), &age.source, &age.assumption)?;
            if sex.values.len() != 3 || age.values.len() != 8 {
                return Err(format!("{what}: give 3 sex shares and 8 age-band shares"));
            }
            if depression.value > reports.value {
                return Err(format!("{what}: more depression reports than reports"));
            }
            let size_weights: Vec<f64> = sex
                .values
                .iter()
                .flat_map(|s| age.values.iter().map(move |a| s * a))
                .collect();
            let sizes = apportion(reports.value, &size_weights)
                .ok_or(format!("{what}: shares sum to zero"))?;
            let depression_weights: Vec<f64> = sizes
                .iter()
                .enumerate()
                .map(|(idx, &n)| {
                    n as f64 * weights.sex.values[idx / 8] * weights.age_band.values[idx % 8]
                })
                .collect();
            let depressed = if depression.value == 0 {
                vec![0; sizes.len()]
            } else {
                apportion(depression.value, &depression_weights)
                    .ok_or(format!("{what}: no stratum to hold depression reports"))?
            };
            for (idx, (&n, &d)) in sizes.iter().zip(&depressed).enumerate() {
                if d > n {
                    return Err(format!(
                        "{what}: a stratum would have more depression reports than reports"
                    ));
                }
                let (sex, age) = (sex_codes[idx / 8], age_codes[idx % 8]);
                for (flag, count) in [(1, d), (0, n - d)] {
                    if count > 0 {
                        let _ = writeln!(csv, "{slug},{arm},{sex},{age},{flag},{count}");
                    }
                }
            }
        }
    }
    Ok(csv)
}

fn write_header(csv: &mut String, calibration: &Calibration) {
    let lines = [
        "Glabella default dataset, format v1: counts of FAERS reports per stratum.".to_owned(),
        format!("version: {}", calibration.version),
        format!("source: {}", calibration.source),
        "status: illustrative reconstruction. Published and reproduced exactly: the sixteen cohort sizes,".to_owned(),
        "zero depression reports in the sialorrhea BoNT arm, and the bladder ROR 0.77 [0.43, 1.43] as".to_owned(),
        "closely as Woolf allows (0.78 [0.43, 1.43]). Assumed: every other depression count and every sex".to_owned(),
        "and age split. Each number and the reason for it is in data/calibration.toml.".to_owned(),
        format!("licence: {}", calibration.licence),
        "generated by: glabella generate-dataset data/calibration.toml (do not edit by hand)".to_owned(),
        "Strata with no reports are left out; a missing stratum counts as zero.".to_owned(),
    ];
    for line in lines {
        let _ = writeln!(csv, "# {line}");
    }
    csv.push_str("indication,arm,sex,age_band,depression,reports\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    const CALIBRATION: &str = include_str!("../../data/calibration.toml");

    #[test]
    fn committed_dataset_is_exactly_what_the_calibration_generates() {
        let generated = generate(CALIBRATION).expect("the calibration is valid");
        assert_eq!(generated, glabella_core::data::DEFAULT_CSV, "run: cargo run --bin glabella -- generate-dataset data/calibration.toml > data/default.csv");
        assert_eq!(
            generate(CALIBRATION),
            Ok(generated),
            "generation is deterministic"
        );
    }

    #[test]
    fn every_number_needs_a_source_or_an_assumption() {
        let without_basis = CALIBRATION.replacen(
            ", source = \"https://pmc.ncbi.nlm.nih.gov/articles/PMC7393507/figure/Fig3\"",
            "",
            1,
        );
        let err = generate(&without_basis).expect_err("a number without basis");
        assert!(err.contains("cosmetic.bont_reports"), "{err}");
    }

    #[test]
    fn calibration_constants_equal_the_file() {
        // The core copies the splits and weights so the page can draw reconstructions without
        // this file (glabella_core::reconstruct::calibration).
        use glabella_core::reconstruct::calibration::{AGE_WEIGHTS, COHORT_SPLITS, SEX_WEIGHTS};
        let calibration: Calibration = toml::from_str(CALIBRATION).unwrap();
        assert_eq!(calibration.reporting_weight.sex.values, SEX_WEIGHTS);
        assert_eq!(calibration.reporting_weight.age_band.values, AGE_WEIGHTS);
        assert_eq!(calibration.cohort.len(), COHORT_SPLITS.len());
        let percent = |values: &[u32]| -> Vec<f64> { values.iter().map(|&v| v.into()).collect() };
        for (cohort, split) in calibration.cohort.iter().zip(COHORT_SPLITS) {
            assert_eq!(cohort.slug, split.slug);
            assert_eq!(
                cohort.bont_sex.values,
                percent(&split.bont.sex),
                "{}",
                split.slug
            );
            assert_eq!(
                cohort.bont_age.values,
                percent(&split.bont.age),
                "{}",
                split.slug
            );
            assert_eq!(
                cohort.control_sex.values,
                percent(&split.control.sex),
                "{}",
                split.slug
            );
            assert_eq!(
                cohort.control_age.values,
                percent(&split.control.age),
                "{}",
                split.slug
            );
        }
    }

    #[test]
    fn apportion_keeps_the_total() {
        assert_eq!(apportion(10, &[1.0, 1.0, 1.0]), Some(vec![4, 3, 3]));
        assert_eq!(apportion(7, &[0.0, 2.0, 5.0]), Some(vec![0, 2, 5]));
        assert_eq!(apportion(5, &[0.0, 0.0]), None);
    }
}
