//! Times the full analysis: `cargo bench -p glabella-core`. Prints figures; asserts nothing.
//!
//! Two inputs: the embedded default dataset, and a synthetic one of 10,000 strata (many
//! indications with an extra covariate column). Each is parsed, then analysed with every feature
//! on: stratification by sex and age band, three groups and the dose regression.

use std::hint::black_box;
use std::time::{Duration, Instant};

use glabella_core::analysis::{analyze, GroupSpec, Settings};
use glabella_core::data::{parse_csv, AgeBand, Sex, DEFAULT_CSV};

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

fn synthetic_csv(strata: usize) -> String {
    let mut csv = String::from("indication,arm,sex,age_band,depression,reports,site\n");
    let mut rows = 0;
    'outer: for cohort in 0.. {
        for arm in ["bont", "control"] {
            for sex in Sex::ALL {
                for age in AgeBand::ALL {
                    for site in ["a", "b"] {
                        for depression in [1, 0] {
                            let reports =
                                3 + (cohort * 7 + rows * 13) % 400 * (1 + (1 - depression) * 20);
                            csv.push_str(&format!(
                                "c{cohort},{arm},{},{},{depression},{reports},{site}\n",
                                sex.code(),
                                age.code()
                            ));
                            rows += 1;
                            if rows == strata {
                                break 'outer;
                            }
                        }
                    }
                }
            }
        }
    }
    csv
}

fn report(name: &str, csv: &str, groups: Vec<GroupSpec>) {
    let runs = 20;
    let (parse_median, parse_min) = time(runs, || parse_csv(csv.as_bytes()).unwrap());
    let dataset = parse_csv(csv.as_bytes()).unwrap();
    let crude = Settings {
        groups: groups.clone(),
        ..Settings::default()
    };
    let adjusted = Settings {
        stratify: vec!["sex".into(), "age_band".into()],
        groups,
        ..Settings::default()
    };
    let (crude_median, crude_min) = time(runs, || analyze(&dataset, &crude).unwrap());
    let (adjusted_median, adjusted_min) = time(runs, || analyze(&dataset, &adjusted).unwrap());
    println!(
        "{name}: {} strata, {} indications ({runs} runs, median / min)",
        dataset.strata.len(),
        dataset.indications().len()
    );
    println!("  parse CSV              {parse_median:>10.2?} / {parse_min:.2?}");
    println!("  analyse, crude         {crude_median:>10.2?} / {crude_min:.2?}");
    println!("  analyse, sex and age   {adjusted_median:>10.2?} / {adjusted_min:.2?}");
}

fn main() {
    let group = |name: &str, cohorts: &[&str]| GroupSpec {
        name: name.into(),
        cohorts: cohorts.iter().map(|c| c.to_string()).collect(),
    };
    report(
        "default dataset",
        DEFAULT_CSV,
        vec![
            group("frown", &["cosmetic", "migraine"]),
            group("other facial", &["blepharospasm"]),
            group(
                "no facial",
                &[
                    "spasticity",
                    "torticollis",
                    "hyperhidrosis",
                    "sialorrhea",
                    "bladder",
                ],
            ),
        ],
    );
    let csv = synthetic_csv(10_000);
    report(
        "synthetic",
        &csv,
        vec![
            group("first", &["c0", "c1"]),
            group("second", &["c2", "c3", "c4"]),
        ],
    );
}
