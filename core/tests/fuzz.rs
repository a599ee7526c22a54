//! The short fuzzing pass: thousands of seeded inputs per target, in a few seconds.
//! Every input must give a result or a named error, without a panic, within its target's bound.
//! The long pass is `cargo run --release -p glabella-core --example fuzz` (see the README).

#![cfg(not(target_arch = "wasm32"))]

#[path = "fuzz/harness.rs"]
mod harness;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use harness::{preview, run_one, save, Corpus, Outcome, Target};

const SEED: u64 = 1;

/// Inputs per target; `GLABELLA_FUZZ_INPUTS` changes it.
fn inputs(default: u64) -> u64 {
    std::env::var("GLABELLA_FUZZ_INPUTS")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(default)
}

/// Runs inputs `0..count` in a thread of their own, so that an input that never returns fails
/// the test after `limit` instead of stalling the suite.
fn short_pass(target: Target, count: u64, limit: Duration) {
    let current = Arc::new(AtomicU64::new(0));
    let (done, finished) = mpsc::channel();
    let worker = {
        let current = Arc::clone(&current);
        std::thread::spawn(move || {
            let corpus = Corpus::new();
            let start = Instant::now();
            let mut failures = Vec::new();
            let mut slowest = (Duration::ZERO, 0);
            for index in 0..count {
                current.store(index, Ordering::Relaxed);
                let (bytes, dataset) = corpus.input(target, SEED, index);
                let (outcome, elapsed) = run_one(&corpus, target, &bytes, dataset);
                if elapsed > slowest.0 {
                    slowest = (elapsed, index);
                }
                if outcome != Outcome::Passed {
                    let path = save(target, SEED, index, &bytes);
                    failures.push(format!(
                        "input {index} ({}): {outcome:?}\n  {}",
                        path.display(),
                        preview(&bytes)
                    ));
                }
            }
            let elapsed = start.elapsed();
            println!(
                "{}: {count} inputs in {:.1} s ({:.0} inputs/s), {} failing, slowest input {:.1} ms (#{})",
                target.name(),
                elapsed.as_secs_f64(),
                count as f64 / elapsed.as_secs_f64(),
                failures.len(),
                slowest.0.as_secs_f64() * 1e3,
                slowest.1,
            );
            let _ = done.send(failures);
        })
    };
    match finished.recv_timeout(limit) {
        Ok(failures) => assert!(failures.is_empty(), "{}", failures.join("\n")),
        Err(_) => {
            let index = current.load(Ordering::Relaxed);
            let (bytes, _) = Corpus::new().input(target, SEED, index);
            let path = save(target, SEED, index, &bytes);
            panic!(
                "input {index} did not finish within {limit:?} ({}): {}",
                path.display(),
                preview(&bytes)
            );
        }
    }
    worker.join().expect("the fuzzing thread ends");
}

#[test]
fn links_decode_without_panic_and_round_trip() {
    short_pass(Target::Url, inputs(20_000), Duration::from_secs(120));
}

#[test]
fn files_parse_or_name_their_line_and_analyse_without_panic() {
    short_pass(Target::Csv, inputs(4_000), Duration::from_secs(120));
}
