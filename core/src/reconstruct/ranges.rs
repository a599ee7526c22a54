//! The ranges [`super::draw`] draws the unpublished numbers from, each with its reason.
//!
//! Everything the paper publishes is in [`super::published`] and is reproduced exactly; nothing
//! here is published. Each count is drawn uniformly among the whole numbers these ranges and the
//! published constraints allow, so no value inside a range is preferred to another.

/// The cohorts that may be the two significant ones beyond the abstract's four.
///
/// Assumption: which six cohorts were significant is not published (study.md). Bladder's
/// published interval includes 1, so the two are among these three; no source prefers one pair,
/// so each of the three pairs is drawn with the same chance, once per dataset (a draw that fails
/// is drawn again with the same pair, so the pairs stay equally likely among datasets). (The calibration chose torticollis
/// and blepharospasm, for the reasons in `data/calibration.toml`; a significant sialorrhea needs
/// a control arm where depression is reported often enough that 0 of 157 BoNT reports is
/// significantly fewer: at least 58 of 1,174.)
pub const UNNAMED_CANDIDATES: [&str; 3] = ["torticollis", "blepharospasm", "sialorrhea"];

/// The share of control reports that mention depression, in percent: `low..=high`.
///
/// Assumption: not published. Wide enough to hold every share the calibration chose (1.5% for
/// bladder to 9.8% for blepharospasm) with room on either side; narrow enough that depression
/// stays a minority of the reports of patients not taking antidepressants (the study excluded
/// them: study.md). The two bladder tables that reproduce its interval have 1.5%.
pub const CONTROL_DEPRESSION_PERCENT: (u64, u64) = (1, 12);

/// The largest share of BoNT reports that mention depression, in percent.
///
/// Assumption: the reason for [`CONTROL_DEPRESSION_PERCENT`]'s upper end holds for the BoNT arms
/// too. It only binds for a cohort that is not significantly lower; there is no lower end, since
/// a significantly lower cohort may report depression rarely.
pub const BONT_DEPRESSION_MAX_PERCENT: u64 = 12;

/// The range every significant ROR of a cohort with a BoNT report of depression lies in.
///
/// Source: the press release's "40 to 88 percent less often", with the ends of
/// [`super::published::LOWEST_ROR`] and [`super::published::HIGHEST_ROR`]. Two of these cohorts
/// (which two is drawn) take the ends of the range, so that its span is the published one; the
/// others lie anywhere in it.
pub const SIGNIFICANT_ROR: (f64, f64) = (0.115, 0.61);

/// A cohort that is not significantly lower has an interval that includes 1 and at least one
/// BoNT report of depression.
///
/// Assumption: a cohort significantly higher with BoNT, or a second cohort with no report, is
/// something the paper would have described, as it describes sialorrhea's zero and bladder's
/// interval.
pub const NOT_SIGNIFICANT_MIN_BONT_DEPRESSION: u64 = 1;

/// How far a drawn sex or age share may lie from the calibration's, as a fraction of it.
///
/// Assumption: the calibration's splits (`data/calibration.toml`) are illustrative. Each share is
/// multiplied by a factor drawn uniformly between 1 − 0.25 and 1 + 0.25 and the shares are then
/// scaled to sum to 1, so an arm keeps its profile (cosmetic users mostly women, a paediatric
/// share in spasticity) while the confounding by sex and age varies. The reporting weights are
/// the calibration's and are not drawn: they spread an arm's depression reports over its strata
/// and never change a crude count.
pub const SPLIT_SPREAD: f64 = 0.25;

/// The bladder tables (BoNT depression, control depression) that reproduce the published bladder
/// numbers; each is drawn with the same chance.
///
/// Derived from [`super::published`]: every table with the published cohort sizes whose Woolf
/// interval is 0.43 to 1.43 to two decimals and whose ROR lies within 0.015 of 0.77. The test
/// `exactly_two_bladder_tables_reproduce_the_published_numbers` searches them all.
pub const BLADDER_TABLES: [(u64, u64); 2] = [(11, 471), (11, 472)];

/// Draws tried before [`super::draw`] gives up. A draw fails when one of its cohorts has no
/// admissible count left (a small cohort asked for an ROR near 0.6 that it cannot make
/// significant). Over seeds 0 to 1,999 a dataset took 1.9 draws on average and 17 at most, so
/// failing this many times in a row does not happen by chance.
pub const MAX_ATTEMPTS: u32 = 1_000;
