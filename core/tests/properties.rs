//! Invariants that hold for every table, checked on random inputs.

#![cfg(not(target_arch = "wasm32"))]

use glabella_core::analysis::{analyze, GroupSpec, Settings};
use glabella_core::data::parse_csv;
use glabella_core::stats::{
    conditional_odds_ratio, fisher_exact_p, mantel_haenszel, pool, ror, Level, LogEffect, Pooling,
    Table2x2, ZeroCellPolicy,
};
use proptest::prelude::*;

fn table() -> impl Strategy<Value = Table2x2> {
    (0u64..400, 0u64..5000, 0u64..400, 0u64..5000)
        .prop_map(|(a, b, c, d)| Table2x2::new(a, b, c, d))
}

fn relative_eq(x: f64, y: f64) -> bool {
    (x - y).abs() <= 1e-12 * x.abs().max(y.abs())
}

proptest! {
    #[test]
    fn swapping_the_arms_inverts_the_ror(t in table()) {
        let level = Level::NINETY_FIVE;
        let forward = ror(t, ZeroCellPolicy::Haldane, level);
        let backward = ror(t.swap_arms(), ZeroCellPolicy::Haldane, level);
        prop_assert!(relative_eq(forward.estimate.unwrap(), 1.0 / backward.estimate.unwrap()));
        let (f, b) = (forward.ci.unwrap(), backward.ci.unwrap());
        prop_assert!(relative_eq(f.low, 1.0 / b.high) && relative_eq(f.high, 1.0 / b.low));
    }

    #[test]
    fn an_interval_contains_its_estimate(t in table()) {
        let res = ror(t, ZeroCellPolicy::Haldane, Level::NINETY_FIVE);
        prop_assert!(res.ci.unwrap().contains(res.estimate.unwrap()));
        if let Some(exact) = conditional_odds_ratio(t, Level::NINETY_FIVE) {
            prop_assert!(exact.ci.low <= exact.estimate * (1.0 + 1e-9));
            prop_assert!(exact.estimate <= exact.ci.high * (1.0 + 1e-9));
        }
    }

    #[test]
    fn a_99_percent_interval_contains_the_95_percent_one(t in table()) {
        let wide = ror(t, ZeroCellPolicy::Haldane, Level::new(0.99).unwrap()).ci.unwrap();
        let narrow = ror(t, ZeroCellPolicy::Haldane, Level::NINETY_FIVE).ci.unwrap();
        prop_assert!(wide.low <= narrow.low && narrow.high <= wide.high);
    }

    #[test]
    fn mantel_haenszel_over_one_stratum_is_the_crude_odds_ratio(t in table()) {
        prop_assume!(!t.has_zero());
        let crude = ror(t, ZeroCellPolicy::None, Level::NINETY_FIVE).estimate.unwrap();
        let mh = mantel_haenszel(&[t], Level::NINETY_FIVE).unwrap();
        prop_assert!(relative_eq(mh.estimate, crude));
    }

    #[test]
    fn splitting_a_table_into_identical_strata_keeps_the_mh_estimate(t in table(), k in 1u64..6) {
        prop_assume!(!t.has_zero());
        let scaled = Table2x2::new(t.a * k, t.b * k, t.c * k, t.d * k);
        let strata = vec![t; k as usize];
        let pooled = mantel_haenszel(&strata, Level::NINETY_FIVE).unwrap();
        let whole = mantel_haenszel(&[scaled], Level::NINETY_FIVE).unwrap();
        prop_assert!(relative_eq(pooled.estimate, whole.estimate));
    }

    #[test]
    fn fisher_p_is_a_probability(t in table()) {
        if let Some(p) = fisher_exact_p(t) {
            prop_assert!((0.0..=1.0).contains(&p));
        }
    }

    #[test]
    fn random_effects_are_never_narrower_than_fixed(
        effects in prop::collection::vec((-3.0f64..1.0, 0.001f64..2.0), 1..12)
    ) {
        let effects: Vec<LogEffect> = effects
            .into_iter()
            .map(|(estimate, variance)| LogEffect { estimate, variance })
            .collect();
        let fixed = pool(&effects, Pooling::Fixed, Level::NINETY_FIVE).unwrap();
        let random = pool(&effects, Pooling::Random, Level::NINETY_FIVE).unwrap();
        prop_assert!(random.effect.variance >= fixed.effect.variance * (1.0 - 1e-12));
        prop_assert!((0.0..=1.0).contains(&random.i2) && random.tau2 >= 0.0);
    }

    #[test]
    fn parsing_never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse_csv(&bytes);
    }

    #[test]
    fn parsing_and_analysis_never_panic_on_csv_like_text(
        rows in prop::collection::vec(
            (
                prop::sample::select(vec!["a", "b", "c", "A", ""]),
                prop::sample::select(vec!["bont", "control", "x"]),
                prop::sample::select(vec!["F", "M", "U", "?"]),
                prop::sample::select(vec!["0-17", "40-49", "70+", "U", "9"]),
                prop::sample::select(vec!["0", "1", "2"]),
                prop::sample::select(vec!["0", "1", "7", "1000", "-1", "x"]),
            ),
            0..30,
        )
    ) {
        let mut text = String::from("indication,arm,sex,age_band,depression,reports\n");
        for (i, arm, sex, age, dep, n) in rows {
            text.push_str(&format!("{i},{arm},{sex},{age},{dep},{n}\n"));
        }
        if let Ok(dataset) = parse_csv(text.as_bytes()) {
            let groups: Vec<GroupSpec> = dataset
                .indications()
                .iter()
                .map(|name| GroupSpec { name: name.to_string(), cohorts: vec![name.to_string()] })
                .collect();
            for stratify in [vec![], vec!["sex".to_owned(), "age_band".to_owned()]] {
                for zero_cell in ZeroCellPolicy::ALL {
                    let settings = Settings {
                        stratify: stratify.clone(),
                        groups: groups.clone(),
                        zero_cell,
                        ..Settings::default()
                    };
                    prop_assert!(analyze(&dataset, &settings).is_ok());
                }
            }
        }
    }
}
