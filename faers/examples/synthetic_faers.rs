//! Writes a synthetic FAERS quarter of real size, and the counts it must give, for the benchmark
//! (`scripts/bench-faers.sh`).
//!
//! `cargo run --release -p glabella-faers --example synthetic-faers -- DIR [REPORTS] [SEED]`
//! writes `DIR/faers_ascii_2025q4/` (ASCII tables and a deleted list) and `DIR/truth.csv`, the
//! strata the builder must find with its default options, in format v1.

use std::fmt::Write as _;
use std::path::Path;

use glabella_faers::synthetic::{generate, Spec};
use glabella_faers::{Options, Quarter};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: synthetic-faers DIR [REPORTS] [SEED]");
        std::process::exit(2);
    };
    let number = |idx: usize, default: u64| {
        args.get(idx).map_or(default, |text| {
            text.parse().unwrap_or_else(|_| {
                eprintln!("synthetic-faers: `{text}` is not a whole number");
                std::process::exit(2)
            })
        })
    };
    let reports = number(1, 400_000) as usize;
    let seed = number(2, 1);
    let quarter = Quarter::new(2025, 4).unwrap_or_else(|| unreachable!());
    let (quarters, truth) = generate(&Spec::full_size(seed, quarter, reports));
    let mut sizes = Vec::new();
    for files in &quarters {
        for (path, bytes) in &files.files {
            let full = Path::new(dir).join(&files.name).join(path);
            if let Some(parent) = full.parent() {
                std::fs::create_dir_all(parent).unwrap_or_else(|err| fail(&full, &err));
            }
            std::fs::write(&full, bytes).unwrap_or_else(|err| fail(&full, &err));
            let rows = bytes
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                .saturating_sub(1);
            sizes.push(format!("{path}: {rows} rows, {} bytes", bytes.len()));
        }
    }
    let expected = truth.expected(Options::default());
    let mut csv = String::from("# The strata the builder must find (default options).\n");
    csv.push_str("indication,arm,sex,age_band,depression,reports\n");
    for ((cohort, bont, sex, age, depression), reports) in &expected.strata {
        let arm = if *bont { "bont" } else { "control" };
        let _ = writeln!(
            csv,
            "{cohort},{arm},{},{},{},{reports}",
            sex.code(),
            age.code(),
            u8::from(*depression)
        );
    }
    let truth_path = Path::new(dir).join("truth.csv");
    std::fs::write(&truth_path, csv).unwrap_or_else(|err| fail(&truth_path, &err));
    for line in sizes {
        println!("{line}");
    }
}

fn fail(path: &Path, err: &std::io::Error) -> ! {
    eprintln!("synthetic-faers: {}: {err}", path.display());
    std::process::exit(1)
}
