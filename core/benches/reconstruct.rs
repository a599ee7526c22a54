//! Times the reconstructions: `cargo bench -p glabella-core --bench reconstruct`. Prints figures;
//! asserts nothing.
//!
//! 500 datasets drawn, then 500 members of a sensitivity run on the default scenario (each drawn,
//! analysed and assessed), crude and adjusted for sex and age band.

use std::hint::black_box;
use std::time::{Duration, Instant};

use glabella_core::data::default_dataset;
use glabella_core::reconstruct::{draw, sensitivity};
use glabella_core::scenario::Scenario;

const MEMBERS: u32 = 500;

fn time<T>(runs: u32, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .collect();
    samples.sort();
    (samples[samples.len() / 2], samples[0])
}

fn main() {
    let runs = 5;
    let scenario = Scenario::for_dataset(&default_dataset());
    let adjusted = Scenario {
        adjusted: true,
        ..scenario.clone()
    };
    let (draw_median, draw_min) = time(runs, || {
        (1..=u64::from(MEMBERS))
            .map(|seed| draw(seed).unwrap().strata.len())
            .sum::<usize>()
    });
    let (crude_median, crude_min) = time(runs, || {
        sensitivity(&scenario.settings(), MEMBERS, 1).unwrap()
    });
    let (adjusted_median, adjusted_min) = time(runs, || {
        sensitivity(&adjusted.settings(), MEMBERS, 1).unwrap()
    });
    println!("{MEMBERS} reconstructions, seeds 1 to {MEMBERS} ({runs} runs, median / min)");
    println!("  draw only                        {draw_median:>10.2?} / {draw_min:.2?}");
    println!("  sensitivity, default scenario    {crude_median:>10.2?} / {crude_min:.2?}");
    println!("  sensitivity, sex and age         {adjusted_median:>10.2?} / {adjusted_min:.2?}");
}
