//! The same numbers on native and on wasm32: `cargo test` runs this natively, and the test command
//! runs it again compiled to wasm32 under node (wasm-bindgen-test-runner).

use glabella_core::analysis::{analyze, Settings};
use glabella_core::assessment::{Hypothesis, Reading};
use glabella_core::data::default_dataset;
use glabella_core::reconstruct::{draw, sensitivity};
use glabella_core::scenario::Scenario;
use glabella_core::stats::{bootstrap_ror_ci, Level, Table2x2, ZeroCellPolicy};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

#[test]
fn a_seed_gives_the_pinned_bootstrap_interval() {
    // Also pinned in src/stats/bootstrap.rs: bit-for-bit the same on every platform.
    let bladder = Table2x2::new(11, 904, 472, 30355);
    let ci = bootstrap_ror_ci(
        bladder,
        ZeroCellPolicy::Haldane,
        Level::NINETY_FIVE,
        2000,
        42,
    )
    .expect("defined");
    assert_eq!(
        (ci.low, ci.high),
        (0.361_107_172_293_920_25, 1.283_745_494_419_292_5)
    );
}

#[test]
fn the_default_analysis_runs_and_reproduces_the_bladder_interval() {
    let analysis = analyze(&default_dataset(), &Settings::default()).expect("valid settings");
    let bladder = analysis
        .cohorts
        .iter()
        .find(|c| c.indication == "bladder")
        .expect("bladder cohort");
    let ci = bladder.ror.ci.expect("defined");
    assert!(
        (ci.low - 0.4289).abs() < 1e-4 && (ci.high - 1.4280).abs() < 1e-4,
        "{ci:?}"
    );
}

#[test]
fn a_seed_gives_the_pinned_reconstruction() {
    // Pinned from a native run: a change here changes every dataset `glabella reconstruct` writes.
    let dataset = draw(42).expect("a draw");
    let crude: Vec<(u64, u64)> = dataset
        .indications()
        .iter()
        .map(|slug| {
            let table = dataset.table(slug);
            (table.a, table.c)
        })
        .collect();
    assert_eq!(
        crude,
        [
            (1233, 135),
            (299, 6750),
            (108, 4338),
            (69, 603),
            (7, 16),
            (31, 67),
            (0, 38),
            (11, 472)
        ]
    );
    assert_eq!(
        (dataset.strata.len(), fingerprint(0, &dataset)),
        (607, 12_424_895_803_599_932_801)
    );
    // Every stratum of the first hundred seeds.
    let all = (0..100).fold(0, |hash, seed| {
        fingerprint(hash, &draw(seed).expect("a draw"))
    });
    assert_eq!(all, 8_022_500_935_473_883_570);
}

fn fingerprint(start: u64, dataset: &glabella_core::data::Dataset) -> u64 {
    dataset.strata.iter().fold(start, |hash, stratum| {
        hash.wrapping_mul(1_000_003).wrapping_add(stratum.reports)
    })
}

#[test]
fn a_seed_gives_the_pinned_sensitivity() {
    let settings = Scenario::for_dataset(&default_dataset()).settings();
    let run = sensitivity(&settings, 6, 42).expect("six members");
    let counts: Vec<Vec<u32>> = Hypothesis::ALL
        .iter()
        .map(|&hypothesis| {
            Reading::ALL
                .iter()
                .map(|&reading| run.count(hypothesis, reading))
                .collect()
        })
        .collect();
    // Per hypothesis: supports, consistent, against, cannot_tell, not_testable.
    assert_eq!(
        counts,
        [
            [0, 1, 5, 0, 0],
            [0, 0, 0, 6, 0],
            [0, 5, 0, 1, 0],
            [0, 0, 0, 6, 0],
            [0, 0, 2, 4, 0],
            [0, 0, 0, 0, 6],
            [0, 0, 0, 0, 6]
        ]
    );
}
