//! `glabella build-faers` on synthetic quarters written to disk, as folders and as zips: the
//! dataset and every provenance figure equal the truth the generator planned.

mod common;

use common::glabella;

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Output;

use glabella_core::data::{parse_csv, AgeBand, Arm, Sex};
use glabella_faers::synthetic::{generate, Layout, QuarterFiles, Spec, Truth};
use glabella_faers::{Options, Quarter};
use serde_json::Value;

/// A folder of its own for each test, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("glabella-faers-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn quarter(year: u16, q: u8) -> Quarter {
    Quarter::new(year, q).unwrap()
}

/// Nine quarters in every layout faers.md describes: both column sets, CRLF and LF, lower- and
/// upper-case names, `DEMO18Q1_new.txt`, the deleted lists in each naming style, two zips.
fn spec(seed: u64) -> Spec {
    let mut layouts: Vec<Layout> = [
        (2012, 4),
        (2014, 2),
        (2014, 3),
        (2018, 1),
        (2019, 1),
        (2020, 1),
        (2020, 3),
        (2021, 1),
        (2022, 2),
    ]
    .into_iter()
    .map(|(year, q)| Layout::new(quarter(year, q)))
    .collect();
    layouts[0].lower_case_names = true;
    layouts[0].header_spaces = true;
    layouts[1].crlf = false;
    layouts[1].folder = "ASCII".into();
    layouts[1].extension = ".TXT".into();
    layouts[1].trailing_dollar = true;
    layouts[2].upper_case_header = true;
    layouts[2].crlf = false;
    layouts[3].demo_suffix = "_new".into();
    layouts[4].zip = true;
    layouts[4].crlf = false;
    layouts[4].deleted_files = vec![
        "deleted/ADR19Q1DeletedCases.txt".into(),
        "deleted/AllDeletedCases.txt".into(),
    ];
    layouts[5].folder = "ASCII".into();
    layouts[5].deleted_files = vec!["DELETED/ADR20Q1DeletedCases.txt".into()];
    layouts[6].deleted_files = vec!["Deleted/ADR20Q3DeletedCases.txt".into()];
    layouts[7].deleted_files = vec!["Deleted/21Q1DeletedCases.txt".into()];
    layouts[7].lower_case_names = true;
    layouts[8].deleted_files = vec!["Deleted/DELETE22Q2.txt".into()];
    layouts[8].zip = true;
    Spec {
        seed,
        layouts,
        ordinary: 60,
        bont_share: 0.35,
        control_share: 0.35,
        depression_share: 0.3,
        antidepressant_share: 0.1,
        deleted_share: 0.05,
        edge_cases: true,
        shuffle: true,
        max_other_drugs: 4,
        max_reactions: 5,
    }
}

/// Writes each quarter as a folder or a zip; returns their paths, in a scrambled order.
fn write(dir: &Path, quarters: &[QuarterFiles]) -> Vec<String> {
    let mut paths = Vec::new();
    for files in quarters {
        if files.zip {
            // `faers_ascii_2019q1.zip`, or upper-case `Q` as some real ones have.
            let name = if files.quarter.year() == 2022 {
                files.name.replace('q', "Q")
            } else {
                files.name.clone()
            };
            let path = dir.join(format!("{name}.zip"));
            let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            for (inner, bytes) in &files.files {
                zip.start_file(inner.as_str(), options).unwrap();
                zip.write_all(bytes).unwrap();
            }
            zip.finish().unwrap();
            paths.push(path.display().to_string());
        } else {
            let root = dir.join(&files.name);
            for (inner, bytes) in &files.files {
                let path = root.join(inner);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, bytes).unwrap();
            }
            paths.push(root.display().to_string());
        }
    }
    let len = paths.len();
    (0..len)
        .map(|idx| paths[(idx * 4 + 3) % len].clone())
        .collect()
}

type Strata = BTreeMap<(String, bool, Sex, AgeBand, bool), u64>;

fn strata(csv: &[u8]) -> Strata {
    let dataset = parse_csv(csv).expect("the output is a valid v1 file");
    let mut res = Strata::new();
    for stratum in dataset.strata {
        let key = (
            stratum.indication,
            stratum.arm == Arm::Bont,
            stratum.sex,
            stratum.age_band,
            stratum.depression,
        );
        assert!(stratum.reports > 0, "{key:?} has no reports");
        assert!(res.insert(key, stratum.reports).is_none());
    }
    res
}

/// Runs the command and returns the CSV and the JSON report.
fn build(dir: &Path, quarters: &[String], flags: &[&str]) -> (Vec<u8>, Value, Output) {
    let out = dir.join("faers.csv").display().to_string();
    let report = dir.join("report.json").display().to_string();
    let mut args: Vec<&str> = vec!["build-faers"];
    args.extend(quarters.iter().map(String::as_str));
    args.extend(["--out", &out, "--report", &report]);
    args.extend(flags);
    let output = glabella(&args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let csv = std::fs::read(&out).unwrap();
    let json: Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    (csv, json, output)
}

fn check(csv: &[u8], json: &Value, truth: &Truth, options: Options) {
    let want = truth.expected(options);
    let figures = [
        ("reports_read", truth.reports_read),
        ("deleted_lists", truth.deleted_lists),
        ("deleted_list_cases", truth.deleted_list_cases),
        ("cases_deleted", truth.cases_deleted),
        ("reports_deleted", truth.reports_deleted),
        ("versions_superseded", truth.versions_superseded),
        ("cases", truth.cases),
        ("rows_malformed", truth.rows_malformed),
        (
            "reports_excluded_antidepressants",
            want.excluded_antidepressants,
        ),
        ("bont_reports_multi_cohort", want.bont_multi_cohort),
        ("reports_excluded_multi_cohort", want.excluded_multi_cohort),
        ("bont_reports_without_cohort", want.bont_without_cohort),
    ];
    for (key, value) in figures {
        assert_eq!(json[key], value, "{key}");
    }
    for (key, value) in [
        ("demo", truth.rows.demo),
        ("drug", truth.rows.drug),
        ("indi", truth.rows.indi),
        ("reac", truth.rows.reac),
    ] {
        assert_eq!(json["rows"][key], value, "rows.{key}");
    }
    let got = strata(csv);
    for key in want.strata.keys().chain(got.keys()) {
        assert_eq!(got.get(key), want.strata.get(key), "{key:?}");
    }
    for cohort in json["cohorts"].as_array().unwrap() {
        let slug = cohort["cohort"].as_str().unwrap();
        let sum = |bont: bool, depression: Option<bool>| -> u64 {
            want.strata
                .iter()
                .filter(|((s, b, _, _, d), _)| {
                    s == slug && *b == bont && depression.is_none_or(|x| x == *d)
                })
                .map(|(_, n)| n)
                .sum()
        };
        assert_eq!(cohort["bont"], sum(true, None), "{slug}");
        assert_eq!(cohort["control"], sum(false, None), "{slug}");
        assert_eq!(cohort["bont_depression"], sum(true, Some(true)), "{slug}");
        assert_eq!(
            cohort["control_depression"],
            sum(false, Some(true)),
            "{slug}"
        );
    }
    // The CSV's comments carry the same figures.
    let text = String::from_utf8_lossy(csv);
    for (line, value) in [
        ("# reports read: ", truth.reports_read),
        ("# versions superseded: ", truth.versions_superseded),
        ("# rows skipped as malformed: ", truth.rows_malformed),
        (
            "# reports excluded for antidepressants: ",
            want.excluded_antidepressants,
        ),
    ] {
        assert!(text.contains(&format!("{line}{value}")), "{line}{value}");
    }
    assert!(text.contains(&format!(
        "# cases deleted: {} ({} reports)",
        truth.cases_deleted, truth.reports_deleted
    )));
}

#[test]
fn quarters_on_disk_give_the_planned_counts_under_every_option() {
    let dir = scratch("options");
    let (quarters, truth) = generate(&spec(11));
    let paths = write(&dir, &quarters);
    assert!(paths.iter().any(|p| p.ends_with("faers_ascii_2022Q2.zip")));
    assert!(truth.cases_deleted > 5 && truth.versions_superseded > 50);
    assert!(truth.rows_malformed > 10);
    for (exclusive, keep_antidepressants) in
        [(false, false), (true, false), (false, true), (true, true)]
    {
        let options = Options {
            exclusive,
            keep_antidepressants,
        };
        let mut flags = Vec::new();
        if exclusive {
            flags.push("--exclusive");
        }
        if keep_antidepressants {
            flags.push("--keep-antidepressants");
        }
        let (csv, json, output) = build(&dir, &paths, &flags);
        check(&csv, &json, &truth, options);
        assert_eq!(json["exclusive"], exclusive);
        assert_eq!(json["keep_antidepressants"], keep_antidepressants);
        // Piped, so no progress bar.
        assert!(
            output.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_dataset_says_where_it_comes_from_and_analyze_reads_it() {
    let dir = scratch("analyze");
    let (quarters, _) = generate(&spec(12));
    let paths = write(&dir, &quarters);
    let (csv, json, output) = build(&dir, &paths, &[]);
    let dataset = parse_csv(&csv).unwrap();
    let version = dataset.provenance.version.clone().unwrap();
    assert_eq!(
        version,
        "faers-2012q4,2014q2..2014q3,2018q1,2019q1,2020q1,2020q3,2021q1,2022q2\
         _bont-1_indications-1_depression-1_antidepressants-1"
    );
    assert_eq!(json["version"], version.as_str());
    assert!(dataset
        .provenance
        .source
        .unwrap()
        .contains("quarterly ASCII extracts 2012Q4, 2014Q2, 2014Q3"));
    let quarters_read: Vec<&str> = json["quarters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["quarter"].as_str().unwrap())
        .collect();
    assert_eq!(quarters_read[0], "2012Q4");
    assert_eq!(quarters_read.len(), 9);
    let examples = json["malformed_examples"].as_array().unwrap();
    assert_eq!(examples.len(), 10);
    assert!(examples[0]["file"]
        .as_str()
        .unwrap()
        .contains("faers_ascii_"));
    assert!(examples[0]["line"].as_u64().unwrap() > 1);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains(&version), "{stdout}");

    let file = dir.join("faers.csv").display().to_string();
    let analysis = glabella(&["analyze", "--json", &file]);
    assert!(
        analysis.status.success(),
        "{}",
        String::from_utf8_lossy(&analysis.stderr)
    );
    let doc: Value = serde_json::from_slice(&analysis.stdout).unwrap();
    assert_eq!(doc["dataset"]["version"], version.as_str());
    assert_eq!(doc["cohorts"].as_array().unwrap().len(), 8);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_missing_table_or_column_is_an_error_naming_the_file() {
    let dir = scratch("errors");
    let mut small = spec(13);
    small.layouts.truncate(3);
    small.ordinary = 5;
    let (mut quarters, _) = generate(&small);
    // 2014Q3 loses its INDI table; 2014Q2's DRUG header loses `drug_seq`.
    quarters[2].files.retain(|(path, _)| !path.contains("INDI"));
    for (path, bytes) in &mut quarters[1].files {
        if path.contains("DRUG") {
            let text = String::from_utf8_lossy(bytes).replacen("drug_seq", "seq", 1);
            *bytes = text.into_bytes();
        }
    }
    let paths = write(&dir, &quarters);
    let out = dir.join("x.csv").display().to_string();
    let only = |name: &str| -> Vec<&str> {
        let mut args = vec!["build-faers"];
        args.extend(
            paths
                .iter()
                .filter(|p| p.contains(name))
                .map(String::as_str),
        );
        args.extend(["--out", &out]);
        args
    };

    let output = glabella(&only("2014q3"));
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("faers_ascii_2014q3: no INDI table"), "{err}");

    let output = glabella(&only("2014q2"));
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("ASCII/DRUG14Q2.TXT, line 1: the header has no column `drug_seq`"),
        "{err}"
    );

    let missing = dir.join("faers_ascii_2030q1.zip").display().to_string();
    let output = glabella(&["build-faers", &missing, "--out", &out]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("faers_ascii_2030q1.zip"));

    let not_zip = dir.join("notes.zip");
    std::fs::write(&not_zip, b"not a zip").unwrap();
    let output = glabella(&["build-faers", &not_zip.display().to_string(), "--out", &out]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("neither a folder nor a readable zip"));

    let first = only("2012q4")[1].to_owned();
    let output = glabella(&["build-faers", &first, &first, "--out", &out]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("are both quarter 2012Q4"));

    let output = glabella(&["build-faers", &first]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("needs `--out FILE`"));
    assert!(!Path::new(&out).exists());
    let _ = std::fs::remove_dir_all(&dir);
}
