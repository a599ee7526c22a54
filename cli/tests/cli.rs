//! The `glabella` command as a user runs it: exit codes, the JSON contract and the messages.

mod common;

use common::{glabella, json};

use serde_json::Value;

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
            "assessment",
            "cohorts",
            "contrast",
            "dataset",
            "dose_regression",
            "group_difference",
            "groups",
            "headline",
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
    // Without --groups, the catalog's grouping by injection site and the shared-τ² model.
    assert_eq!(doc["settings"]["pooling"], "shared");
    let names: Vec<&str> = doc["settings"]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["frown", "other_facial", "no_facial"]);
    assert_eq!(doc["groups"].as_array().unwrap().len(), 3);
    // Three groups: a test between them, but no single ratio.
    assert_eq!(doc["group_difference"]["df"], 2);
    assert!(doc["group_difference"].get("ratio").is_none());
    assert_eq!(doc["contrast"]["first"], "frown");
    assert_eq!(doc["contrast"]["reference"], "no_facial");
}

fn finding<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["assessment"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no finding `{id}`"))
}

#[test]
fn assessment_lists_every_hypothesis_in_order_with_a_reading() {
    let doc = json(&["analyze", "--json"]);
    let assessment = doc["assessment"].as_array().unwrap();
    let ids: Vec<&str> = assessment
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "ff_only",
            "ff_adds",
            "systemic",
            "systemic_dose",
            "muscle_relief",
            "condition_relief",
            "reporting_artefacts"
        ]
    );
    let readings = [
        "supports",
        "consistent",
        "against",
        "cannot_tell",
        "not_testable",
    ];
    for entry in assessment {
        let reading = entry["reading"].as_str().unwrap();
        assert!(readings.contains(&reading), "{reading}");
        assert!(entry["evidence"].is_object(), "{entry}");
        assert!(!entry["title"].as_str().unwrap().is_empty());
        assert!(!entry["sentence"].as_str().unwrap().is_empty());
    }
    let headline = doc["headline"].as_array().unwrap();
    assert_eq!(headline.len(), 2);
    // The embedded dataset is read as the reconstruction it is.
    assert!(headline[0]
        .as_str()
        .unwrap()
        .starts_with("In this reconstruction"));

    // Reporting is lower where no facial muscle is injected, and the frown / no-facial ratio's
    // interval includes 1.
    let only = finding(&doc, "ff_only");
    assert_eq!(only["reading"], "against");
    for group in ["frown", "no_facial"] {
        for key in ["ratio", "ci_low", "ci_high", "k"] {
            assert!(only["evidence"][group][key].is_number(), "{group}.{key}");
        }
    }
    assert!(only["evidence"]["no_facial"]["ci_high"].as_f64().unwrap() < 1.0);
    let adds = finding(&doc, "ff_adds");
    assert_eq!(adds["reading"], "cannot_tell");
    assert_eq!(keys(&adds["evidence"]), ["ci_high", "ci_low", "p", "ratio"]);
    assert_eq!(adds["evidence"]["ratio"], doc["contrast"]["ratio"]);
    assert_eq!(
        keys(&finding(&doc, "systemic_dose")["evidence"]),
        ["ci_high", "ci_low", "cohorts", "p", "slope"]
    );
    let glands = &finding(&doc, "muscle_relief")["evidence"];
    assert_eq!(
        glands["cohorts"],
        serde_json::json!(["hyperhidrosis", "sialorrhea"])
    );
    assert!(glands["left_out"].as_array().unwrap().is_empty());
    assert_eq!(finding(&doc, "condition_relief")["reading"], "not_testable");
    assert_eq!(
        finding(&doc, "condition_relief")["evidence"],
        serde_json::json!({})
    );

    // A file is the reader's own data, even when it holds the same counts.
    let file = json(&["analyze", "--json", "data/default.csv"]);
    assert!(file["headline"][0]
        .as_str()
        .unwrap()
        .starts_with("In this dataset"));
    assert_eq!(file["assessment"], doc["assessment"]);
}

#[test]
fn a_wider_interval_makes_facial_feedback_alone_consistent() {
    let doc = json(&["analyze", "--json", "--ci-level", "0.99"]);
    assert_eq!(finding(&doc, "ff_only")["reading"], "consistent");
    assert!(finding(&doc, "ff_only")["sentence"]
        .as_str()
        .unwrap()
        .contains("99% CI"));
}

#[test]
fn pooling_random_is_the_old_name_of_separate() {
    let without_code = |mut doc: Value| {
        let code = doc["settings"]["pooling"].take();
        (code, doc)
    };
    let (random_code, random) = without_code(json(&["analyze", "--json", "--pooling", "random"]));
    let (separate_code, separate) =
        without_code(json(&["analyze", "--json", "--pooling", "separate"]));
    assert_eq!(random, separate);
    assert_eq!(separate_code, "separate");
    assert_eq!(random_code, "separate");
    for group in separate["groups"].as_array().unwrap() {
        assert_eq!(group["model"], "separate");
    }
    assert_eq!(separate["contrast"]["model"], "separate");
    assert!(separate["contrast"]["tau2"].is_null());
}

#[test]
fn pooling_shared_gives_one_model_and_its_tau2() {
    let doc = json(&["analyze", "--json", "--pooling", "shared"]);
    assert_eq!(doc["settings"]["pooling"], "shared");
    let groups = doc["groups"].as_array().unwrap();
    for group in groups {
        assert_eq!(group["model"], "shared_tau2");
        assert_eq!(group["tau2"], groups[0]["tau2"]);
    }
    let contrast = &doc["contrast"];
    assert_eq!(contrast["model"], "shared_tau2");
    assert!(contrast["tau2"].is_number());
    assert_eq!(contrast["tau2"], groups[0]["tau2"]);
    for key in ["ratio", "ci_low", "ci_high", "p"] {
        assert!(contrast[key].is_number(), "{key}");
    }
    // Shared is the default.
    assert_eq!(json(&["analyze", "--json"]), doc);

    let fixed = json(&["analyze", "--json", "--pooling", "fixed"]);
    assert_eq!(fixed["settings"]["pooling"], "fixed");
    assert_eq!(fixed["groups"][0]["model"], "fixed");
}

#[test]
fn groups_without_the_catalog_names_say_which_group_is_missing() {
    let doc = json(&["analyze", "--json", "--groups", "a=cosmetic;b=bladder"]);
    assert_eq!(
        finding(&doc, "ff_only")["evidence"],
        serde_json::json!({"missing": "frown"})
    );
    assert_eq!(finding(&doc, "ff_only")["reading"], "cannot_tell");
    assert!(doc["contrast"].is_null());
    // The groups are still pooled and compared.
    assert_eq!(doc["groups"].as_array().unwrap().len(), 2);
    assert!(doc["group_difference"]["ratio"].is_number());

    // The catalog's names set the contrast, whatever the cohorts in them.
    let own = json(&[
        "analyze",
        "--json",
        "--groups",
        "frown=cosmetic,blepharospasm;no_facial=bladder,spasticity",
    ]);
    assert_eq!(own["contrast"]["first"], "frown");
    assert_eq!(own["contrast"]["reference"], "no_facial");
    assert!(finding(&own, "ff_adds")["evidence"]["ratio"].is_number());
}

#[test]
fn stratified_cohorts_say_why_a_ratio_is_undefined() {
    let sialorrhea = |doc: &Value| {
        doc["cohorts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["indication"] == "sialorrhea")
            .unwrap()
            .clone()
    };
    let none = json(&[
        "analyze",
        "--json",
        "--stratify",
        "sex,age_band",
        "--zero-cell",
        "none",
    ]);
    let cohort = sialorrhea(&none);
    assert!(cohort["mh_ror"].is_null());
    assert_eq!(cohort["undefined_reason"], "no_bont_depression");
    assert_eq!(cohort["mh_corrected_strata"], 0);

    let haldane = json(&["analyze", "--json", "--stratify", "sex,age_band"]);
    let cohort = sialorrhea(&haldane);
    assert!(cohort["mh_ror"].is_number());
    assert!(cohort.get("undefined_reason").is_none());
    assert!(cohort["mh_corrected_strata"].as_u64().unwrap() > 0);
    // The embedded dataset stratified: the headline says so.
    assert!(haldane["headline"][0]
        .as_str()
        .unwrap()
        .contains("adjusted for sex and age"));
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
    // The groups, the contrast, the headline and the scorecard with its readings.
    assert!(text.contains("Groups (random effects, one τ² shared by all groups)"));
    assert!(text.contains("Ratio of RORs (frown / no_facial): 0.47"));
    assert!(text.contains("In this dataset, depression was mentioned"));
    assert!(text.contains("Scorecard:"));
    assert!(text.contains("Facial feedback is the whole story             Against"));
    assert!(text.contains("Cannot tell") && text.contains("Not testable"));
    assert!(text.contains("p < 0.001") && !text.contains("p = <"));
    for line in text
        .lines()
        .skip_while(|line| !line.starts_with("Scorecard"))
    {
        assert!(line.chars().count() <= 88, "{line}");
    }
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

    let pooling = glabella(&["analyze", "--pooling", "mixed"]);
    assert_eq!(pooling.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&pooling.stderr)
        .contains("`--pooling mixed`: expected shared, separate or fixed"));

    let unknown = glabella(&["analyze", "--groups", "facial=cosmetic,nose"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("`nose`, which is not an indication"));

    let missing = glabella(&["analyze", "no/such/file.csv"]);
    assert_eq!(missing.status.code(), Some(1));
}

/// The flags that give each preset's settings, groups in the order the page lists them and
/// cohorts in the dataset's order.
fn preset_flags(id: &str) -> &'static [&'static str] {
    match id {
        "paper" => &[],
        "migraine-non-facial" => &[
            "--groups",
            "frown=cosmetic;other_facial=blepharospasm;\
             no_facial=migraine,spasticity,torticollis,hyperhidrosis,sialorrhea,bladder",
        ],
        "muscles-vs-glands" => &[
            "--groups",
            "frown=cosmetic,migraine;other_facial=spasticity,torticollis,blepharospasm,bladder;\
             no_facial=hyperhidrosis,sialorrhea",
        ],
        "adjusted" => &["--stratify", "sex,age_band"],
        "strict" => &["--ci-level", "0.99"],
        "separate-pools" => &["--pooling", "separate"],
        other => panic!("no flags written for preset `{other}`"),
    }
}

fn presets() -> Vec<Value> {
    json(&["presets", "--json"]).as_array().unwrap().clone()
}

/// The JSON of a scenario link, its `settings.scenario` taken out, and what went to stderr.
fn scenario_json(link: &str) -> (Value, Value, String) {
    let output = glabella(&["analyze", "--json", "--scenario", link]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    let mut doc: Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    let query = doc["settings"]
        .as_object_mut()
        .unwrap()
        .remove("scenario")
        .expect("settings.scenario is there with --scenario");
    (doc, query, stderr)
}

#[test]
fn presets_lists_each_with_its_own_query() {
    let list = presets();
    assert!(list.len() >= 6, "{}", list.len());
    let mut queries: Vec<&str> = Vec::new();
    for preset in &list {
        assert_eq!(keys(preset), ["id", "query", "title", "why"]);
        for key in ["id", "title", "why"] {
            assert!(!preset[key].as_str().unwrap().is_empty(), "{preset}");
        }
        let query = preset["query"].as_str().unwrap();
        assert!(!queries.contains(&query), "{query} twice");
        queries.push(query);
    }
    assert_eq!(list[0]["id"], "paper");
    assert_eq!(list[0]["query"], "");

    let output = glabella(&["presets"]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    for preset in &list {
        assert!(text.contains(preset["title"].as_str().unwrap()));
        let query = preset["query"].as_str().unwrap();
        if !query.is_empty() {
            assert!(text.contains(&format!("?{query}")), "{query}");
        }
    }
}

#[test]
fn each_preset_link_gives_the_numbers_of_its_flags() {
    for preset in presets() {
        let id = preset["id"].as_str().unwrap();
        let query = preset["query"].as_str().unwrap();
        let (doc, canonical, stderr) = scenario_json(&format!("?{query}"));
        assert_eq!(canonical, query, "{id}");
        assert!(stderr.is_empty(), "{id}: {stderr}");
        let mut args = vec!["analyze", "--json"];
        args.extend_from_slice(preset_flags(id));
        let flags = json(&args);
        assert!(flags["settings"].get("scenario").is_none(), "{id}");
        assert_eq!(doc, flags, "{id}");
    }
}

#[test]
fn a_whole_url_with_a_fragment_is_read_as_its_query() {
    let (doc, canonical, stderr) = scenario_json(
        "https://example.org/glabella/?v=1&data=2020-makunts-reconstruction-1.0.0&ci=99#scorecard",
    );
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(
        canonical,
        "v=1&data=2020-makunts-reconstruction-1.0.0&ci=99"
    );
    assert_eq!(doc, json(&["analyze", "--json", "--ci-level", "0.99"]));
    // Without `?` the query is read the same, and keys in another order give the same query.
    let (bare, bare_query, _) = scenario_json("ci=99&v=1");
    assert_eq!(bare, doc);
    assert_eq!(bare_query, canonical);
}

#[test]
fn what_a_link_cannot_honour_is_a_notice_not_an_error() {
    let (doc, canonical, stderr) = scenario_json("ci=97&colour=red");
    let notices: Vec<&str> = stderr.lines().collect();
    assert_eq!(notices.len(), 2, "{stderr}");
    assert!(notices.iter().all(|line| line.starts_with("notice: ")));
    assert!(notices[0].contains("`ci=97`"), "{stderr}");
    assert!(notices[1].contains("`colour`"), "{stderr}");
    // Nothing it could use: the default view, and its empty canonical query.
    assert_eq!(canonical, "");
    assert_eq!(doc, json(&["analyze", "--json"]));

    // The text output names the link too.
    let output = glabella(&["analyze", "--scenario", "?v=1&ci=99"]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("Scenario: ?v=1&data=2020-makunts-reconstruction-1.0.0&ci=99"));
    assert!(text.contains("Settings: 99% CI"));
}

#[test]
fn a_link_with_settings_flags_is_a_usage_error() {
    let both = glabella(&["analyze", "--scenario", "x", "--ci-level", "0.9"]);
    assert_eq!(both.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&both.stderr);
    assert!(
        stderr.contains("`--scenario`") && stderr.contains("`--ci-level`"),
        "{stderr}"
    );
    for flag in ["--zero-cell", "--stratify", "--groups", "--pooling"] {
        let value = match flag {
            "--zero-cell" => "none",
            "--stratify" => "sex",
            "--groups" => "frown=cosmetic",
            _ => "fixed",
        };
        let output = glabella(&["analyze", flag, value, "--scenario", "?ci=99"]);
        assert_eq!(output.status.code(), Some(2), "{flag}");
        assert!(String::from_utf8_lossy(&output.stderr).contains(flag));
    }
}

#[test]
fn a_link_is_read_against_the_file_analysed() {
    let output = glabella(&[
        "analyze",
        "--json",
        "--scenario",
        "?v=1&data=another-1&ci=99",
        "data/default.csv",
    ]);
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("notice: ") && stderr.contains("`another-1`"),
        "{stderr}"
    );
    let mut doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        doc["settings"]["scenario"],
        "v=1&data=2020-makunts-reconstruction-1.0.0&ci=99"
    );
    doc["settings"].as_object_mut().unwrap().remove("scenario");
    let flags = json(&[
        "analyze",
        "--json",
        "--ci-level",
        "0.99",
        "data/default.csv",
    ]);
    assert_eq!(doc, flags);
}
