//! The statistics against scipy and statsmodels.
//!
//! The fixtures in `tests/fixtures/` come from `tools/reference/make_fixtures.py` (the versions of
//! scipy, statsmodels and numpy are recorded in each file). Closed forms must agree to a relative
//! error of 1e-9, iterative results (conditional MLE, exact interval) to 1e-6. p-values that the
//! reference computes as `1 − cdf` also pass within 1e-13 absolute, the precision of that form.

use glabella_core::stats::{
    breslow_day, cmh_test, conditional_odds_ratio, evalue, fisher_exact_p, mantel_haenszel,
    mantel_haenszel_corrected, meta_regression, pearson_chi2, pool, pool_shared_tau2, prr,
    ratio_of_pooled, ror, subgroup_difference, Level, LogEffect, Pooling, Table2x2, ZeroCellPolicy,
};
use serde_json::Value;

const CLOSED_FORM: f64 = 1e-9;
const ITERATIVE: f64 = 1e-6;

fn cases(name: &str) -> Vec<Value> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{path}: {err}"));
    let doc: Value = serde_json::from_str(&text).expect("fixture is JSON");
    doc["cases"].as_array().expect("fixture has cases").clone()
}

fn num(value: &Value) -> f64 {
    value
        .as_f64()
        .unwrap_or_else(|| panic!("expected a number, found {value}"))
}

#[track_caller]
fn close(actual: f64, expected: f64, rel: f64, what: &str) {
    let err = (actual - expected).abs();
    assert!(
        err <= rel * expected.abs() || err == 0.0,
        "{what}: got {actual:e}, reference {expected:e} (relative error {:e})",
        err / expected.abs()
    );
}

/// For p-values and test statistics, which may be exactly 0 up to rounding.
#[track_caller]
fn close_p(actual: f64, expected: f64, what: &str) {
    if (actual - expected).abs() <= 1e-13 {
        return;
    }
    close(actual, expected, CLOSED_FORM, what);
}

fn table_of(value: &Value) -> Table2x2 {
    let cells: Vec<u64> = value
        .as_array()
        .expect("a table is an array")
        .iter()
        .map(|v| v.as_u64().expect("a count"))
        .collect();
    Table2x2::new(cells[0], cells[1], cells[2], cells[3])
}

fn level(value: &Value) -> Level {
    Level::new(num(value)).expect("a valid level")
}

#[test]
fn two_by_two_tables_match_scipy_and_statsmodels() {
    let cases = cases("tables.json");
    assert!(cases.len() >= 500, "at least 500 table cases");
    for case in &cases {
        let table = table_of(&case["table"]);
        let name = format!("{table:?}");

        match case["woolf"].as_array() {
            Some(rows) => {
                for row in rows {
                    let res = ror(table, ZeroCellPolicy::None, level(&row["level"]));
                    let ci = res.ci.expect("defined without zero cells");
                    close(
                        res.estimate.unwrap(),
                        num(&row["ror"]),
                        CLOSED_FORM,
                        &format!("{name} ROR"),
                    );
                    close(
                        ci.low,
                        num(&row["ci_low"]),
                        CLOSED_FORM,
                        &format!("{name} ci_low"),
                    );
                    close(
                        ci.high,
                        num(&row["ci_high"]),
                        CLOSED_FORM,
                        &format!("{name} ci_high"),
                    );
                    assert!(!res.corrected);
                    // Haldane leaves a table without zero cells alone.
                    assert_eq!(
                        ror(table, ZeroCellPolicy::Haldane, level(&row["level"])),
                        res
                    );
                }
            }
            None => {
                let res = ror(table, ZeroCellPolicy::None, Level::NINETY_FIVE);
                assert_eq!(res.ci, None, "{name}: no Woolf interval with a zero cell");
                let haldane = ror(table, ZeroCellPolicy::Haldane, Level::NINETY_FIVE);
                assert!(haldane.corrected, "{name}");
                assert_eq!(
                    haldane,
                    ror(table, ZeroCellPolicy::Always, Level::NINETY_FIVE)
                );
            }
        }
        for row in case["always"]
            .as_array()
            .expect("always is computed for every table")
        {
            let res = ror(table, ZeroCellPolicy::Always, level(&row["level"]));
            let ci = res.ci.expect("corrected tables always have an interval");
            close(
                res.estimate.unwrap(),
                num(&row["ror"]),
                CLOSED_FORM,
                &format!("{name} corrected ROR"),
            );
            close(
                ci.low,
                num(&row["ci_low"]),
                CLOSED_FORM,
                &format!("{name} corrected ci_low"),
            );
            close(
                ci.high,
                num(&row["ci_high"]),
                CLOSED_FORM,
                &format!("{name} corrected ci_high"),
            );
        }

        match case["fisher_p"].as_f64() {
            Some(expected) => {
                let p = fisher_exact_p(table).expect("defined for non-degenerate margins");
                close(p, expected, CLOSED_FORM, &format!("{name} Fisher p"));
            }
            None => assert_eq!(fisher_exact_p(table), None, "{name}"),
        }

        match case["conditional"].as_object() {
            Some(expected) => {
                let res = conditional_odds_ratio(table, Level::NINETY_FIVE).expect("defined");
                // null in the fixture stands for +infinity.
                let infinite_or = |v: &Value| v.as_f64().unwrap_or(f64::INFINITY);
                for (actual, key) in [
                    (res.estimate, "estimate"),
                    (res.ci.low, "ci_low"),
                    (res.ci.high, "ci_high"),
                ] {
                    let want = infinite_or(&expected[key]);
                    if want.is_infinite() || want == 0.0 {
                        assert_eq!(actual, want, "{name} conditional {key}");
                    } else {
                        close(
                            actual,
                            want,
                            ITERATIVE,
                            &format!("{name} conditional {key}"),
                        );
                    }
                }
            }
            None => assert_eq!(
                conditional_odds_ratio(table, Level::NINETY_FIVE),
                None,
                "{name}"
            ),
        }

        match case["chi2"].as_object() {
            Some(expected) => {
                for (yates, key) in [(false, "pearson"), (true, "yates")] {
                    let res = pearson_chi2(table, yates).expect("defined");
                    close(
                        res.statistic,
                        num(&expected[key]["statistic"]),
                        CLOSED_FORM,
                        &format!("{name} {key} X²"),
                    );
                    close_p(res.p, num(&expected[key]["p"]), &format!("{name} {key} p"));
                }
            }
            None => assert_eq!(pearson_chi2(table, false), None, "{name}"),
        }

        if let Some(expected) = case["prr"].as_object() {
            let res = prr(table, ZeroCellPolicy::None, Level::NINETY_FIVE);
            let ci = res.ci.expect("defined when a and c are positive");
            close(
                res.estimate.unwrap(),
                num(&expected["prr"]),
                CLOSED_FORM,
                &format!("{name} PRR"),
            );
            close(
                ci.low,
                num(&expected["ci_low"]),
                CLOSED_FORM,
                &format!("{name} PRR ci_low"),
            );
            close(
                ci.high,
                num(&expected["ci_high"]),
                CLOSED_FORM,
                &format!("{name} PRR ci_high"),
            );
        }
    }
}

fn strata_of(value: &Value) -> Vec<Table2x2> {
    value
        .as_array()
        .expect("strata")
        .iter()
        .map(table_of)
        .collect()
}

#[test]
fn strata_match_statsmodels() {
    let cases = cases("strata.json");
    assert!(cases.len() >= 100);
    let (mut n_mh, mut n_bd) = (0, 0);
    for case in &cases {
        let strata = strata_of(&case["strata"]);
        let name = format!("{} strata starting {:?}", strata.len(), strata[0]);
        match case["mh"].as_array() {
            Some(rows) => {
                n_mh += 1;
                for row in rows {
                    let res = mantel_haenszel(&strata, level(&row["level"])).expect("defined");
                    close(
                        res.estimate,
                        num(&row["estimate"]),
                        CLOSED_FORM,
                        &format!("{name} MH"),
                    );
                    close(
                        res.ci.low,
                        num(&row["ci_low"]),
                        CLOSED_FORM,
                        &format!("{name} RBG low"),
                    );
                    close(
                        res.ci.high,
                        num(&row["ci_high"]),
                        CLOSED_FORM,
                        &format!("{name} RBG high"),
                    );
                }
            }
            None => assert_eq!(mantel_haenszel(&strata, Level::NINETY_FIVE), None, "{name}"),
        }
        if let Some(cmh) = case["cmh"].as_object() {
            for (continuity, key) in [(false, "plain"), (true, "corrected")] {
                match cmh[key].as_object() {
                    Some(expected) => {
                        let (statistic, p) = cmh_test(&strata, continuity).expect("defined");
                        close_p(
                            statistic,
                            num(&expected["statistic"]),
                            &format!("{name} CMH {key}"),
                        );
                        close_p(p, num(&expected["p"]), &format!("{name} CMH {key} p"));
                    }
                    None => assert_eq!(cmh_test(&strata, continuity), None, "{name}"),
                }
            }
        }
        if let Some(expected) = case["breslow_day"].as_object() {
            n_bd += 1;
            let res = breslow_day(&strata).expect("defined");
            close_p(
                res.statistic,
                num(&expected["statistic"]),
                &format!("{name} BD"),
            );
            close_p(res.p, num(&expected["p"]), &format!("{name} BD p"));
            close_p(
                res.tarone_statistic,
                num(&expected["tarone_statistic"]),
                &format!("{name} Tarone"),
            );
            close_p(
                res.tarone_p,
                num(&expected["tarone_p"]),
                &format!("{name} Tarone p"),
            );
        }
    }
    assert!(
        n_mh >= 90 && n_bd >= 60,
        "enough cases exercised: MH {n_mh}, BD {n_bd}"
    );
}

fn effects(y: &Value, v: &Value) -> Vec<LogEffect> {
    let y = y.as_array().expect("y");
    let v = v.as_array().expect("v");
    y.iter()
        .zip(v)
        .map(|(y, v)| LogEffect {
            estimate: num(y),
            variance: num(v),
        })
        .collect()
}

#[test]
fn pooling_and_group_differences_match_statsmodels() {
    let cases = cases("meta.json");
    assert!(cases.len() >= 50);
    for (idx, case) in cases.iter().enumerate() {
        let effects = effects(&case["y"], &case["v"]);
        let level = level(&case["level"]);
        let expected = &case["pooled"];
        for (pooling, key) in [(Pooling::Fixed, "fixed"), (Pooling::Random, "random")] {
            let res = pool(&effects, pooling, level).expect("defined");
            let what = format!("case {idx} {key}");
            close(
                res.effect.estimate,
                num(&expected[key]["estimate"]),
                CLOSED_FORM,
                &what,
            );
            close(
                res.effect.variance,
                num(&expected[key]["variance"]),
                CLOSED_FORM,
                &what,
            );
            close(
                res.log_ci.low,
                num(&expected[key]["ci_low"]),
                CLOSED_FORM,
                &what,
            );
            close(
                res.log_ci.high,
                num(&expected[key]["ci_high"]),
                CLOSED_FORM,
                &what,
            );
            close(res.q, num(&expected["q"]), CLOSED_FORM, &what);
            close_p(res.q_p.unwrap(), num(&expected["q_p"]), &what);
            let tau2 = num(&expected["tau2"]);
            if tau2 == 0.0 {
                assert_eq!(res.tau2, 0.0, "{what}");
            } else {
                close(res.tau2, tau2, CLOSED_FORM, &what);
            }
            let i2 = num(&expected["i2"]);
            if i2 == 0.0 {
                assert_eq!(res.i2, 0.0, "{what}");
            } else {
                close(res.i2, i2, CLOSED_FORM, &what);
            }
        }

        // Groups: pool each with random effects, then compare.
        let groups: Vec<Vec<usize>> = case["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                g.as_array()
                    .unwrap()
                    .iter()
                    .map(|i| i.as_u64().unwrap() as usize)
                    .collect()
            })
            .collect();
        let group_effects: Vec<LogEffect> = groups
            .iter()
            .map(|members| {
                let members: Vec<LogEffect> = members.iter().map(|&i| effects[i]).collect();
                pool(&members, Pooling::Random, level).unwrap().effect
            })
            .collect();
        for (actual, expected) in group_effects
            .iter()
            .zip(case["group_effects"].as_array().unwrap())
        {
            close(
                actual.estimate,
                num(&expected["estimate"]),
                CLOSED_FORM,
                &format!("case {idx} group"),
            );
            close(
                actual.variance,
                num(&expected["variance"]),
                CLOSED_FORM,
                &format!("case {idx} group var"),
            );
        }
        let difference = subgroup_difference(&group_effects).expect("two or more groups");
        close(
            difference.q_between,
            num(&case["q_between"]),
            CLOSED_FORM,
            &format!("case {idx} Q between"),
        );
        close_p(
            difference.p,
            num(&case["q_between_p"]),
            &format!("case {idx} Q between p"),
        );
        if let Some(expected) = case.get("ratio") {
            let (ratio, ci) = ratio_of_pooled(group_effects[0], group_effects[1], level);
            close(
                ratio,
                num(&expected["ratio"]),
                CLOSED_FORM,
                &format!("case {idx} ratio"),
            );
            close(
                ci.low,
                num(&expected["ci_low"]),
                CLOSED_FORM,
                &format!("case {idx} ratio low"),
            );
            close(
                ci.high,
                num(&expected["ci_high"]),
                CLOSED_FORM,
                &format!("case {idx} ratio high"),
            );
        }
    }
}

#[test]
fn meta_regression_matches_statsmodels_wls() {
    let cases = cases("metareg.json");
    assert!(cases.len() >= 30);
    for (idx, case) in cases.iter().enumerate() {
        let effects = effects(&case["y"], &case["v"]);
        let x: Vec<f64> = case["x"].as_array().unwrap().iter().map(num).collect();
        let res = meta_regression(&effects, &x, level(&case["level"])).expect("defined");
        let what = format!("case {idx}");
        close(res.intercept, num(&case["intercept"]), CLOSED_FORM, &what);
        close(res.slope, num(&case["slope"]), CLOSED_FORM, &what);
        close(res.slope_se, num(&case["slope_se"]), CLOSED_FORM, &what);
        close(
            res.slope_ci.low,
            num(&case["slope_ci_low"]),
            CLOSED_FORM,
            &what,
        );
        close(
            res.slope_ci.high,
            num(&case["slope_ci_high"]),
            CLOSED_FORM,
            &what,
        );
        close_p(res.slope_p, num(&case["slope_p"]), &what);
        close(res.q_residual, num(&case["q_residual"]), CLOSED_FORM, &what);
        let tau2 = num(&case["tau2"]);
        if tau2 == 0.0 {
            assert_eq!(res.tau2, 0.0, "{what}");
        } else {
            close(res.tau2, tau2, CLOSED_FORM, &what);
        }
        let (fit, ci) = res.predict(num(&case["predict_x"]));
        close(fit, num(&case["predict_fit"]), CLOSED_FORM, &what);
        close(ci.low, num(&case["predict_ci_low"]), CLOSED_FORM, &what);
        close(ci.high, num(&case["predict_ci_high"]), CLOSED_FORM, &what);
    }
}

#[test]
fn evalues_match_the_closed_form_and_published_examples() {
    for case in cases("evalue.json") {
        close(
            evalue(num(&case["ratio"])).unwrap(),
            num(&case["evalue"]),
            CLOSED_FORM,
            "E-value",
        );
    }
    // VanderWeele & Ding, Ann Intern Med 2017;167:268: RR 3.9 gives 7.26; its CI limit 1.8, 3.00.
    for (ratio, published) in [(3.9, 7.26), (1.8, 3.00)] {
        assert!(
            (evalue(ratio).unwrap() - published).abs() < 0.005,
            "{ratio}"
        );
    }
}

/// The shared-τ² mixed-effects model against R's metafor
/// (`rma(yi, vi, mods = ~ 0 + group, method = "DL")`, `tools/reference/make_metafor_fixtures.R`).
#[test]
fn shared_tau2_model_matches_metafor() {
    let cases = cases("shared_tau2.json");
    assert!(cases.len() >= 300, "at least 300 model cases");
    for (idx, case) in cases.iter().enumerate() {
        let y: Vec<f64> = case["y"].as_array().unwrap().iter().map(num).collect();
        let v: Vec<f64> = case["v"].as_array().unwrap().iter().map(num).collect();
        let group: Vec<usize> = case["group"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g.as_u64().unwrap() as usize)
            .collect();
        let n_groups = case["groups"].as_u64().unwrap() as usize;
        let mut groups = vec![Vec::new(); n_groups];
        for ((&estimate, &variance), &g) in y.iter().zip(&v).zip(&group) {
            groups[g].push(LogEffect { estimate, variance });
        }
        let level = level(&case["level"]);
        let name = format!("case {idx}");
        let model = pool_shared_tau2(&groups).expect("every group has cohorts");
        // τ² may be exactly 0 in metafor and 1e-17 here: compare on the scale of the variances.
        assert!(
            (model.tau2 - num(&case["tau2"])).abs() <= 1e-9 * (1.0 + num(&case["tau2"])),
            "{name}: tau2 {} vs {}",
            model.tau2,
            case["tau2"]
        );
        close_p(model.q_residual, num(&case["qe"]), &format!("{name} QE"));
        assert_eq!(model.df_residual, case["qe_df"].as_u64().unwrap());
        match case["qe_p"].as_f64() {
            Some(p) => assert!(
                (model.q_residual_p.unwrap() - p).abs() <= 1e-7 * p.max(1e-300) + 1e-13,
                "{name} QE p"
            ),
            None => assert_eq!(model.q_residual_p, None, "{name} QE p"),
        }
        assert!(
            (model.i2 - num(&case["i2"])).abs() <= 1e-9,
            "{name}: I² {} vs {}",
            model.i2,
            case["i2"]
        );
        for (g, want) in case["group_effects"].as_array().unwrap().iter().enumerate() {
            let got = model.groups[g];
            let what = format!("{name} group {g}");
            close(got.estimate, num(&want["estimate"]), 1e-9, &what);
            close(got.variance.sqrt(), num(&want["se"]), 1e-9, &what);
            let ci = model.ci(g, level).unwrap();
            close(ci.low.ln(), num(&want["ci_low"]), 1e-9, &what);
            close(ci.high.ln(), num(&want["ci_high"]), 1e-9, &what);
        }
        match case["qm"].as_f64() {
            Some(qm) => {
                let test = model.test_of_groups().expect("two or more groups");
                close_p(test.q_between, qm, &format!("{name} QM"));
                assert_eq!(test.df, case["qm_df"].as_u64().unwrap());
                close_p(test.p, num(&case["qm_p"]), &format!("{name} QM p"));
            }
            None => assert_eq!(model.test_of_groups(), None, "{name}: one group"),
        }
        if let Some(want) = case["contrast"].as_object() {
            let first = want["first"].as_u64().unwrap() as usize;
            let reference = want["reference"].as_u64().unwrap() as usize;
            let got = model.contrast(first, reference, level).unwrap();
            let what = format!("{name} contrast");
            close(got.effect.estimate, num(&want["estimate"]), 1e-9, &what);
            close(got.effect.variance.sqrt(), num(&want["se"]), 1e-9, &what);
            close(got.ci.low.ln(), num(&want["ci_low"]), 1e-9, &what);
            close(got.ci.high.ln(), num(&want["ci_high"]), 1e-9, &what);
            close_p(got.p, num(&want["p"]), &what);
        }
    }
}

/// metafor refuses a DL fit with as many groups as cohorts (no degrees of freedom for τ²);
/// the model here takes τ² = 0 then, so each group is its own cohort, unchanged.
#[test]
fn shared_tau2_with_one_cohort_per_group_keeps_each_cohort() {
    let groups = vec![
        vec![LogEffect {
            estimate: -1.0,
            variance: 0.2,
        }],
        vec![LogEffect {
            estimate: 0.3,
            variance: 0.1,
        }],
    ];
    let model = pool_shared_tau2(&groups).unwrap();
    assert_eq!(
        (model.tau2, model.df_residual, model.q_residual_p),
        (0.0, 0, None)
    );
    assert_eq!(model.groups[0], groups[0][0]);
    assert_eq!(pool_shared_tau2(&[vec![], groups[0].clone()]), None);
    assert_eq!(pool_shared_tau2(&[]), None);
}

/// Mantel–Haenszel after the zero-cell policy against statsmodels on the corrected strata.
#[test]
fn corrected_mantel_haenszel_matches_statsmodels() {
    let cases = cases("strata_corrected.json");
    assert!(cases.len() >= 100);
    for case in &cases {
        let strata: Vec<Table2x2> = case["strata"]
            .as_array()
            .unwrap()
            .iter()
            .map(table_of)
            .collect();
        for want in case["results"].as_array().unwrap() {
            let policy = ZeroCellPolicy::from_code(want["policy"].as_str().unwrap()).unwrap();
            let got = mantel_haenszel_corrected(&strata, policy, level(&want["level"]));
            let what = format!("{strata:?} {}", want["policy"]);
            match (got.mantel_haenszel, want["estimate"].as_f64()) {
                (Some(mh), Some(estimate)) => {
                    close(mh.estimate, estimate, CLOSED_FORM, &what);
                    close(mh.log_se, num(&want["log_se"]), CLOSED_FORM, &what);
                    close(mh.ci.low, num(&want["ci_low"]), CLOSED_FORM, &what);
                    close(mh.ci.high, num(&want["ci_high"]), CLOSED_FORM, &what);
                }
                (None, None) => {}
                (got, want) => panic!("{what}: got {got:?}, reference {want:?}"),
            }
        }
    }
}
