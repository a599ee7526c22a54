//! `decode` reads any link into a scenario of the dataset's cohorts, and its canonical encoding
//! comes back whole: the checks of the seeded passes, guided by coverage.

#![no_main]

#[path = "../../tests/fuzz/harness.rs"]
mod harness;

use std::sync::OnceLock;

use glabella_core::data::{default_dataset, Dataset};

static DATASET: OnceLock<Dataset> = OnceLock::new();

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let dataset = DATASET.get_or_init(default_dataset);
    if let Err(problem) = harness::check_url(data, dataset) {
        panic!("{problem}");
    }
});
