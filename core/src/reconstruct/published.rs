//! What Makunts, Wollmer and Abagyan (Sci Rep 2020;10:12851) publish about their counts, as
//! constants and as one check that a dataset honours all of them.
//!
//! The embedded dataset passes [`check`], and so does every dataset [`super::draw`] makes.
//! Each constant names its source; where a published number had to be read before it could be
//! checked, the doc comment says how it was read and why.

use crate::data::Dataset;
use crate::format::fixed;
use crate::i18n::Lang;
use crate::stats::{ror, Level, Table2x2, ZeroCellPolicy};

/// The report counts of one cohort's two arms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CohortSize {
    pub slug: &'static str,
    pub bont: u64,
    pub control: u64,
}

const fn size(slug: &'static str, bont: u64, control: u64) -> CohortSize {
    CohortSize {
        slug,
        bont,
        control,
    }
}

/// The eight cohorts in the paper's order, with their BoNT and control report counts.
///
/// Source: the legend of Figure 3, <https://pmc.ncbi.nlm.nih.gov/articles/PMC7393507/figure/Fig3>.
pub const COHORT_SIZES: [CohortSize; 8] = [
    size("cosmetic", 20_684, 1_214),
    size("migraine", 4_180, 56_675),
    size("spasticity", 2_335, 45_824),
    size("torticollis", 1_360, 6_765),
    size("blepharospasm", 487, 153),
    size("hyperhidrosis", 601, 712),
    size("sialorrhea", 157, 1_174),
    size("bladder", 915, 30_827),
];

/// The cohort with no depression report in its BoNT arm.
///
/// Source: the paper's results, <https://pmc.ncbi.nlm.nih.gov/articles/PMC7393507/>.
pub const NO_BONT_DEPRESSION: &str = "sialorrhea";

/// The cohort whose ROR the paper gives: 0.77 [0.43, 1.43], not significant.
///
/// Source: the paper's results. Read with Woolf's interval at 95%, as the field computes it
/// (study.md), both limits to two decimals.
pub const BLADDER: &str = "bladder";
/// The bladder interval's limits to two decimals, in hundredths (source: the paper's results).
pub const BLADDER_CI_HUNDREDTHS: (u32, u32) = (43, 143);
/// The bladder ROR (source: the paper's results).
pub const BLADDER_ROR: f64 = 0.77;
/// How far the bladder ROR may lie from 0.77.
///
/// Assumption: the published interval is not symmetric around 0.77 on the log scale (its
/// geometric midpoint is 0.784), so no integer table gives all three numbers by Woolf; the tables
/// that give both limits have RORs 0.7826 and 0.7842, within 0.015.
pub const BLADDER_ROR_TOLERANCE: f64 = 0.015;

/// The cohorts the abstract names as reporting depression significantly less often with BoNT.
///
/// Source: the abstract, <https://pmc.ncbi.nlm.nih.gov/articles/PMC7393507/>.
pub const NAMED_SIGNIFICANT: [&str; 4] = ["cosmetic", "migraine", "spasticity", "hyperhidrosis"];

/// How many of the eight cohorts report depression significantly less often with BoNT.
///
/// Source: the press release of UC San Diego (2020): "six of the eight". Significant is read as
/// a 95% Woolf interval wholly below 1, with 0.5 added to each cell of a table with a zero cell
/// (Haldane–Anscombe, the usual fix: study.md). Which two beyond the abstract's four is not
/// published; the bladder interval rules bladder out, so they are two of torticollis,
/// blepharospasm and sialorrhea.
pub const SIGNIFICANT: u32 = 6;

/// Where the lowest significant ROR lies: `low <= ror < high`.
///
/// Source: the press release's "40 to 88 percent less often", read as the span of the significant
/// RORs; 88 percent less is an ROR of 0.12, to two decimals.
pub const LOWEST_ROR: (f64, f64) = (0.115, 0.125);

/// Where the highest significant ROR lies: `low <= ror <= high`.
///
/// Source: the same sentence; 40 percent less is an ROR of 0.60. Assumption: a press release may
/// round 39 to 45 percent to "40", so 0.55 to 0.61.
pub const HIGHEST_ROR: (f64, f64) = (0.55, 0.61);

/// Checks that a dataset reproduces every published number above.
///
/// The press release's range is applied to the significant cohorts that have a BoNT report of
/// depression. Assumption: a cohort with none has no "percent less often" to report (its ratio
/// is 0, or whatever the zero-cell correction makes it), so the range cannot have been meant to
/// cover it; this only matters if sialorrhea is one of the six.
///
/// # Errors
///
/// A sentence naming the first constraint the dataset breaks.
pub fn check(dataset: &Dataset) -> Result<(), String> {
    let slugs = dataset.indications();
    let expected: Vec<&str> = COHORT_SIZES.iter().map(|cohort| cohort.slug).collect();
    if slugs != expected {
        return Err(format!(
            "the cohorts are {}, not the published eight in their order ({})",
            slugs.join(", "),
            expected.join(", ")
        ));
    }
    for cohort in COHORT_SIZES {
        let table = dataset.table(cohort.slug);
        if (table.n_bont(), table.n_control()) != (cohort.bont, cohort.control) {
            return Err(format!(
                "{} has {} BoNT and {} control reports; Figure 3 gives {} and {}",
                cohort.slug,
                table.n_bont(),
                table.n_control(),
                cohort.bont,
                cohort.control
            ));
        }
    }

    let sialorrhea = dataset.table(NO_BONT_DEPRESSION);
    if sialorrhea.a != 0 {
        return Err(format!(
            "{NO_BONT_DEPRESSION} has {} BoNT reports of depression; the paper reports none",
            sialorrhea.a
        ));
    }

    let bladder = woolf(dataset.table(BLADDER));
    let hundredths = |x: f64| (x * 100.0).round();
    let (low, high) = BLADDER_CI_HUNDREDTHS;
    let matches = bladder.estimate.is_some_and(|estimate| {
        (estimate - BLADDER_ROR).abs() < BLADDER_ROR_TOLERANCE
            && bladder.ci.is_some_and(|ci| {
                hundredths(ci.low) == f64::from(low) && hundredths(ci.high) == f64::from(high)
            })
    });
    if !matches {
        return Err(format!(
            "the {BLADDER} ROR is {} [{}, {}]; the paper gives 0.77 [0.43, 1.43]",
            label(bladder.estimate),
            label(bladder.ci.map(|ci| ci.low)),
            label(bladder.ci.map(|ci| ci.high))
        ));
    }

    let significant: Vec<(&str, Table2x2, f64)> = COHORT_SIZES
        .iter()
        .filter_map(|cohort| {
            let table = dataset.table(cohort.slug);
            let res = woolf(table);
            let below = res.ci.is_some_and(|ci| ci.high < 1.0);
            below
                .then(|| res.estimate.map(|estimate| (cohort.slug, table, estimate)))
                .flatten()
        })
        .collect();
    let names: Vec<&str> = significant.iter().map(|(slug, _, _)| *slug).collect();
    if names.len() as u32 != SIGNIFICANT {
        return Err(format!(
            "{} cohorts are significantly lower ({}); the press release says {SIGNIFICANT}",
            names.len(),
            names.join(", ")
        ));
    }
    if let Some(missing) = NAMED_SIGNIFICANT
        .iter()
        .find(|named| !names.contains(named))
    {
        return Err(format!(
            "{missing} is not significantly lower; the abstract says it is"
        ));
    }

    let rors: Vec<f64> = significant
        .iter()
        .filter(|(_, table, _)| table.a > 0)
        .map(|(_, _, estimate)| *estimate)
        .collect();
    let lowest = rors.iter().copied().fold(f64::INFINITY, f64::min);
    let highest = rors.iter().copied().fold(0.0, f64::max);
    if !(LOWEST_ROR.0 <= lowest && lowest < LOWEST_ROR.1) {
        return Err(format!(
            "the lowest significant ROR is {}, not 0.12 (88 percent less often)",
            fixed(Lang::En, lowest, 3)
        ));
    }
    if !(HIGHEST_ROR.0 <= highest && highest <= HIGHEST_ROR.1) {
        return Err(format!(
            "the highest significant ROR is {}, not about 0.60 (40 percent less often)",
            fixed(Lang::En, highest, 3)
        ));
    }
    Ok(())
}

/// The ROR as the paper's field computes it: Woolf at 95%, Haldane–Anscombe for a zero cell.
fn woolf(table: Table2x2) -> crate::stats::RatioEstimate {
    ror(table, ZeroCellPolicy::Haldane, Level::NINETY_FIVE)
}

fn label(value: Option<f64>) -> String {
    value.map_or_else(|| "undefined".to_owned(), |x| fixed(Lang::En, x, 3))
}
