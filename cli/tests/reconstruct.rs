//! `glabella reconstruct` and `glabella analyze --sensitivity` as a user runs them.

mod common;

use common::{glabella, json, stdout};

use serde_json::Value;

#[test]
fn reconstruct_writes_a_valid_dataset_named_after_its_seed() {
    let path = std::env::temp_dir().join(format!("glabella-draw-{}.csv", std::process::id()));
    let path_text = path.to_str().unwrap();
    let said = stdout(&["reconstruct", "--seed", "42", "--out", path_text]);
    assert!(said.contains("seed 42"), "{said}");
    let validated = stdout(&["validate", path_text]);
    let written = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    assert!(validated.contains("8 indications, version 2020-makunts-draw-1-seed-42"));
    assert!(written.contains("# version: 2020-makunts-draw-1-seed-42\n"));
    assert_eq!(stdout(&["reconstruct", "--seed=42"]), written);
    assert_ne!(stdout(&["reconstruct"]), written, "seed 1 by default");
}

#[test]
fn sensitivity_adds_the_share_of_each_reading() {
    let text = stdout(&["analyze", "--json", "--sensitivity", "20", "--seed", "5"]);
    let doc: Value = serde_json::from_str(&text).unwrap();
    let sensitivity = &doc["sensitivity"];
    assert_eq!(sensitivity["members"], 20);
    assert_eq!(sensitivity["seed"], 5);
    let readings = sensitivity["readings"].as_object().unwrap();
    let ids: Vec<&str> = doc["assessment"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| finding["id"].as_str().unwrap())
        .collect();
    let keys: Vec<&str> = readings.keys().map(String::as_str).collect();
    let mut sorted_ids = ids.clone();
    sorted_ids.sort();
    let mut sorted_keys = keys.clone();
    sorted_keys.sort();
    assert_eq!(sorted_keys, sorted_ids, "one entry per hypothesis");
    // The text keeps the scorecard's order.
    let positions: Vec<usize> = ids
        .iter()
        .map(|id| text.rfind(&format!("\"{id}\": {{")).unwrap())
        .collect();
    assert!(
        positions.windows(2).all(|pair| pair[0] < pair[1]),
        "{ids:?}"
    );
    for (id, shares) in readings {
        let shares = shares.as_object().unwrap();
        assert_eq!(
            shares.keys().count(),
            5,
            "{id}: every reading is listed, zero or not"
        );
        let total: f64 = shares.values().map(|share| share.as_f64().unwrap()).sum();
        assert!((total - 1.0).abs() < 1e-9, "{id}: {total}");
    }
    assert_eq!(readings["condition_relief"]["not_testable"], 1.0);

    // The same settings as the analysis: a scenario link applies to every member.
    let doc = json(&[
        "analyze",
        "--json",
        "--scenario",
        "?v=1&adjust=sex,age_band",
        "--sensitivity",
        "3",
    ]);
    assert_eq!(doc["sensitivity"]["seed"], 1);

    let table = stdout(&["analyze", "--sensitivity", "4", "--seed", "9"]);
    assert!(
        table.contains("Over 4 reconstructions (seeds 9 to 12)"),
        "{table}"
    );
}

#[test]
fn bad_seeds_and_counts_are_usage_errors() {
    for args in [
        &["analyze", "--seed", "3"][..],
        &["analyze", "--sensitivity", "0"],
        &["analyze", "--sensitivity", "2", "data/default.csv"],
        &["reconstruct", "--seed", "-4"],
        &["reconstruct", "--out"],
    ] {
        let output = glabella(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn a_links_seed_is_the_first_seed_unless_the_flag_gives_one_and_never_both() {
    let doc = json(&[
        "analyze",
        "--json",
        "--sensitivity",
        "3",
        "--scenario",
        "seed=42",
    ]);
    assert_eq!(doc["sensitivity"]["seed"], 42);
    let doc = json(&[
        "analyze",
        "--json",
        "--sensitivity",
        "3",
        "--scenario",
        "ci=99",
    ]);
    assert_eq!(doc["sensitivity"]["seed"], 1);
    let both = glabella(&[
        "analyze",
        "--json",
        "--sensitivity",
        "3",
        "--seed",
        "7",
        "--scenario",
        "seed=42",
    ]);
    assert!(!both.status.success());
    assert!(String::from_utf8_lossy(&both.stderr).contains("give the first seed once"));
}

#[test]
fn the_what_if_flags_give_the_numbers_of_the_link_that_sets_it() {
    let flags = stdout(&[
        "analyze",
        "--json",
        "--missed-bont",
        "30",
        "--missed-control",
        "10",
    ]);
    let link = stdout(&[
        "analyze",
        "--json",
        "--scenario",
        "missed_bont=30&missed_control=10",
    ]);
    let (mut flags, link): (Value, Value) = (
        serde_json::from_str(&flags).unwrap(),
        serde_json::from_str(&link).unwrap(),
    );
    assert_eq!(
        flags["settings"]["missed_depression"],
        serde_json::json!({"bont": 30, "control": 10})
    );
    // The same document, but for the link the second names.
    flags["settings"]["scenario"] = link["settings"]["scenario"].clone();
    assert_eq!(flags, link);
    for bad in ["96", "-1", "ten"] {
        let output = glabella(&["analyze", "--missed-bont", bad]);
        assert!(!output.status.success(), "--missed-bont {bad}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("a whole percent from 0 to 95"));
    }
    let both = glabella(&["analyze", "--missed-bont", "5", "--scenario", "ci=99"]);
    assert!(!both.status.success());
    // The tables say the counts were changed.
    let text = stdout(&["analyze", "--missed-bont", "30"]);
    assert!(text.contains("What-if: depression counts raised as if the Botox reports had missed 30% of it and the other reports 0%"), "{text}");
    assert!(!stdout(&["analyze"]).contains("What-if"));
}

/// The readings of `analyze --json` with these extra flags, by hypothesis id.
fn readings(extra: &[&str]) -> Vec<(String, String)> {
    let document = json(&[&["analyze", "--json"], extra].concat());
    document["assessment"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| {
            let text = |key: &str| finding[key].as_str().unwrap().to_owned();
            (text("id"), text("reading"))
        })
        .collect()
}

#[test]
fn flips_say_where_each_reading_changes_and_the_command_agrees_at_those_shares() {
    let document = json(&["analyze", "--json", "--flips", "--missed-control", "2"]);
    let flips = document["reading_flips"].as_array().unwrap();
    let start = readings(&["--missed-control", "2"]);
    assert_eq!(flips.len(), start.len());
    let mut changes = 0;
    for (flip, (id, reading)) in flips.iter().zip(&start) {
        assert_eq!(flip["hypothesis"], id.as_str());
        assert_eq!(flip["reading"], reading.as_str());
        for (arm, flag, other) in [
            ("bont", "--missed-bont", ["--missed-control", "2"]),
            ("control", "--missed-control", ["--missed-bont", "0"]),
        ] {
            let Some(percent) = flip[arm]["percent"].as_u64() else {
                assert!(flip[arm].is_null(), "{flip}");
                continue;
            };
            changes += 1;
            let at = |p: u64| {
                let p = p.to_string();
                let found = readings(&[flag, &p, other[0], other[1]]);
                found.into_iter().find(|(h, _)| h == id).unwrap().1
            };
            // The first share above the one set at which the reading changes.
            assert_eq!(
                at(percent),
                flip[arm]["reading"].as_str().unwrap(),
                "{id} {arm} {percent}"
            );
            assert_ne!(at(percent), *reading, "{id} {arm} {percent}");
            let from = if arm == "control" { 2 } else { 0 };
            if percent > from + 1 {
                assert_eq!(at(percent - 1), *reading, "{id} {arm} {}", percent - 1);
            }
        }
    }
    assert!(
        changes >= 3,
        "the default view has readings that flip: {changes}"
    );
    // The tables say it in the page's own sentences.
    let text = stdout(&["analyze", "--flips"]);
    assert!(
        text.contains("Where each reading would change under the what-if"),
        "{text}"
    );
    assert!(
        text.contains("  - Facial feedback is the whole story: against; consistent if the Botox"),
        "{text}"
    );
    assert!(!stdout(&["analyze"]).contains("Where each reading"));
}
