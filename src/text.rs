//! The page's own sentences: chart summaries. Their words are the `[text]` table of the message
//! files (`i18n/<lang>.toml`), sentences about the hypotheses come from
//! `glabella_core::assessment::words`, numbers from `glabella_core::format`.

use crate::charts::escape_xml as escape;
use crate::lang::LANG;
use glabella_core::analysis::{CohortResult, FlipPoint, Missed, Undefined};
use glabella_core::assessment::words::{flip_sentence, level_label, ratio_with_ci};
use glabella_core::assessment::{Hypothesis, Reading, ReadingFlip};
use glabella_core::format::{count_label, fixed, percent_label};
use glabella_core::i18n::text as words;
use glabella_core::stats::{evalue, evalue_ci, Interval, Level};

pub use glabella_core::assessment::words::{cohort_name, p_label, short_name, site_label};

/// The interval wholly below 1.
fn is_lower(cohort: &CohortResult) -> bool {
    cohort.shown().1.is_some_and(|ci| ci.high < 1.0)
}

/// Why a cohort has no ratio, in words a reader can check against its 2×2 table.
pub fn undefined_text(reason: Undefined) -> &'static str {
    match reason {
        Undefined::NoBontDepression => words::undefined_no_bont_depression(LANG),
        Undefined::NoControlDepression => words::undefined_no_control_depression(LANG),
        Undefined::AllBontDepression | Undefined::AllControlDepression => {
            words::undefined_all_depression(LANG)
        }
        Undefined::NoComparison => words::undefined_no_comparison(LANG),
    }
}

/// A whole percentage, "45%", of a whole number of percent.
fn percent(value: u8) -> String {
    percent_label(LANG, f64::from(value) / 100.0)
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
        (true, false) => words::forest_adjusted_assumed(LANG),
        (true, true) => words::forest_adjusted(LANG),
        (false, _) => words::forest_crude(LANG),
    };
    let total = cohorts.len() as u64;
    let mut res = words::forest_intro(LANG, kind, &level_label(LANG, level));
    res.push(' ');
    res.push_str(&if lower.is_empty() {
        words::forest_none_lower(LANG, total)
    } else {
        words::forest_lower(
            LANG,
            &count_label(LANG, lower.len() as u64),
            total,
            &lower.join(", "),
        )
    });
    let others: Vec<String> = cohorts
        .iter()
        .filter(|c| !is_lower(c))
        .map(|c| match (c.shown(), c.undefined_reason()) {
            ((Some(ratio), Some(ci)), _) => words::forest_other(
                LANG,
                &short_name(LANG, &c.indication),
                &ratio_with_ci(LANG, ratio, ci, level),
            ),
            (_, reason) => words::forest_other_undefined(
                LANG,
                &short_name(LANG, &c.indication),
                reason.map_or(words::undefined_counts(LANG), undefined_text),
            ),
        })
        .collect();
    if !others.is_empty() {
        res.push(' ');
        res.push_str(&words::forest_others(LANG, &others.join("; ")));
    }
    let corrected: Vec<String> = cohorts
        .iter()
        .filter(|c| c.ror.corrected && !adjusted)
        .map(|c| short_name(LANG, &c.indication))
        .collect();
    if !corrected.is_empty() {
        res.push(' ');
        res.push_str(&words::forest_corrected(
            LANG,
            &corrected.join(", "),
            &fixed(LANG, 0.5, 1),
        ));
    }
    if adjusted
        && cohorts.iter().any(|c| {
            c.adjusted
                .as_ref()
                .is_some_and(|adjusted| adjusted.corrected_strata > 0)
        })
    {
        res.push(' ');
        res.push_str(words::forest_corrected_strata(LANG));
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
    let mut res = words::evalue(LANG, &fixed(LANG, point, 2));
    res.push(' ');
    if ci.contains(1.0) {
        res.push_str(words::evalue_includes_one(LANG));
    } else {
        res.push_str(&words::evalue_to_one(LANG, &fixed(LANG, limit, 2)));
    }
    Some(res)
}

/// Where each cohort whose interval lies wholly below 1 would stop doing so, as the Botox
/// reports are taken to have missed more of their depression (`flip_points`).
pub fn flip_note(flips: &[FlipPoint], missed: Missed) -> String {
    if flips.is_empty() {
        return words::flip_none(LANG).to_owned();
    }
    let cohorts: Vec<String> = flips
        .iter()
        .map(|flip| {
            let name = short_name(LANG, &flip.indication);
            match flip.missed_bont {
                Some(share) => words::flip_cohort(LANG, &name, &percent(share)),
                None => words::flip_cohort_never(LANG, &name, &percent(Missed::MAX)),
            }
        })
        .collect();
    let list = cohorts.join(", ");
    if missed.control > 0 {
        words::flip_note_control(LANG, &percent(missed.control), &list)
    } else {
        words::flip_note(LANG, &list)
    }
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
        words::less_often(LANG, &percent_label(LANG, 1.0 - ratio))
    } else if ratio > 1.0 {
        words::more_often(LANG, &percent_label(LANG, ratio - 1.0))
    } else {
        words::equally_often(LANG).to_owned()
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
    #[cfg(not(feature = "ru"))]
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
    #[cfg(not(feature = "ru"))]
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
    #[cfg(not(feature = "ru"))]
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

    #[test]
    fn the_what_if_note_lists_each_cohort_with_its_share() {
        assert_eq!(flip_note(&[], Missed::default()), words::flip_none(LANG));
        let flips = [
            FlipPoint {
                indication: "cosmetic".into(),
                missed_bont: Some(45),
            },
            FlipPoint {
                indication: "migraine".into(),
                missed_bont: None,
            },
        ];
        let list = format!(
            "{}, {}",
            words::flip_cohort(LANG, &short_name(LANG, "cosmetic"), "45%"),
            words::flip_cohort_never(LANG, &short_name(LANG, "migraine"), "95%")
        );
        assert_eq!(
            flip_note(&flips, Missed::default()),
            words::flip_note(LANG, &list)
        );
        let missed = Missed {
            bont: 0,
            control: 10,
        };
        assert_eq!(
            flip_note(&flips, missed),
            words::flip_note_control(LANG, "10%", &list)
        );
        #[cfg(not(feature = "ru"))]
        assert!(flip_note(&flips, missed).contains(
            "share of their depression, the other reports missing 10%: Cosmetic 45%, Chronic migraine not even at 95%."
        ));
    }

    #[test]
    #[cfg(feature = "ru")]
    fn russian_evalues_have_decimal_commas() {
        let ci = Interval {
            low: 0.25,
            high: 0.8,
        };
        assert_eq!(evalue_label(0.5, ci).as_deref(), Some("3,41 (1,81)"));
        let sentence = evalue_sentence(0.5, ci).unwrap();
        assert!(sentence.starts_with("E-значение 3,41: "), "{sentence}");
        assert!(sentence.ends_with("не меньше 1,81."), "{sentence}");
        let wide = Interval {
            low: 0.4,
            high: 1.4,
        };
        assert!(evalue_sentence(0.75, wide)
            .unwrap()
            .ends_with("Интервал уже включает 1."));
        assert_eq!(plain_meaning(0.12), "примерно на 88% реже");
        assert_eq!(plain_meaning(1.35), "примерно на 35% чаще");
    }

    #[test]
    #[cfg(feature = "ru")]
    fn russian_summaries_agree_with_their_counts_and_keep_the_hedge() {
        use crate::charts::tests::{has_decimal_point, stray_latin};
        let scenario = Scenario::for_dataset(&default_dataset());
        let analysis = analyze(&default_dataset(), &scenario.settings()).unwrap();
        let forest = forest_summary(&analysis.cohorts, scenario.ci_level, false, false);
        assert!(
            forest.contains("У 6 из 8 когорт интервал целиком ниже 1"),
            "{forest}"
        );
        assert!(
            forest.contains("не показывает, что разницы нет"),
            "{forest}"
        );
        assert!(forest.contains("прибавлено 0,5"), "{forest}");
        assert!(!has_decimal_point(&forest), "{forest}");
        // Genitive after «из»: one 1, 21 → «когорты»; every other count → «когорт».
        assert!(words::forest_lower(LANG, "1", 1, "").contains("из 1 когорты "));
        assert!(words::forest_lower(LANG, "3", 21, "").contains("из 21 когорты "));
        assert!(words::forest_lower(LANG, "3", 4, "").contains("из 4 когорт "));
        assert!(words::forest_none_lower(LANG, 5).contains("Ни у одной из 5 когорт"));
        let mut scenario = scenario;
        scenario.adjusted = true;
        scenario.zero_cell = ZeroCellPolicy::None;
        let analysis = analyze(&default_dataset(), &scenario.settings()).unwrap();
        let forest = forest_summary(&analysis.cohorts, scenario.ci_level, true, false);
        assert!(
            forest.contains("разбивка по полу и возрасту — допущение"),
            "{forest}"
        );
        assert!(
            forest.contains("ROR не определено — ни в одном сообщении о ботоксе"),
            "{forest}"
        );
        assert!(
            !forest_summary(&analysis.cohorts, scenario.ci_level, true, true).contains("допущение")
        );
        // Words of this file's own sentences (the ratios with their intervals are the core's).
        let own: String = forest
            .split("; ")
            .filter(|part| !part.contains("ROR 0") && !part.contains("ROR 1"))
            .collect();
        assert_eq!(stray_latin(&own), Vec::<String>::new(), "{forest}");
    }

    /// Every Russian message of the charts and of this file: no Latin word outside the
    /// allow-list, no decimal point, and Russian quotes rather than English ones.
    #[test]
    fn russian_messages_have_no_stray_latin_words() {
        use crate::charts::tests::{has_decimal_point, stray_latin};
        use glabella_core::i18n::{dose_chart, forest_chart, text};
        let tables = [
            forest_chart::TEMPLATES,
            dose_chart::TEMPLATES,
            text::TEMPLATES,
        ];
        for (key, [_, message]) in tables.into_iter().flatten() {
            // Placeholders name values, in code.
            let words: String = message
                .split('{')
                .map(|part| part.split_once('}').map_or(part, |(_, rest)| rest))
                .collect();
            assert_eq!(stray_latin(&words), Vec::<String>::new(), "{key}");
            assert!(!has_decimal_point(&words), "{key}");
            assert!(!words.contains(['“', '”']), "{key}");
        }
    }
}
