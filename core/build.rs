//! Compiles the cohort catalog, `data/cohorts.csv`, into Rust: a mistake in the file fails the
//! build, and the web page links no CSV reader for it. Compiles the message files too
//! (`build_messages.rs`).

use std::fmt::Write;

#[path = "build_messages.rs"]
mod messages;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    messages::generate(&out);
    let path = "../data/cohorts.csv";
    println!("cargo:rerun-if-changed={path}");
    let text = std::fs::read_to_string(path).expect("data/cohorts.csv cannot be read");
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    let mut code = String::from("[\n");
    for record in reader.records() {
        let record = record.unwrap_or_else(|err| panic!("data/cohorts.csv: {err}"));
        let line = record.position().map_or(0, |position| position.line());
        let fail = |what: &str| -> ! { panic!("data/cohorts.csv, line {line}: {what}") };
        if record.len() != 10 {
            fail("expected 10 fields");
        }
        let muscles = match &record[3] {
            "frown" => "Frown",
            "other_facial" => "OtherFacial",
            "none" => "NoFacial",
            "glands" => "Glands",
            _ => fail("muscles must be frown, other_facial, none or glands"),
        };
        let number = |idx: usize| -> f64 {
            match record[idx].parse::<f64>() {
                Ok(value) if value > 0.0 && value.is_finite() => value,
                _ => fail("doses must be positive numbers"),
            }
        };
        let [low, high, typical] = [number(4), number(5), number(6)];
        if !(low <= typical && typical <= high) {
            fail("the typical dose must lie between the lowest and the highest");
        }
        let text = |idx: usize| format!("{:?}", &record[idx]);
        // The torticollis dose is the pivotal study's median, as its note says; the page marks it.
        let study_median = record[8].contains("median");
        // The catalog's prose (name, site, note, source) is English, for the command and the
        // tests; the page has its own words for it, so a wasm build leaves it out.
        let prose = |field: &str, idx: usize| {
            if wasm {
                String::new()
            } else {
                format!("{field}: {}, ", text(idx))
            }
        };
        let _ = writeln!(
            code,
            "CohortInfo {{ slug: {}, {}{}muscles: MuscleGroup::{muscles}, \
             dose: DoseInfo {{ low: {low:?}, high: {high:?}, typical: {typical:?}, product: {}, {}study_median: {study_median} }}, \
             {}}},",
            text(0),
            prose("name", 1),
            prose("site", 2),
            text(7),
            prose("note", 8),
            prose("source", 9),
        );
    }
    code.push(']');
    std::fs::write(format!("{out}/catalog.rs"), code).expect("OUT_DIR is writable");
}
