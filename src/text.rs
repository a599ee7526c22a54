//! The page's own sentences: chart summaries. Sentences about the hypotheses come from
//! `glabella_core::assessment::words`, numbers from `glabella_core::format`.

use crate::charts::escape_xml as escape;
use crate::lang::LANG;
use glabella_core::analysis::{CohortResult, FlipPoint, Missed, Undefined};
use glabella_core::assessment::words::{flip_sentence, level_label, ratio_with_ci};
use glabella_core::assessment::{Hypothesis, Reading, ReadingFlip};
use glabella_core::format::fixed;
use glabella_core::stats::{evalue, evalue_ci, Interval, Level};

pub use glabella_core::assessment::words::{cohort_name, p_label, short_name, site_label};

/// The interval wholly below 1.
fn is_lower(cohort: &CohortResult) -> bool {
    cohort.shown().1.is_some_and(|ci| ci.high < 1.0)
}

/// Why a cohort has no ratio, in words a reader can check against its 2×2 table.
pub fn undefined_text(reason: Undefined) -> &'static str {
    match reason {
        Undefined::NoBontDepression => "no Botox report mentions depression, so the ratio is 0 and its interval has no lower end; choose “Add 0.5 where a cell is 0” to estimate it",
        Undefined::NoControlDepression => "no control report mentions depression, so the ratio has no upper end; choose “Add 0.5 where a cell is 0” to estimate it",
        Undefined::AllBontDepression | Undefined::AllControlDepression => "every report in one arm mentions depression; choose “Add 0.5 where a cell is 0” to estimate it",
        Undefined::NoComparison => "no sex and age group has reports in both arms to compare",
    }
}

/// The forest plot's text alternative.
///
/// `own_data`: the reader's file, whose sex and age are its own, not assumed.
pub fn forest_summary(
    cohorts: &[CohortResult],
    level: Level,
    adjusted: bool,
    own_data: bool,
) -> String {
    let lower: Vec<String> = cohorts
        .iter()
        .filter(|c| is_lower(c))
        .map(|c| short_name(LANG, &c.indication))
        .collect();
    let kind = match (adjusted, own_data) {
        (true, false) => "adjusted for sex and age band (Mantel–Haenszel; the sex and age splits are assumptions)",
        (true, true) => "adjusted for sex and age band (Mantel–Haenszel)",
        (false, _) => "crude",
    };
    let mut res = format!(
        "Reporting odds ratios, {kind}, with {} intervals. {} of {} cohorts have an interval wholly below 1, meaning depression was mentioned less often in Botox reports than in reports of other treatments for the same condition: {}.",
        level_label(LANG, level),
        lower.len(),
        cohorts.len(),
        lower.join(", ")
    );
    let others: Vec<String> = cohorts
        .iter()
        .filter(|c| !is_lower(c))
        .map(|c| match (c.shown(), c.undefined_reason()) {
            ((Some(ratio), Some(ci)), _) => format!(
                "{}, ROR {}",
                short_name(LANG, &c.indication),
                ratio_with_ci(LANG, ratio, ci, level)
            ),
            (_, reason) => format!(
                "{}, not defined: {}",
                short_name(LANG, &c.indication),
                reason.map_or("the counts do not allow it", undefined_text)
            ),
        })
        .collect();
    if !others.is_empty() {
        res.push_str(&format!(
            " The others: {}. An interval that includes 1 leaves the difference open; it does not show there is none.",
            others.join("; ")
        ));
    }
    let corrected: Vec<String> = cohorts
        .iter()
        .filter(|c| c.ror.corrected && !adjusted)
        .map(|c| short_name(LANG, &c.indication))
        .collect();
    if !corrected.is_empty() {
        res.push_str(&format!(
            " Where a cell is zero ({}), 0.5 was added to every cell of that comparison.",
            corrected.join(", ")
        ));
    }
    if adjusted
        && cohorts.iter().any(|c| {
            c.adjusted
                .as_ref()
                .is_some_and(|adjusted| adjusted.corrected_strata > 0)
        })
    {
        res.push_str(" Where sex and age groups have a zero cell, half a report per cell was shared among them.");
    }
    res
}

/// The E-values of a ratio and of its interval limit nearest 1 (VanderWeele and Ding 2017), as
/// "3.21 (1.84)", or `None` when the ratio is not defined.
pub fn evalue_label(ratio: f64, ci: Interval) -> Option<String> {
    Some(format!(
        "{} ({})",
        fixed(LANG, evalue(ratio)?, 2),
        fixed(LANG, evalue_ci(ci)?, 2)
    ))
}

/// What the E-values of a ratio mean, in one or two sentences.
pub fn evalue_sentence(ratio: f64, ci: Interval) -> Option<String> {
    let (point, limit) = (evalue(ratio)?, evalue_ci(ci)?);
    let mut res = format!(
        "E-value {}: to explain this ratio away, a factor these reports do not record would have to be linked both to Botox use and to depression being reported, each by a risk ratio of at least {}.",
        fixed(LANG, point, 2),
        fixed(LANG, point, 2)
    );
    if ci.contains(1.0) {
        res.push_str(" The interval already includes 1.");
    } else {
        res.push_str(&format!(
            " To move the interval to include 1, at least {} each.",
            fixed(LANG, limit, 2)
        ));
    }
    Some(res)
}

/// Where each cohort whose interval lies wholly below 1 would stop doing so, as the Botox
/// reports are taken to have missed more of their depression (`flip_points`).
pub fn flip_note(flips: &[FlipPoint], missed: Missed) -> String {
    if flips.is_empty() {
        return "With these settings no cohort's interval lies wholly below 1.".to_owned();
    }
    let cohorts: Vec<String> = flips
        .iter()
        .map(|flip| match flip.missed_bont {
            Some(percent) => format!("{} {percent}%", short_name(LANG, &flip.indication)),
            None => format!(
                "{} not even at {}%",
                short_name(LANG, &flip.indication),
                Missed::MAX
            ),
        })
        .collect();
    let control = if missed.control > 0 {
        format!(", the other reports missing {}%", missed.control)
    } else {
        String::new()
    };
    format!(
        "Restored, the missed reports are counted as mentioning depression. For an interval now wholly below 1 to reach 1, the Botox reports would have to have missed at least this share of their depression{control}: {}. Depression missed in the other reports lowers every ratio instead.",
        cohorts.join(", ")
    )
}

/// Where each reading would change under the what-if, as a list in escaped markup: for each
/// hypothesis (scorecard order) four numbers, the share missed by the Botox reports at which its
/// reading changes and the reading's index in `Reading::ALL`, then the same for the control
/// reports; −1 where it does not change up to [`Missed::MAX`].
pub fn reading_flips_markup(values: &[i16], readings: &[Reading]) -> String {
    let mut res = String::from("<ul class=\"flip-list\" id=\"reading-flips\">");
    for (index, (&hypothesis, &reading)) in Hypothesis::ALL.iter().zip(readings).enumerate() {
        let at = |slot: usize| values.get(index * 4 + slot).copied().unwrap_or(-1);
        let change = |percent: i16, to: i16| match (u8::try_from(percent), usize::try_from(to)) {
            (Ok(percent), Ok(to)) => Reading::ALL.get(to).map(|&to| (percent, to)),
            _ => None,
        };
        let flip = ReadingFlip {
            hypothesis,
            reading,
            bont: change(at(0), at(1)),
            control: change(at(2), at(3)),
        };
        res.push_str(&format!("<li>{}</li>", escape(&flip_sentence(LANG, &flip))));
    }
    res.push_str("</ul>");
    res
}

/// The plain meaning of one ROR: "about 88% less often".
pub fn plain_meaning(ratio: f64) -> String {
    if ratio < 1.0 {
        format!(
            "about {}% less often",
            fixed(LANG, (1.0 - ratio) * 100.0, 0)
        )
    } else if ratio > 1.0 {
        format!(
            "about {}% more often",
            fixed(LANG, (ratio - 1.0) * 100.0, 0)
        )
    } else {
        "equally often".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use glabella_core::analysis::analyze;
    use glabella_core::data::default_dataset;
    use glabella_core::scenario::Scenario;
    use glabella_core::stats::ZeroCellPolicy;

    #[test]
    fn evalues_say_what_a_hidden_factor_would_need_and_never_more() {
        // ROR 0.5 (0.25 to 0.8): RR* = 2, E = 2 + √2 = 3.41; limit 0.8: RR* = 1.25, E = 1.25 + √0.3125 = 1.81.
        let ci = Interval {
            low: 0.25,
            high: 0.8,
        };
        assert_eq!(evalue_label(0.5, ci).as_deref(), Some("3.41 (1.81)"));
        let sentence = evalue_sentence(0.5, ci).unwrap();
        assert!(sentence.starts_with("E-value 3.41: "), "{sentence}");
        assert!(sentence.ends_with("at least 1.81 each."), "{sentence}");
        // An interval that includes 1 needs no hidden factor to reach 1.
        let wide = Interval {
            low: 0.4,
            high: 1.4,
        };
        assert_eq!(evalue_label(0.75, wide).as_deref(), Some("2.00 (1.00)"));
        assert!(evalue_sentence(0.75, wide)
            .unwrap()
            .ends_with("The interval already includes 1."));
        assert_eq!(evalue_label(0.0, wide), None);
    }

    #[test]
    fn summaries_name_the_cohorts_and_the_caveat() {
        let scenario = Scenario::for_dataset(&default_dataset());
        let analysis = analyze(&default_dataset(), &scenario.settings()).unwrap();
        let forest = forest_summary(&analysis.cohorts, scenario.ci_level, false, false);
        assert!(
            forest.contains("6 of 8 cohorts") && forest.contains("Cosmetic"),
            "{forest}"
        );
        assert!(
            forest.contains("Bladder disorders, ROR 0.78 (95% CI 0.43 to 1.43)"),
            "{forest}"
        );
        assert_eq!(plain_meaning(0.12), "about 88% less often");
    }

    #[test]
    fn an_undefined_adjusted_ratio_says_why() {
        let mut scenario = Scenario::for_dataset(&default_dataset());
        scenario.adjusted = true;
        scenario.zero_cell = ZeroCellPolicy::None;
        let analysis = analyze(&default_dataset(), &scenario.settings()).unwrap();
        let forest = forest_summary(&analysis.cohorts, scenario.ci_level, true, false);
        assert!(
            !forest_summary(&analysis.cohorts, scenario.ci_level, true, true)
                .contains("assumptions")
        );
        assert!(
            forest.contains("Sialorrhea, not defined: no Botox report mentions depression"),
            "{forest}"
        );
        assert!(forest.contains("splits are assumptions"), "{forest}");
    }
}
