//! `parse_csv` gives a dataset or an error naming its line, and `analyze` takes any dataset it
//! gives, without a panic: the checks of the seeded passes, guided by coverage.

#![no_main]

#[path = "../../tests/fuzz/harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(problem) = harness::check_csv(data) {
        panic!("{problem}");
    }
});
