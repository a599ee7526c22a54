//! A seeded, platform-independent percentile bootstrap of the reporting odds ratio.
//!
//! Each replicate draws the depression count of each arm from a binomial with the arm's observed
//! size and proportion (resampling reports within arms). The generator is xoshiro256** seeded by
//! SplitMix64, written out here so its output can never change with a dependency's version; the
//! binomial draws use a precomputed table built with IEEE arithmetic only. A seed therefore gives
//! the same interval on every platform, wasm32 included.

use super::{Interval, Level, Table2x2, ZeroCellPolicy};

/// The xoshiro256** generator of Blackman and Vigna (2018), <https://prng.di.unimi.it/>.
#[derive(Clone, Debug)]
pub struct Xoshiro256StarStar {
    state: [u64; 4],
}

impl Xoshiro256StarStar {
    /// Seeds the four words of state with SplitMix64, as the authors recommend.
    pub fn seed_from_u64(seed: u64) -> Xoshiro256StarStar {
        let mut splitmix = seed;
        let mut next = || {
            splitmix = splitmix.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = splitmix;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Xoshiro256StarStar {
            state: [next(), next(), next(), next()],
        }
    }

    /// Starts from a raw state (for the reference test vectors).
    pub fn from_state(state: [u64; 4]) -> Xoshiro256StarStar {
        Xoshiro256StarStar { state }
    }

    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.state;
        let res = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        res
    }

    /// A uniform number in [0, 1) with 53 random bits.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

/// Cumulative probabilities of a binomial over the values that carry any weight.
struct BinomialTable {
    first: u64,
    cumulative: Vec<f64>,
}

impl BinomialTable {
    /// Builds the table from the mode outwards with the ratio
    /// P(x + 1)/P(x) = (n − x)/(x + 1) · p/(1 − p), dropping terms below 1e-18 of the mode.
    fn new(n: u64, successes: u64) -> BinomialTable {
        if successes == 0 || successes == n {
            return BinomialTable {
                first: successes,
                cumulative: vec![1.0],
            };
        }
        let odds = successes as f64 / (n - successes) as f64;
        let mode = successes; // The observed count is a mode of Binomial(n, count/n).
        let mut above = Vec::new();
        let (mut x, mut weight) = (mode, 1.0_f64);
        while x < n {
            weight *= (n - x) as f64 / (x + 1) as f64 * odds;
            if weight < 1e-18 {
                break;
            }
            x += 1;
            above.push(weight);
        }
        let mut below = Vec::new();
        let (mut x, mut weight) = (mode, 1.0_f64);
        while x > 0 {
            weight *= x as f64 / (n - x + 1) as f64 / odds;
            if weight < 1e-18 {
                break;
            }
            x -= 1;
            below.push(weight);
        }
        let first = mode - below.len() as u64;
        let mut cumulative = Vec::with_capacity(below.len() + 1 + above.len());
        let mut total = 0.0;
        for weight in below.iter().rev().chain([1.0].iter()).chain(above.iter()) {
            total += weight;
            cumulative.push(total);
        }
        BinomialTable { first, cumulative }
    }

    fn draw(&self, rng: &mut Xoshiro256StarStar) -> u64 {
        let total = self.cumulative[self.cumulative.len() - 1];
        let target = rng.next_f64() * total;
        let idx = self.cumulative.partition_point(|&c| c <= target);
        self.first + idx.min(self.cumulative.len() - 1) as u64
    }
}

/// Percentile bootstrap interval of the ROR.
///
/// # Formula
///
/// ```text
/// a* ~ Binomial(a + b, a/(a + b)),  c* ~ Binomial(c + d, c/(c + d))
/// CI = the α/2 and 1 − α/2 quantiles of ROR*
/// ```
///
/// where ROR* follows the zero-cell `policy`, replicates whose ROR is undefined are dropped, and
/// quantiles interpolate linearly between order statistics (Hyndman–Fan type 7, numpy's default).
/// Reference: Efron B, Tibshirani RJ, An Introduction to the Bootstrap (1993), ch. 13.
///
/// # None
///
/// When an arm is empty, or fewer than half of the replicates give a defined ROR.
pub fn bootstrap_ror_ci(
    table: Table2x2,
    policy: ZeroCellPolicy,
    level: Level,
    replicates: u32,
    seed: u64,
) -> Option<Interval> {
    if table.n_bont() == 0 || table.n_control() == 0 || replicates == 0 {
        return None;
    }
    let bont = BinomialTable::new(table.n_bont(), table.a);
    let control = BinomialTable::new(table.n_control(), table.c);
    let mut rng = Xoshiro256StarStar::seed_from_u64(seed);
    let mut rors = Vec::with_capacity(replicates as usize);
    for _ in 0..replicates {
        let a = bont.draw(&mut rng);
        let c = control.draw(&mut rng);
        let replicate = Table2x2::new(a, table.n_bont() - a, c, table.n_control() - c);
        let cells = replicate.cells(policy);
        let ratio = cells.a * cells.d / (cells.b * cells.c);
        if ratio > 0.0 && ratio.is_finite() {
            rors.push(ratio);
        }
    }
    if (rors.len() as u64) * 2 < replicates as u64 {
        return None;
    }
    // Interpolating on the ratio rather than its log keeps this path free of `ln` and `exp`,
    // whose last bit may differ between platforms.
    rors.sort_by(f64::total_cmp);
    let alpha = level.half_alpha();
    Some(Interval {
        low: quantile(&rors, alpha),
        high: quantile(&rors, 1.0 - alpha),
    })
}

/// Type 7 quantile of sorted values.
fn quantile(sorted: &[f64], probability: f64) -> f64 {
    let position = probability * (sorted.len() - 1) as f64;
    let below = position.floor();
    let idx = below as u32 as usize;
    let fraction = position - below;
    match sorted.get(idx + 1) {
        Some(&next) => sorted[idx] + fraction * (next - sorted[idx]),
        None => sorted[idx],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::ror;

    #[test]
    fn xoshiro_matches_the_reference_implementation() {
        // First outputs of the authors' xoshiro256starstar.c from the state {1, 2, 3, 4}
        // (the same vector the rand_xoshiro crate tests against).
        let mut rng = Xoshiro256StarStar::from_state([1, 2, 3, 4]);
        let expected: [u64; 6] = [
            11520,
            0,
            1509978240,
            1215971899390074240,
            1216172134540287360,
            607988272756665600,
        ];
        for want in expected {
            assert_eq!(rng.next_u64(), want);
        }
    }

    /// The bladder table of the default dataset.
    const BLADDER: Table2x2 = Table2x2 {
        a: 11,
        b: 904,
        c: 472,
        d: 30355,
    };

    /// Pinned output: a change here changes every bootstrap interval readers have seen. The same
    /// numbers are checked on wasm32 by `tests/wasm_determinism.rs`.
    const PINNED_LOW: f64 = 0.361_107_172_293_920_25;
    const PINNED_HIGH: f64 = 1.283_745_494_419_292_5;

    #[test]
    fn a_seed_pins_the_interval() {
        let ci = bootstrap_ror_ci(
            BLADDER,
            ZeroCellPolicy::Haldane,
            Level::NINETY_FIVE,
            2000,
            42,
        )
        .unwrap();
        assert_eq!((ci.low, ci.high), (PINNED_LOW, PINNED_HIGH));
    }

    #[test]
    fn the_bootstrap_agrees_with_woolf_on_a_large_table() {
        let table = Table2x2::new(117, 4063, 3400, 53275);
        let woolf = ror(table, ZeroCellPolicy::Haldane, Level::NINETY_FIVE)
            .ci
            .unwrap();
        let boot =
            bootstrap_ror_ci(table, ZeroCellPolicy::Haldane, Level::NINETY_FIVE, 4000, 7).unwrap();
        assert!(
            (boot.low / woolf.low - 1.0).abs() < 0.05,
            "{boot:?} vs {woolf:?}"
        );
        assert!(
            (boot.high / woolf.high - 1.0).abs() < 0.05,
            "{boot:?} vs {woolf:?}"
        );
    }

    #[test]
    fn other_seeds_give_other_draws_and_empty_arms_give_none() {
        let level = Level::NINETY_FIVE;
        let first = bootstrap_ror_ci(BLADDER, ZeroCellPolicy::Haldane, level, 500, 1);
        let second = bootstrap_ror_ci(BLADDER, ZeroCellPolicy::Haldane, level, 500, 2);
        assert_ne!(first, second);
        let empty = Table2x2::new(0, 0, 3, 10);
        assert_eq!(
            bootstrap_ror_ci(empty, ZeroCellPolicy::Haldane, level, 500, 1),
            None
        );
        // With no correction, a zero a-cell leaves no replicate defined.
        let zero = Table2x2::new(0, 157, 23, 1151);
        assert_eq!(
            bootstrap_ror_ci(zero, ZeroCellPolicy::None, level, 500, 1),
            None
        );
        assert!(bootstrap_ror_ci(zero, ZeroCellPolicy::Haldane, level, 500, 1).is_some());
    }

    #[test]
    fn binomial_table_has_the_right_mean() {
        let table = BinomialTable::new(1000, 30);
        let mut rng = Xoshiro256StarStar::seed_from_u64(3);
        let draws = 20_000;
        let total: u64 = (0..draws).map(|_| table.draw(&mut rng)).sum();
        let mean = total as f64 / draws as f64;
        assert!((mean - 30.0).abs() < 0.2, "{mean}");
    }
}
