//! The `glabella` command as a user runs it: exit codes, the JSON contract and the messages.

use std::process::{Command, Output};

use serde_json::Value;

fn glabella(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_glabella"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("the binary runs")
}

fn json(args: &[&str]) -> Value {
    let output = glabella(args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

fn keys(value: &Value) -> Vec<&str> {
    let mut res: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    res.sort();
    res
}

#[test]
fn analyze_json_keeps_the_documented_keys() {
    let doc = json(&["analyze", "--json"]);
    assert_eq!(
        keys(&doc),
        [
            "cohorts",
            "dataset",
            "dose_regression",
            "group_difference",
            "groups",
            "settings"
        ]
    );
    assert_eq!(
        doc["dataset"]["version"],
        "2020-makunts-reconstruction-1.0.0"
    );
    assert!(doc["dataset"]["source"]
        .as_str()
        .unwrap()
        .contains("Sci Rep"));
    assert_eq!(doc["settings"]["ci_level"], 0.95);
    assert_eq!(doc["settings"]["zero_cell"], "haldane");
    let cohorts = doc["cohorts"].as_array().unwrap();
    assert_eq!(cohorts.len(), 8);
    let cohort_keys = keys(&cohorts[0]);
    let contract = [
        "a",
        "b",
        "c",
        "d",
        "ci_high",
        "ci_low",
        "corrected",
        "fisher_p",
        "indication",
        "ror",
    ];
    let further = [
        "evalue",
        "evalue_ci",
        "conditional_or",
        "exact_ci_low",
        "exact_ci_high",
        "prr",
        "chi2_p",
    ];
    for key in contract.iter().chain(&further) {
        assert!(cohort_keys.contains(key), "{key}");
    }
    // Bladder: its interval contains 1, so no confounding is needed to explain it away.
    let bladder = cohorts
        .iter()
        .find(|c| c["indication"] == "bladder")
        .unwrap();
    assert_eq!(bladder["evalue_ci"], 1.0);
    let sialorrhea = cohorts
        .iter()
        .find(|c| c["indication"] == "sialorrhea")
        .unwrap();
    assert_eq!(sialorrhea["a"], 0);
    // a = 0: the conditional odds ratio is 0 and its exact interval starts at 0.
    assert_eq!(sialorrhea["conditional_or"], 0.0);
    assert_eq!(sialorrhea["exact_ci_low"], 0.0);
    assert_eq!(sialorrhea["corrected"], true);
    assert!(doc["groups"].as_array().unwrap().is_empty());
    assert!(doc["group_difference"].is_null());
}

#[test]
fn zero_cell_none_gives_null_where_undefined() {
    let doc = json(&["analyze", "--json", "--zero-cell", "none"]);
    let sialorrhea = doc["cohorts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["indication"] == "sialorrhea")
        .unwrap()
        .clone();
    assert_eq!(sialorrhea["ror"], 0.0);
    assert!(sialorrhea["ci_low"].is_null() && sialorrhea["ci_high"].is_null());
    assert_eq!(sialorrhea["corrected"], false);
}

#[test]
fn stratify_adds_mantel_haenszel_fields() {
    let doc = json(&["analyze", "--json", "--stratify", "sex,age_band"]);
    let bladder = doc["cohorts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["indication"] == "bladder")
        .unwrap()
        .clone();
    for key in ["mh_ror", "mh_ci_low", "mh_ci_high", "breslow_day_p"] {
        assert!(bladder[key].is_number(), "{key}: {}", bladder[key]);
    }
    assert!(bladder["mh_ci_low"].as_f64() < bladder["mh_ror"].as_f64());
}

#[test]
fn groups_fill_groups_and_their_difference() {
    let doc = json(&[
        "analyze",
        "--json",
        "--groups",
        "facial=cosmetic,migraine;other=spasticity,torticollis",
        "--pooling",
        "fixed",
    ]);
    let groups = doc["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 2);
    for key in [
        "name",
        "cohorts",
        "pooled_ror",
        "ci_low",
        "ci_high",
        "tau2",
        "q",
        "q_p",
        "i2",
    ] {
        assert!(!groups[0][key].is_null(), "{key}");
    }
    assert_eq!(groups[0]["name"], "facial");
    let difference = &doc["group_difference"];
    for key in ["q_between", "p", "ratio", "ratio_ci_low", "ratio_ci_high"] {
        assert!(difference[key].is_number(), "{key}");
    }
    let ratio = difference["ratio"].as_f64().unwrap();
    let expected =
        groups[0]["pooled_ror"].as_f64().unwrap() / groups[1]["pooled_ror"].as_f64().unwrap();
    assert!((ratio / expected - 1.0).abs() < 1e-12);
}

#[test]
fn text_output_is_a_readable_table() {
    let output = glabella(&["analyze", "data/default.csv"]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("indication") && text.contains("bladder") && text.contains("0.78"));
    assert!(text.contains("(+0.5 zero-cell correction)"));
}

#[test]
fn validate_names_the_line_and_exits_with_one() {
    let ok = glabella(&["validate", "data/default.csv"]);
    assert!(ok.status.success());
    assert!(String::from_utf8_lossy(&ok.stdout).contains("valid, "));

    let bad = glabella(&["validate", "core/tests/malformed/bad_arm.csv"]);
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("line 4, column `arm`: `bnt` is not an arm"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_exit_with_two_and_settings_errors_with_one() {
    let usage = glabella(&["analyze", "--ci-level", "95"]);
    assert_eq!(usage.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&usage.stderr).contains("Usage:"));

    let unknown = glabella(&["analyze", "--groups", "facial=cosmetic,nose"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("`nose`, which is not an indication"));

    let missing = glabella(&["analyze", "no/such/file.csv"]);
    assert_eq!(missing.status.code(), Some(1));
}
