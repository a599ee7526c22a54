//! The same numbers on native and on wasm32: `cargo test` runs this natively, and the test command
//! runs it again compiled to wasm32 under node (wasm-bindgen-test-runner).

use glabella_core::analysis::{analyze, Settings};
use glabella_core::data::default_dataset;
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
