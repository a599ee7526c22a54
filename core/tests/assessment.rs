//! The scorecard's rules, over every grouping of the eight cohorts into the three groups
//! (3⁸ = 6,561), at each confidence level and zero-cell policy, crude and adjusted, and the
//! sentences that say them, in English and in Russian.

use glabella_core::analysis::{analyze, analyze_cohorts, analyze_groups, Analysis};
use glabella_core::assessment::{
    assess, words, Assessment, Basis, Direction, Evidence, Hypothesis, Reading, ReadingFlip,
};
use glabella_core::data::default_dataset;
use glabella_core::i18n::Lang;
use glabella_core::scenario::{Scenario, Site, CI_LEVELS};
use glabella_core::stats::{Level, ZeroCellPolicy};

fn group_direction(analysis: &Analysis, site: Site) -> Option<Direction> {
    let group = analysis.groups.iter().find(|g| g.name == site.code())?;
    group.pooled.map(|pooled| Direction::of(pooled.ci(), 1.0))
}

/// Each reading re-derived from the analysis by the rules of the scorecard.
fn check_rules(analysis: &Analysis, assessment: &Assessment, what: &str) {
    let frown = group_direction(analysis, Site::Frown);
    let no_facial = group_direction(analysis, Site::NoFacial);
    let reading = |h| assessment.finding(h).reading;
    let want_ff_only = match (frown, no_facial) {
        (Some(_), Some(Direction::Below)) => Reading::Against,
        (Some(Direction::Below), Some(Direction::IncludesNull)) => Reading::Consistent,
        _ => Reading::CannotTell,
    };
    assert_eq!(reading(Hypothesis::FfOnly), want_ff_only, "ff_only, {what}");
    let want_ff_adds = match (frown, no_facial, &analysis.contrast) {
        (Some(_), Some(_), Some(contrast)) => match Direction::of(contrast.contrast.ci, 1.0) {
            Direction::Below => Reading::Supports,
            Direction::Above => Reading::Against,
            Direction::IncludesNull => Reading::CannotTell,
        },
        _ => Reading::CannotTell,
    };
    assert_eq!(reading(Hypothesis::FfAdds), want_ff_adds, "ff_adds, {what}");
    let want_systemic = match no_facial {
        Some(Direction::Below) => Reading::Consistent,
        Some(Direction::Above) => Reading::Against,
        _ => Reading::CannotTell,
    };
    assert_eq!(
        reading(Hypothesis::Systemic),
        want_systemic,
        "systemic, {what}"
    );
    let want_dose = match analysis
        .dose
        .regression
        .map(|r| Direction::of(r.slope_ci, 0.0))
    {
        Some(Direction::Below) => Reading::Supports,
        Some(Direction::Above) => Reading::Against,
        _ => Reading::CannotTell,
    };
    assert_eq!(reading(Hypothesis::SystemicDose), want_dose, "dose, {what}");
    let muscle = assessment.finding(Hypothesis::MuscleRelief);
    match &muscle.evidence {
        Evidence::Glands {
            estimate, cohorts, ..
        } => {
            assert!(cohorts
                .iter()
                .all(|c| c == "hyperhidrosis" || c == "sialorrhea"));
            let want = if estimate.ci.high < 1.0 {
                Reading::Against
            } else {
                Reading::CannotTell
            };
            assert_eq!(muscle.reading, want, "muscle relief, {what}");
        }
        _ => assert_eq!(muscle.reading, Reading::CannotTell),
    }
    for h in [Hypothesis::ConditionRelief, Hypothesis::ReportingArtefacts] {
        assert_eq!(reading(h), Reading::NotTestable);
    }
}

/// Parses "… CI 0.12 to 1.66" at the start of `text` into (low, high).
fn interval_after(text: &str) -> Option<(f64, f64)> {
    let mut parts = text.split_whitespace();
    let low: f64 = parts
        .next()?
        .trim_end_matches([',', ')', '.', ';'])
        .parse()
        .ok()?;
    (parts.next()? == "to").then_some(())?;
    let high: f64 = parts
        .next()?
        .trim_end_matches([',', ')', '.', ';', ':'])
        .parse()
        .ok()?;
    Some((low, high))
}

/// No sentence says "lower" or "higher" for an interval that includes 1, or that an interval
/// wholly below 1 includes 1 or is not lower: the words before each interval, back to the
/// previous interval or clause, must match it.
fn check_words(text: &str, what: &str) {
    for forbidden in [
        "no difference",
        "shows no effect",
        "had no effect",
        "not lower",
        "no reduction in",
    ] {
        assert!(!text.contains(forbidden), "{what}: “{forbidden}” in {text}");
    }
    for clause in text.split("; ").flat_map(|c| c.split(". ")) {
        let mut window_start = 0;
        for (at, _) in clause.match_indices("% CI ") {
            let window = &clause[window_start..at];
            window_start = at + 5;
            let Some((low, high)) = interval_after(&clause[at + 5..]) else {
                panic!("{what}: unreadable interval in {clause}");
            };
            if window.contains("slope") {
                continue; // An interval of a slope, around 0: checked through its reading.
            }
            let says_lower = window.contains(" lower") && !window.contains("% lower to");
            let says_higher = window.contains(" higher") && !window.contains("% higher");
            let says_includes = window.contains("includes 1");
            let context = format!("{what}: “{window}” before {low} to {high} in: {text}");
            if low <= 1.0 && 1.0 <= high {
                assert!(!says_lower && !says_higher, "{context}");
            } else if high < 1.0 {
                assert!(!says_higher && !says_includes, "{context}");
            } else {
                assert!(!says_lower && !says_includes, "{context}");
            }
        }
    }
}

/// "0,12 до 1,66" at the start of `text`, after "ДИ от ", into (low, high).
fn interval_after_ru(text: &str) -> Option<(f64, f64)> {
    let number = |word: &str| -> Option<f64> {
        word.trim_end_matches([',', ')', '.', ';', ':'])
            .replace('\u{2212}', "-")
            .replace(',', ".")
            .parse()
            .ok()
    };
    let mut parts = text.split_whitespace();
    (parts.next()? == "от").then_some(())?;
    let low = number(parts.next()?)?;
    (parts.next()? == "до").then_some(())?;
    let high = number(parts.next()?)?;
    Some((low, high))
}

/// Whether the text has one of `words` as a whole word: split at spaces, without punctuation.
fn has_word(text: &str, words: &[&str]) -> bool {
    text.split(' ').any(|token| {
        let token =
            token.trim_matches(|ch: char| ch.is_ascii_punctuation() || ch == '«' || ch == '»');
        words.contains(&token)
    })
}

/// The Russian twin of [`check_words`]: «реже» or «ниже» only before an interval wholly below 1,
/// «чаще» or «выше» only before one wholly above, «включает 1» only before one that does, and
/// never «нет разницы» or its kin.
fn check_words_ru(text: &str, what: &str) {
    // Every phrase ruled out has «не» in it; only the places of «не» are looked at.
    for (at, _) in text.match_indices("не") {
        for forbidden in [
            "нет разницы",
            "нет различий",
            "не отличается",
            "не отличаются",
            "нет эффекта",
            "не ниже",
            "нет снижения",
        ] {
            assert!(
                !text[at..].starts_with(forbidden),
                "{what}: «{forbidden}» in {text}"
            );
        }
        // «эффекта нет» only as the hedge «не показывает, что эффекта нет».
        if text[..at].ends_with("эффекта ") && text[at..].starts_with("нет") {
            assert!(
                text[..at].ends_with("что эффекта "),
                "{what}: «эффекта нет» in {text}"
            );
        }
    }
    for clause in text.split("; ").flat_map(|c| c.split(". ")) {
        let mut window_start = 0;
        for (at, _) in clause.match_indices("% ДИ ") {
            let window = &clause[window_start..at];
            let after = at + "% ДИ ".len();
            window_start = after;
            let Some((low, high)) = interval_after_ru(&clause[after..]) else {
                panic!("{what}: unreadable interval in {clause}");
            };
            if window.contains("наклон") {
                continue; // An interval of a slope, around 0: checked through its reading.
            }
            let says = |list: &[&str]| has_word(window, list);
            let says_lower = says(&["реже", "ниже"]);
            let says_higher = says(&["чаще", "выше"]);
            let says_includes = window.contains("включает 1");
            let context = format!("{what}: «{window}» before {low} to {high} in: {text}");
            if low <= 1.0 && 1.0 <= high {
                assert!(!says_lower && !says_higher, "{context}");
            } else if high < 1.0 {
                assert!(!says_higher && !says_includes, "{context}");
            } else {
                assert!(!says_lower && !says_includes, "{context}");
            }
        }
    }
}

/// Latin words a Russian sentence may use: names of data and measures, and the p of a p-value.
const LATIN_ALLOWED: [&str; 5] = ["FAERS", "Botox", "BoNT", "ROR", "p"];

/// A Russian sentence uses a decimal comma, the Russian for "CI" and no other Latin word.
/// A plain loop over the bytes: the test runs unoptimised over a million sentences.
fn check_russian_form(text: &str, what: &str) {
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut word_start = None;
    while at <= bytes.len() {
        let byte = if at < bytes.len() { bytes[at] } else { b' ' };
        if byte.is_ascii_alphabetic() {
            word_start.get_or_insert(at);
        } else if let Some(start) = word_start.take() {
            let word = &text[start..at];
            assert!(
                LATIN_ALLOWED.contains(&word),
                "{what}: the Latin word “{word}” in {text}"
            );
        }
        if byte == b'.' && at > 0 && at + 1 < bytes.len() {
            assert!(
                !(bytes[at - 1].is_ascii_digit() && bytes[at + 1].is_ascii_digit()),
                "{what}: a decimal point in {text}"
            );
        }
        at += 1;
    }
}

fn every_sentence(lang: Lang, assessment: &Assessment) -> Vec<String> {
    let (first, second) = words::headline(lang, assessment);
    let mut res = vec![first, second, words::dose_sentence(lang, assessment)];
    res.extend(
        assessment
            .findings
            .iter()
            .map(|finding| words::shows(lang, finding, assessment)),
    );
    res
}

#[test]
fn every_grouping_follows_the_rules_in_numbers_and_words() {
    let dataset = default_dataset();
    let slugs: Vec<String> = dataset
        .indications()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut checked = 0;
    for &level in &CI_LEVELS {
        for policy in ZeroCellPolicy::ALL {
            for adjusted in [false, true] {
                let mut base = Scenario::for_dataset(&dataset);
                base.ci_level = Level::new(level).unwrap();
                base.zero_cell = policy;
                base.adjusted = adjusted;
                let cohorts = analyze_cohorts(&dataset, &base.settings()).unwrap();
                for code in 0..3usize.pow(slugs.len() as u32) {
                    let mut scenario = base.clone();
                    let mut rest = code;
                    for slug in &slugs {
                        scenario.move_cohort(slug, Site::ALL[rest % 3]);
                        rest /= 3;
                    }
                    let what = format!(
                        "level {level}, {}, adjusted {adjusted}, {:?}",
                        policy.code(),
                        scenario.assignment
                    );
                    let analysis = analyze_groups(cohorts.clone(), &scenario.settings()).unwrap();
                    let assessment = assess(&analysis, scenario.ci_level, Basis::Reconstruction);
                    check_rules(&analysis, &assessment, &what);
                    let english = every_sentence(Lang::En, &assessment);
                    let russian = every_sentence(Lang::Ru, &assessment);
                    for (english, russian) in english.iter().zip(&russian) {
                        check_words(english, &what);
                        check_words_ru(russian, &what);
                        check_russian_form(russian, &what);
                        assert_ne!(english, russian, "{what}");
                    }
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 6561 * 18);
}

fn assessment_of(scenario: &Scenario) -> Assessment {
    let analysis = analyze(&default_dataset(), &scenario.settings()).unwrap();
    assess(&analysis, scenario.ci_level, Basis::Reconstruction)
}

#[test]
fn at_99_percent_the_headline_matches_the_forest_plot() {
    let mut scenario = Scenario::for_dataset(&default_dataset());
    scenario.ci_level = Level::new(0.99).unwrap();
    let assessment = assessment_of(&scenario);
    let (_, second) = words::headline(Lang::En, &assessment);
    assert!(!second.contains("does not fit facial feedback"), "{second}");
    assert_eq!(
        assessment.finding(Hypothesis::FfOnly).reading,
        Reading::Consistent,
        "{second}"
    );
    assert!(second.contains("99% CI"), "{second}");
    let (_, second) = words::headline(Lang::Ru, &assessment);
    assert!(second.contains("99% ДИ от "), "{second}");
    assert!(second.starts_with("Это согласуется с тем"), "{second}");
}

#[test]
fn counts_by_injection_site_ignore_the_readers_groups() {
    let dataset = default_dataset();
    let mut scenario = Scenario::for_dataset(&dataset);
    for slug in dataset.indications() {
        scenario.move_cohort(slug, Site::NoFacial);
    }
    let assessment = assessment_of(&scenario);
    assert!(assessment.your_groups);
    let (first, second) = words::headline(Lang::En, &assessment);
    assert!(
        first.contains("including 3 of the 5 where no facial muscle is injected"),
        "{first}"
    );
    assert!(second.contains("Put cohorts in both"), "{second}");
    let systemic = words::shows(
        Lang::En,
        assessment.finding(Hypothesis::Systemic),
        &assessment,
    );
    assert!(
        systemic.contains("your no-facial-muscle group"),
        "{systemic}"
    );
    let (first, second) = words::headline(Lang::Ru, &assessment);
    assert!(
        first.contains("в том числе в 3 из 5 когорт без инъекций в мимические мышцы."),
        "{first}"
    );
    assert!(second.starts_with("Чтобы оценить объяснения"), "{second}");
    let systemic = words::shows(
        Lang::Ru,
        assessment.finding(Hypothesis::Systemic),
        &assessment,
    );
    assert!(
        systemic.contains("вашей группе «Без мимических мышц»")
            || systemic.contains("вашей группы «Без мимических мышц»"),
        "{systemic}"
    );
}

#[test]
fn the_default_page_does_not_contradict_itself() {
    let assessment = assessment_of(&Scenario::for_dataset(&default_dataset()));
    let (first, second) = words::headline(Lang::En, &assessment);
    assert!(first
        .starts_with("In this reconstruction (published cohort sizes, assumed depression counts)"));
    // The headline does not claim a systemic explanation fits better: the ratio's interval includes 1.
    assert!(!second.contains("fits a systemic"), "{second}");
    assert_eq!(
        assessment.finding(Hypothesis::FfAdds).reading,
        Reading::CannotTell
    );
    let dose = words::dose_sentence(Lang::En, &assessment);
    assert!(
        dose.starts_with("Against:") && dose.contains("confounded with indication"),
        "{dose}"
    );
    let (first, second) = words::headline(Lang::Ru, &assessment);
    assert!(first.starts_with("В этой реконструкции (опубликованные размеры когорт"));
    assert!(first.contains(" в 6 из 8 когорт, "), "{first}");
    assert!(
        second.starts_with("Это говорит против того, что всё объясняет"),
        "{second}"
    );
    let dose = words::dose_sentence(Lang::Ru, &assessment);
    assert!(
        dose.starts_with("Против: Если сравнить 8 показаний, ") && dose.contains("для 8 показаний"),
        "{dose}"
    );
}

/// Every count printed next to a noun agrees with it, for the counts that pick each of the
/// Russian plural forms: 1 and 21 (one), 2 (few), 5 (many).
#[test]
fn russian_plurals_agree_with_the_counts() {
    let base = assessment_of(&Scenario::for_dataset(&default_dataset()));
    for (count, cohorts, indications, of_indications) in [
        (1, "когорты", "показание", "показания"),
        (2, "когорт", "показания", "показаний"),
        (5, "когорт", "показаний", "показаний"),
        (21, "когорты", "показание", "показания"),
    ] {
        let mut assessment = base.clone();
        assessment.tally.cohorts = count;
        assessment.tally.lower = 1;
        assessment.tally.no_facial = count;
        assessment.tally.no_facial_lower = 0;
        let (first, _) = words::headline(Lang::Ru, &assessment);
        assert!(
            first.contains(&format!(" в 1 из {count} {cohorts}, "))
                && first.contains(&format!(" в 0 из {count} {cohorts} без инъекций")),
            "{first}"
        );
        let (first, _) = words::headline(Lang::En, &assessment);
        assert!(
            first.contains(&format!(" in 1 of {count} cohorts")),
            "{first}"
        );
        for finding in &mut assessment.findings {
            if let Evidence::Slope { k, .. } = &mut finding.evidence {
                *k = count as u64;
            }
        }
        let dose = words::dose_sentence(Lang::Ru, &assessment);
        assert!(
            dose.contains(&format!("Если сравнить {count} {indications}, "))
                && dose.contains(&format!("для {count} {of_indications}, ")),
            "{dose}"
        );
    }
}

/// The words that are not sentences about an interval: titles, predictions, readings, group
/// labels, cohort names and the what-if sentences, all in Russian and none the same as in English.
#[test]
fn every_label_and_flip_sentence_is_russian() {
    let check = |english: &str, russian: &str| {
        assert_ne!(english, russian);
        check_russian_form(russian, english);
        assert!(!russian.is_empty(), "{english}");
    };
    for hypothesis in Hypothesis::ALL {
        check(
            words::title(Lang::En, hypothesis),
            words::title(Lang::Ru, hypothesis),
        );
        check(
            words::prediction(Lang::En, hypothesis),
            words::prediction(Lang::Ru, hypothesis),
        );
        for reading in Reading::ALL {
            let changes = [
                None,
                Some((7, Reading::CannotTell)),
                Some((95, Reading::Supports)),
            ];
            for bont in changes {
                for control in changes {
                    let flip = ReadingFlip {
                        hypothesis,
                        reading,
                        bont,
                        control,
                    };
                    let russian = words::flip_sentence(Lang::Ru, &flip);
                    check(&words::flip_sentence(Lang::En, &flip), &russian);
                    assert!(
                        russian.contains(&format!(
                            ": {}; ",
                            words::reading_word(Lang::Ru, reading).to_lowercase()
                        )),
                        "{russian}"
                    );
                }
            }
        }
    }
    for reading in Reading::ALL {
        check(
            words::reading_word(Lang::En, reading),
            words::reading_word(Lang::Ru, reading),
        );
    }
    for site in Site::ALL {
        check(
            words::site_label(Lang::En, site),
            words::site_label(Lang::Ru, site),
        );
    }
    for (slug, russian, short) in [
        ("cosmetic", "Косметология (морщины)", "Косметология"),
        ("migraine", "Хроническая мигрень", "Хроническая мигрень"),
        ("spasticity", "Спастичность (конечности)", "Спастичность"),
        (
            "torticollis",
            "Кривошея (цервикальная дистония)",
            "Кривошея",
        ),
        ("blepharospasm", "Блефароспазм", "Блефароспазм"),
        ("hyperhidrosis", "Гипергидроз (подмышки)", "Гипергидроз"),
        ("sialorrhea", "Сиалорея (слюнотечение)", "Сиалорея"),
        (
            "bladder",
            "Мочевой пузырь (нарушения мочеиспускания)",
            "Мочевой пузырь",
        ),
    ] {
        assert_eq!(words::cohort_name(Lang::Ru, slug), russian);
        assert_eq!(words::short_name(Lang::Ru, slug), short);
        check(&words::cohort_name(Lang::En, slug), russian);
    }
    // A reader's own cohort is named by its slug, in either language.
    assert_eq!(words::cohort_name(Lang::Ru, "my-cohort"), "my-cohort");
    assert_eq!(
        words::ratio_with_ci(
            Lang::Ru,
            0.45,
            glabella_core::stats::Interval {
                low: 0.3,
                high: 0.67
            },
            Level::new(0.95).unwrap()
        ),
        "0,45 (95% ДИ от 0,30 до 0,67)"
    );
}

#[test]
fn an_adjusted_estimate_for_sialorrhea_follows_the_zero_cell_policy() {
    let dataset = default_dataset();
    let mut scenario = Scenario::for_dataset(&dataset);
    scenario.adjusted = true;
    let sialorrhea = |scenario: &Scenario| {
        let analysis = analyze(&dataset, &scenario.settings()).unwrap();
        analysis
            .cohorts
            .into_iter()
            .find(|c| c.indication == "sialorrhea")
            .unwrap()
    };
    let corrected = sialorrhea(&scenario);
    let (estimate, ci) = corrected.shown();
    assert!(
        estimate.is_some() && ci.is_some_and(|ci| ci.contains(1.0)),
        "{corrected:?}"
    );
    scenario.zero_cell = ZeroCellPolicy::None;
    let uncorrected = sialorrhea(&scenario);
    assert_eq!(uncorrected.shown(), (None, None));
    assert_eq!(
        uncorrected.undefined_reason(),
        Some(glabella_core::analysis::Undefined::NoBontDepression)
    );
}

/// The Russian checks themselves catch what they look for.
#[test]
fn the_russian_checks_catch_a_verb_that_outruns_its_interval() {
    let bad = [
        "О депрессии сообщают реже в когортах, объединённое ROR 0,80 (95% ДИ от 0,50 до 1,20).",
        "О депрессии сообщают чаще в когортах: объединённое ROR 0,40 (95% ДИ от 0,20 до 0,70).",
        "Интервал включает 1 у когорт: объединённое ROR 0,40 (95% ДИ от 0,20 до 0,70).",
        "Между группами нет разницы.",
        "Значит, эффекта нет.",
    ];
    for text in bad {
        let caught = std::panic::catch_unwind(|| check_words_ru(text, "test")).is_err();
        assert!(caught, "{text}");
    }
    check_words_ru(
        "Интервал включает 1 у когорт: объединённое ROR 0,80 (95% ДИ от 0,50 до 1,20). Это не показывает, что эффекта нет.",
        "test",
    );
    for text in [
        "0.45 (95% ДИ от 0,30 до 0,67)",
        "0,45 (95% CI от 0,30 до 0,67)",
    ] {
        let caught = std::panic::catch_unwind(|| check_russian_form(text, "test")).is_err();
        assert!(caught, "{text}");
    }
    check_russian_form(
        "ROR 0,45 (95% ДИ от 0,30 до 0,67), p < 0,001, FAERS.",
        "test",
    );
}
