//! One draw: the crude counts of the eight cohorts, then their strata.
//!
//! Only IEEE arithmetic (`+ − × ÷`, `sqrt`, `floor`) and whole numbers are on this path, and the
//! logarithm is computed here from them, so a seed gives the same dataset on wasm32 and native.
//! Every random whole number is a `u64`.

use super::calibration::{ArmSplit, AGE_WEIGHTS, COHORT_SPLITS, SEX_WEIGHTS};
use super::published::{
    BLADDER, COHORT_SIZES, HIGHEST_ROR, LOWEST_ROR, NAMED_SIGNIFICANT, NO_BONT_DEPRESSION,
    SIGNIFICANT,
};
use super::ranges::{
    BLADDER_TABLES, BONT_DEPRESSION_MAX_PERCENT, CONTROL_DEPRESSION_PERCENT,
    NOT_SIGNIFICANT_MIN_BONT_DEPRESSION, SIGNIFICANT_ROR, SPLIT_SPREAD, UNNAMED_CANDIDATES,
};
use crate::data::{AgeBand, Arm, Sex, Stratum};
use crate::stats::{apportion, Xoshiro256StarStar};

/// The crude depression counts of one cohort; its arm sizes are the published ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Counts {
    pub bont_depression: u64,
    pub control_depression: u64,
}

/// Which of [`UNNAMED_CANDIDATES`] are significant, each set with the same chance. A dataset keeps
/// this choice through all its attempts, so the choice is as likely among datasets as among draws.
pub(crate) fn unnamed_significant(rng: &mut Xoshiro256StarStar) -> Vec<bool> {
    let unnamed = u64::from(SIGNIFICANT) - NAMED_SIGNIFICANT.len() as u64;
    choose(rng, UNNAMED_CANDIDATES.len() as u64, unnamed)
}

/// One attempt: every stratum of a dataset, or `None` when some count has no admissible value.
pub(crate) fn attempt(rng: &mut Xoshiro256StarStar, chosen: &[bool]) -> Option<Vec<Stratum>> {
    let counts = draw_counts(rng, chosen)?;
    strata(&counts, Some(rng))
}

/// The standard normal quantile at 0.975: the z of a 95% interval.
const Z95: f64 = 1.959_963_984_540_054;

/// Interval decisions keep this distance from the boundary on the log scale, so that a last-bit
/// difference between [`ln`] and the platform's logarithm cannot change what
/// [`super::published::check`] concludes.
const MARGIN: f64 = 1e-9;

/// What a cohort's BoNT count must give.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// Significantly lower, with the lowest ROR of the press release's range.
    Lowest,
    /// Significantly lower, with the highest ROR of the range.
    Highest,
    /// Significantly lower, anywhere in the range.
    Within,
    /// An interval that includes 1.
    NotSignificant,
}

fn draw_counts(rng: &mut Xoshiro256StarStar, chosen: &[bool]) -> Option<[Counts; 8]> {
    let significant = |slug: &str| {
        NAMED_SIGNIFICANT.contains(&slug)
            || UNNAMED_CANDIDATES
                .iter()
                .zip(chosen)
                .any(|(candidate, &yes)| yes && *candidate == slug)
    };
    let bladder = BLADDER_TABLES[uniform(rng, BLADDER_TABLES.len() as u64) as usize];

    let mut control = [0_u64; 8];
    for (cohort, control) in COHORT_SIZES.iter().zip(control.iter_mut()) {
        let (low, high) = CONTROL_DEPRESSION_PERCENT;
        let range = (cohort.control * low).div_ceil(100)..=cohort.control * high / 100;
        *control = match cohort.slug {
            BLADDER => bladder.1,
            NO_BONT_DEPRESSION => {
                let wanted = significant(cohort.slug);
                pick(
                    rng,
                    range.filter(|&c| {
                        let woolf = Woolf::of(0, cohort.bont, c, cohort.control - c);
                        if wanted {
                            woolf.below_one()
                        } else {
                            woolf.above_one_at_the_top()
                        }
                    }),
                )?
            }
            _ => range.start() + uniform(rng, range.end() - range.start() + 1),
        };
    }

    // Two of the significant cohorts with BoNT reports take the ends of the published range.
    let in_range: Vec<u64> = (0..8_u64)
        .filter(|&idx| {
            let slug = COHORT_SIZES[idx as usize].slug;
            significant(slug) && slug != NO_BONT_DEPRESSION
        })
        .collect();
    if in_range.len() < 2 {
        return None;
    }
    let lowest_pos = uniform(rng, in_range.len() as u64);
    let mut highest_pos = uniform(rng, in_range.len() as u64 - 1);
    highest_pos += u64::from(highest_pos >= lowest_pos);
    let (lowest, highest) = (
        in_range[lowest_pos as usize],
        in_range[highest_pos as usize],
    );

    let mut res = [Counts {
        bont_depression: 0,
        control_depression: 0,
    }; 8];
    for (idx, cohort) in (0..8_u64).zip(COHORT_SIZES.iter()) {
        let c = control[idx as usize];
        let bont_depression = match cohort.slug {
            BLADDER => bladder.0,
            NO_BONT_DEPRESSION => 0,
            slug => {
                let role = if idx == lowest {
                    Role::Lowest
                } else if idx == highest {
                    Role::Highest
                } else if significant(slug) {
                    Role::Within
                } else {
                    Role::NotSignificant
                };
                pick(rng, admissible(cohort.bont, c, cohort.control - c, role))?
            }
        };
        res[idx as usize] = Counts {
            bont_depression,
            control_depression: c,
        };
    }
    Some(res)
}

/// The BoNT depression counts that give a cohort its role, in increasing order.
fn admissible(n_bont: u64, c: u64, d: u64, role: Role) -> impl Iterator<Item = u64> {
    let (low, high) = match role {
        Role::Lowest => LOWEST_ROR,
        Role::Highest => HIGHEST_ROR,
        Role::Within => SIGNIFICANT_ROR,
        // Every count up to the cap is scanned: the cohorts that can be not significant are small.
        Role::NotSignificant => (0.0, f64::INFINITY),
    };
    // The ROR a·d / ((n − a)·c) grows with a; scan a little beyond the counts that solve it for
    // the ends of the range, and let the exact test below decide.
    let solve = |ratio: f64| {
        let (n, c, d) = (n_bont as f64, c as f64, d as f64);
        ratio * n * c / (d + ratio * c)
    };
    let most = n_bont * BONT_DEPRESSION_MAX_PERCENT / 100;
    let (first, last) = match role {
        Role::NotSignificant => (NOT_SIGNIFICANT_MIN_BONT_DEPRESSION, most),
        _ => (
            (solve(low).floor() as u64).saturating_sub(1).max(1),
            (solve(high).floor() as u64 + 2).min(most),
        ),
    };
    (first..=last).filter(move |&a| {
        let woolf = Woolf::of(a, n_bont - a, c, d);
        let ror = woolf.ror;
        match role {
            Role::Lowest => low <= ror && ror < high && woolf.below_one(),
            Role::Highest | Role::Within => low <= ror && ror <= high && woolf.below_one(),
            Role::NotSignificant => woolf.includes_one(),
        }
    })
}

/// The ROR of a table and its Woolf interval, computed as [`crate::stats::ror`] computes them
/// (0.5 added to each cell of a table with a zero cell), with [`ln`] for the logarithm.
struct Woolf {
    ror: f64,
    ln_ror: f64,
    se: f64,
}

impl Woolf {
    fn of(a: u64, b: u64, c: u64, d: u64) -> Woolf {
        let shift = if a == 0 || b == 0 || c == 0 || d == 0 {
            0.5
        } else {
            0.0
        };
        let (a, b, c, d) = (
            a as f64 + shift,
            b as f64 + shift,
            c as f64 + shift,
            d as f64 + shift,
        );
        let ror = a * d / (b * c);
        Woolf {
            ror,
            ln_ror: ln(ror),
            se: (1.0 / a + 1.0 / b + 1.0 / c + 1.0 / d).sqrt(),
        }
    }

    /// The 95% interval lies wholly below 1.
    fn below_one(&self) -> bool {
        self.ln_ror + Z95 * self.se < -MARGIN
    }

    /// The upper limit of the 95% interval lies above 1.
    fn above_one_at_the_top(&self) -> bool {
        self.ln_ror + Z95 * self.se > MARGIN
    }

    /// The 95% interval includes 1.
    fn includes_one(&self) -> bool {
        self.ln_ror - Z95 * self.se < -MARGIN && self.above_one_at_the_top()
    }
}

/// The natural logarithm from IEEE arithmetic alone, for any positive finite `x`.
///
/// # Formula
///
/// ```text
/// x = m · 2^e with √½ < m ≤ √2,   s = (m − 1)/(m + 1)
/// ln x = e · ln 2 + 2 (s + s³/3 + s⁵/5 + … + s²³/23)
/// ```
///
/// |s| ≤ 0.172, so the first omitted term is below 1e-19 of the sum: as accurate as the platform's
/// `ln` to within a few units in the last place, and the same bits on every platform.
pub(crate) fn ln(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    if x.is_infinite() {
        return x;
    }
    // Subnormals: scale into the normal range first (2^54 is exact).
    let (x, shift) = if x < f64::MIN_POSITIVE {
        (x * 18_014_398_509_481_984.0, -54_i64)
    } else {
        (x, 0)
    };
    let bits = x.to_bits();
    let mut exponent = ((bits >> 52) & 0x7ff) as i64 - 1023 + shift;
    let mut m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    if m > std::f64::consts::SQRT_2 {
        m /= 2.0;
        exponent += 1;
    }
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    // Horner's scheme from the smallest term: 1 + s²/3 + s⁴/5 + … + s²²/23.
    let mut series = 0.0;
    for k in (1..=11_u32).rev() {
        series = series * s2 + 1.0 / f64::from(2 * k + 1);
    }
    let series = series * s2 + 1.0;
    exponent as f64 * std::f64::consts::LN_2 + 2.0 * s * series
}

/// A whole number uniform in `0..bound` (Lemire's multiply-high; `bound` > 0).
fn uniform(rng: &mut Xoshiro256StarStar, bound: u64) -> u64 {
    ((u128::from(rng.next_u64()) * u128::from(bound)) >> 64) as u64
}

/// `k` of `n` items, each set of `k` with the same chance: which are chosen, in item order.
fn choose(rng: &mut Xoshiro256StarStar, n: u64, k: u64) -> Vec<bool> {
    // Selection sampling (Knuth, TAOCP vol. 2, algorithm S).
    let mut res = Vec::new();
    let mut left = k;
    for seen in 0..n {
        let yes = left > 0 && uniform(rng, n - seen) < left;
        left -= u64::from(yes);
        res.push(yes);
    }
    res
}

/// One of the values, each with the same chance; `None` when there is none.
fn pick(rng: &mut Xoshiro256StarStar, values: impl Iterator<Item = u64>) -> Option<u64> {
    let values: Vec<u64> = values.collect();
    if values.is_empty() {
        return None;
    }
    Some(values[uniform(rng, values.len() as u64) as usize])
}

/// Every stratum of the eight cohorts with these counts.
///
/// Each arm's reports are spread over its 24 sex × age-band strata in proportion to its sex and
/// age shares, and its depression reports in proportion to stratum size times the reporting
/// weights, both by largest remainder, exactly as `glabella generate-dataset` does. With `rng`,
/// the shares are first drawn around the calibration's ([`SPLIT_SPREAD`]); without it, they are
/// the calibration's, and the calibration's counts give the embedded dataset.
pub(crate) fn strata(
    counts: &[Counts; 8],
    mut rng: Option<&mut Xoshiro256StarStar>,
) -> Option<Vec<Stratum>> {
    let mut res = Vec::new();
    for ((cohort, split), counts) in COHORT_SIZES.iter().zip(&COHORT_SPLITS).zip(counts) {
        let arms = [
            (Arm::Bont, cohort.bont, counts.bont_depression, split.bont),
            (
                Arm::Control,
                cohort.control,
                counts.control_depression,
                split.control,
            ),
        ];
        for (arm, reports, depression, split) in arms {
            let (sex, age) = shares(&split, rng.as_deref_mut());
            let sizes: Vec<f64> = sex
                .iter()
                .flat_map(|s| age.iter().map(move |a| s * a))
                .collect();
            let sizes = apportion(reports, &sizes)?;
            let depressed = if depression == 0 {
                vec![0; sizes.len()]
            } else {
                let weights: Vec<f64> = (0..24_u32)
                    .zip(&sizes)
                    .map(|(idx, &n)| {
                        n as f64 * SEX_WEIGHTS[(idx / 8) as usize] * AGE_WEIGHTS[(idx % 8) as usize]
                    })
                    .collect();
                apportion(depression, &weights)?
            };
            for ((idx, &n), &d) in (0..24_u32).zip(&sizes).zip(&depressed) {
                if d > n {
                    return None;
                }
                for (flag, count) in [(true, d), (false, n - d)] {
                    if count > 0 {
                        res.push(Stratum {
                            indication: cohort.slug.to_owned(),
                            arm,
                            sex: Sex::ALL[(idx / 8) as usize],
                            age_band: AgeBand::ALL[(idx % 8) as usize],
                            depression: flag,
                            reports: count,
                            extra: Vec::new(),
                        });
                    }
                }
            }
        }
    }
    Some(res)
}

/// An arm's sex and age shares: the calibration's percentages, each multiplied by a factor drawn
/// uniformly in 1 ± [`SPLIT_SPREAD`] when `rng` is given. [`apportion`] scales them to sum to 1.
fn shares(split: &ArmSplit, mut rng: Option<&mut Xoshiro256StarStar>) -> ([f64; 3], [f64; 8]) {
    let mut factor = || match rng.as_deref_mut() {
        Some(rng) => 1.0 + SPLIT_SPREAD * (2.0 * rng.next_f64() - 1.0),
        None => 1.0,
    };
    let sex = split.sex.map(|share| f64::from(share) * factor());
    let age = split.age.map(|share| f64::from(share) * factor());
    (sex, age)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::default_dataset;

    #[test]
    fn the_logarithm_agrees_with_the_platforms() {
        let mut x = 1e-300_f64;
        while x < 1e300 {
            for y in [x, x * 1.37, x * 0.71, x * 1.9999] {
                let (ours, platform) = (ln(y), y.ln());
                assert!(
                    (ours - platform).abs() <= 4.0 * f64::EPSILON * platform.abs().max(1.0),
                    "{y}: {ours} vs {platform}"
                );
            }
            x *= 3.1;
        }
        for y in [1.0, 0.784, 0.12, 0.61, 1e-310, 5e-324] {
            let diff = (ln(y) - y.ln()).abs();
            assert!(diff <= 4.0 * f64::EPSILON * y.ln().abs().max(1.0), "{y}");
        }
        assert_eq!(ln(1.0), 0.0);
        assert_eq!(ln(0.0), f64::NEG_INFINITY);
        assert!(ln(-1.0).is_nan() && ln(f64::NAN).is_nan());
    }

    #[test]
    fn the_calibrations_counts_and_shares_give_the_embedded_dataset() {
        let dataset = default_dataset();
        let counts = COHORT_SIZES.map(|cohort| {
            let table = dataset.table(cohort.slug);
            Counts {
                bont_depression: table.a,
                control_depression: table.c,
            }
        });
        assert_eq!(strata(&counts, None), Some(dataset.strata));
    }

    #[test]
    fn choose_takes_k_items_and_each_item_equally_often() {
        let mut rng = Xoshiro256StarStar::seed_from_u64(5);
        let mut times = [0_u32; 3];
        for _ in 0..3000 {
            let chosen = choose(&mut rng, 3, 2);
            assert_eq!(chosen.iter().filter(|&&yes| yes).count(), 2);
            for (time, yes) in times.iter_mut().zip(chosen) {
                *time += u32::from(yes);
            }
        }
        for time in times {
            assert!((1900..=2100).contains(&time), "{times:?}");
        }
    }
}
