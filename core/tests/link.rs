//! Scenario links: round trip, canonical encoding, total decoding, every notice, presets.

use glabella_core::analysis::{GroupModel, Missed};
use glabella_core::data::default_dataset;
use glabella_core::i18n::Lang;
use glabella_core::scenario::link::{
    decode, encode, Embed, Lesson, Link, Notice, Theme, View, LESSON_STEPS,
};
use glabella_core::scenario::presets::presets;
use glabella_core::scenario::{Scenario, Site, CI_LEVELS};
use glabella_core::stats::{Level, ZeroCellPolicy};
use proptest::prelude::*;

fn link_strategy() -> impl Strategy<Value = Link> {
    let sites = prop::collection::vec(0usize..3, 8);
    (
        0usize..3,
        0usize..3,
        any::<bool>(),
        any::<bool>(),
        sites,
        prop::option::of(0usize..5),
        0usize..3,
        any::<bool>(),
        prop::option::of(0usize..2),
        (
            prop::option::of(prop_oneof![Just(1u64), any::<u64>()]),
            0u8..=Missed::MAX,
            0u8..=Missed::MAX,
        ),
        prop::option::of((1u8..=LESSON_STEPS, any::<bool>())),
    )
        .prop_map(
            |(
                ci,
                zero,
                adjusted,
                separate,
                sites,
                embed,
                theme,
                controls,
                lang,
                (seed, bont, control),
                lesson,
            )| {
                let dataset = default_dataset();
                let mut scenario = Scenario::for_dataset(&dataset);
                scenario.ci_level = Level::new(CI_LEVELS[ci]).unwrap();
                scenario.zero_cell = ZeroCellPolicy::ALL[zero];
                scenario.adjusted = adjusted;
                scenario.pooling = if separate {
                    GroupModel::Separate
                } else {
                    GroupModel::SharedTau2
                };
                for (slug, site) in dataset.indications().iter().zip(sites) {
                    scenario.move_cohort(slug, Site::ALL[site]);
                }
                scenario.sensitivity_seed = seed;
                scenario.missed = Missed { bont, control };
                Link {
                    scenario,
                    view: View {
                        embed: embed.map(|idx| Embed::ALL[idx]),
                        theme: Theme::ALL[theme],
                        controls,
                        lang: lang.map(|idx| Lang::ALL[idx]),
                        lesson: lesson.map(|(step, teacher)| Lesson { step, teacher }),
                    },
                }
            },
        )
}

proptest! {
    #[test]
    fn every_link_survives_a_round_trip_with_no_notice(link in link_strategy()) {
        let dataset = default_dataset();
        let query = encode(&link, &dataset);
        let (back, notices) = decode(&query, &dataset);
        prop_assert_eq!(&back, &link, "{}", query);
        prop_assert!(notices.is_empty(), "{:?}", notices);
        // Canonical: encoding the decoded link gives the same string.
        prop_assert_eq!(encode(&back, &dataset), query);
    }

    #[test]
    fn any_string_decodes_to_a_valid_link(query in ".{0,200}") {
        let dataset = default_dataset();
        let (link, notices) = decode(&query, &dataset);
        prop_assert_eq!(link.scenario.assignment.len(), 8);
        for notice in &notices {
            prop_assert!(!notice.to_string().is_empty());
        }
    }

    #[test]
    fn mutated_links_decode_to_valid_links(
        link in link_strategy(),
        cut in 0usize..200,
        junk in "[&=%,a-z0-9_+]{0,12}",
    ) {
        let dataset = default_dataset();
        let mut query = encode(&link, &dataset);
        let at = query.char_indices().map(|(idx, _)| idx).nth(cut % (query.len() + 1)).unwrap_or(query.len());
        query.insert_str(at, &junk);
        let (decoded, _) = decode(&query, &dataset);
        prop_assert_eq!(decoded.scenario.assignment.len(), 8);
    }
}

#[test]
fn the_default_page_has_a_clean_url() {
    let dataset = default_dataset();
    let link = Link {
        scenario: Scenario::for_dataset(&dataset),
        view: View::page(),
    };
    assert_eq!(encode(&link, &dataset), "");
    assert_eq!(decode("", &dataset), (link, Vec::new()));
}

#[test]
fn a_link_reads_as_the_contract_says() {
    let dataset = default_dataset();
    let (link, notices) = decode(
        "https://example.org/glabella/?v=1&data=2020-makunts-reconstruction-1.0.0&ci=99&zero=none&adjust=sex%2Cage_band&pool=separate&no_facial=migraine&embed=forest&theme=dark&controls=0#workbench",
        &dataset,
    );
    assert_eq!(notices, Vec::new());
    let scenario = &link.scenario;
    assert_eq!(scenario.ci_level, Level::new(0.99).unwrap());
    assert_eq!(scenario.zero_cell, ZeroCellPolicy::None);
    assert!(scenario.adjusted);
    assert_eq!(scenario.pooling, GroupModel::Separate);
    assert_eq!(scenario.site_of("migraine"), Some(Site::NoFacial));
    assert_eq!(scenario.site_of("cosmetic"), Some(Site::Frown));
    assert_eq!(link.view.embed, Some(Embed::Forest));
    assert_eq!(link.view.theme, Theme::Dark);
    assert!(!link.view.controls);
    assert_eq!(
        encode(&link, &dataset),
        "v=1&data=2020-makunts-reconstruction-1.0.0&ci=99&zero=none&adjust=sex,age_band&pool=separate&no_facial=migraine&embed=forest&theme=dark&controls=0"
    );
}

#[test]
fn every_notice_names_its_key_and_says_what_is_shown() {
    let dataset = default_dataset();
    let cases: [(&str, &str, &str); 23] = [
        (
            "mode=compare",
            "mode",
            "`mode=compare` is not a value this page offers; showing the explainer.",
        ),
        (
            "mode=lesson&step=99",
            "step",
            "`step=99` is not a value this page offers; showing step 1.",
        ),
        ("mode=lesson&step=0", "step", "showing step 1"),
        (
            "mode=lesson&teacher=yes",
            "teacher",
            "`teacher=yes` is not a value this page offers; showing the lesson without the teacher's notes.",
        ),
        (
            "step=3",
            "step",
            "`step=3` is for lessons (`mode=lesson`); it was ignored.",
        ),
        ("teacher=1&ci=90", "teacher", "is for lessons"),
        (
            "missed_bont=96",
            "missed_bont",
            "`missed_bont=96` is not a value this page offers; showing none missed.",
        ),
        ("missed_control=x", "missed_control", "showing none missed"),
        (
            "seed=-3",
            "seed",
            "`seed=-3` is not a value this page offers; showing no reconstructions.",
        ),
        (
            "seed=18446744073709551616",
            "seed",
            "showing no reconstructions",
        ),
        (
            "ci=97",
            "ci",
            "`ci=97` is not a value this page offers; showing 95%.",
        ),
        (
            "zero=sometimes",
            "zero",
            "showing “Add 0.5 where a cell is 0”",
        ),
        ("adjust=sex", "adjust", "showing the crude comparison"),
        (
            "pool=mixed",
            "pool",
            "showing one model with a shared variance",
        ),
        ("embed=map", "embed", "showing the whole page"),
        ("theme=pink", "theme", "showing your system's colours"),
        ("controls=maybe", "controls", "showing the controls"),
        (
            "colour=red",
            "colour",
            "`colour` is not a setting of this page",
        ),
        (
            "frown=kidney",
            "frown",
            "`frown` names `kidney`, which is not a cohort",
        ),
        (
            "frown=migraine&no_facial=migraine",
            "cohorts",
            "`migraine` is named more than once",
        ),
        (
            "data=2019-old",
            "data",
            "This link was made with dataset `2019-old`",
        ),
        ("v=7", "v", "`v=7` is not a link version this page knows"),
        (
            "ci=90&ci=99",
            "ci",
            "`ci` is given more than once; the first one is used.",
        ),
    ];
    for (query, key, message) in cases {
        let (link, notices) = decode(query, &dataset);
        assert_eq!(notices.len(), 1, "{query}: {notices:?}");
        assert_eq!(notices[0].key(), key, "{query}");
        assert!(
            notices[0].to_string().contains(message),
            "{query}: {}",
            notices[0]
        );
        assert_eq!(link.scenario.assignment.len(), 8);
    }
    // A cohort named twice stays where the catalog puts it.
    let (link, _) = decode("frown=migraine&no_facial=migraine", &dataset);
    assert_eq!(link.scenario.site_of("migraine"), Some(Site::Frown));
    // The first of two values wins.
    let (link, _) = decode("ci=90&ci=99", &dataset);
    assert_eq!(link.scenario.ci_level, Level::new(0.90).unwrap());
    // Markup in a link stays text in its notice.
    let (_, notices) = decode("%3Cimg%20src%3Dx%3E=1", &dataset);
    assert!(matches!(&notices[0], Notice::UnknownKey { key } if key == "<img src=x>"));
}

#[test]
fn presets_have_distinct_links_that_decode_to_their_scenarios() {
    let dataset = default_dataset();
    let presets = presets(&dataset);
    assert!(presets.len() >= 6);
    let mut queries: Vec<String> = presets.iter().map(|p| p.query(&dataset)).collect();
    for (preset, query) in presets.iter().zip(&queries) {
        let (link, notices) = decode(query, &dataset);
        assert!(notices.is_empty(), "{}: {notices:?}", preset.id);
        assert_eq!(link.scenario, preset.scenario, "{}", preset.id);
    }
    assert_eq!(queries[0], "", "the paper's view is the default page");
    assert_eq!(
        queries[1],
        "v=1&data=2020-makunts-reconstruction-1.0.0&no_facial=migraine"
    );
    queries.sort();
    queries.dedup();
    assert_eq!(
        queries.len(),
        presets.len(),
        "every preset has its own link"
    );
}

#[test]
fn a_link_may_ask_for_english_or_russian() {
    let dataset = default_dataset();
    for lang in Lang::ALL {
        let query = format!("lang={}", lang.code());
        let (link, notices) = decode(&query, &dataset);
        assert_eq!(notices, Vec::new(), "{query}");
        assert_eq!(link.view.lang, Some(lang));
        let encoded = encode(&link, &dataset);
        assert_eq!(
            encoded,
            format!(
                "v=1&data=2020-makunts-reconstruction-1.0.0&lang={}",
                lang.code()
            )
        );
        assert_eq!(decode(&encoded, &dataset), (link, Vec::new()));
    }
    // In the canonical place: after the other view keys.
    let (link, _) = decode("lang=ru&controls=0&theme=dark&ci=90", &dataset);
    assert_eq!(
        encode(&link, &dataset),
        "v=1&data=2020-makunts-reconstruction-1.0.0&ci=90&theme=dark&controls=0&lang=ru"
    );
}

#[test]
fn another_language_falls_back_to_the_page_s() {
    let dataset = default_dataset();
    for value in ["de", "RU", "ru-RU", ""] {
        let (link, notices) = decode(&format!("lang={value}"), &dataset);
        assert_eq!(link.view.lang, None);
        assert_eq!(notices.len(), 1, "{value}: {notices:?}");
        assert_eq!(notices[0].key(), "lang");
        assert_eq!(
            notices[0].to_string(),
            format!("`lang={value}` is not a value this page offers; showing English.")
        );
        assert_eq!(
            notices[0].message(Lang::Ru),
            format!("Значение `lang={value}` эта страница не поддерживает; используется значение по умолчанию: русский язык.")
        );
    }
}

#[test]
fn notices_speak_russian() {
    let dataset = default_dataset();
    for (query, message) in [
        (
            "ci=97",
            "Значение `ci=97` эта страница не поддерживает; используется значение по умолчанию: 95%.",
        ),
        (
            "zero=sometimes",
            "используется значение по умолчанию: «Добавлять 0,5, если в ячейке 0».",
        ),
        ("colour=red", "У этой страницы нет параметра `colour`; он пропущен."),
        (
            "mode=compare",
            "Значение `mode=compare` эта страница не поддерживает; используется значение по умолчанию: разбор.",
        ),
        (
            "mode=lesson&step=99",
            "Значение `step=99` эта страница не поддерживает; используется значение по умолчанию: шаг 1.",
        ),
        (
            "step=2",
            "Параметр `step=2` работает только в режиме урока (`mode=lesson`); он пропущен.",
        ),
        (
            "v=7",
            "Версия ссылки `v=7` этой странице неизвестна; ссылка прочитана как версия 1.",
        ),
    ] {
        let (_, notices) = decode(query, &dataset);
        assert_eq!(notices.len(), 1, "{query}");
        let russian = notices[0].message(Lang::Ru);
        assert!(russian.contains(message), "{query}: {russian}");
    }
}

#[test]
fn a_lesson_link_opens_a_step_with_or_without_the_teacher_s_notes() {
    let dataset = default_dataset();
    let (link, notices) = decode("mode=lesson", &dataset);
    assert_eq!(notices, Vec::new());
    assert_eq!(link.view.lesson, Some(Lesson::start()));
    assert_eq!(
        encode(&link, &dataset),
        "v=1&data=2020-makunts-reconstruction-1.0.0&mode=lesson"
    );
    // Any order in, the contract's order out: the lesson's keys last, step 1 and no notes left out.
    let (link, notices) = decode(
        "teacher=1&step=3&mode=lesson&lang=ru&no_facial=migraine",
        &dataset,
    );
    assert_eq!(notices, Vec::new());
    assert_eq!(
        link.view.lesson,
        Some(Lesson {
            step: 3,
            teacher: true
        })
    );
    assert_eq!(link.scenario.site_of("migraine"), Some(Site::NoFacial));
    assert_eq!(
        encode(&link, &dataset),
        "v=1&data=2020-makunts-reconstruction-1.0.0&no_facial=migraine&lang=ru&mode=lesson&step=3&teacher=1"
    );
    let (link, _) = decode("mode=lesson&step=1&teacher=0", &dataset);
    assert_eq!(link.view.lesson, Some(Lesson::start()));
    assert_eq!(
        encode(&link, &dataset),
        "v=1&data=2020-makunts-reconstruction-1.0.0&mode=lesson"
    );
    // Every step there is, and none past the last.
    for step in 1..=LESSON_STEPS {
        let (link, notices) = decode(&format!("mode=lesson&step={step}"), &dataset);
        assert_eq!(notices, Vec::new(), "step {step}");
        assert_eq!(link.view.lesson.map(|lesson| lesson.step), Some(step));
    }
    for bad in ["0", "8", "99", "-1", "2.5", "three", ""] {
        let (link, notices) = decode(&format!("mode=lesson&step={bad}"), &dataset);
        assert_eq!(link.view.lesson, Some(Lesson::start()), "step={bad}");
        assert_eq!(notices.len(), 1, "step={bad}: {notices:?}");
        assert_eq!(notices[0].key(), "step");
    }
    // A bad mode keeps the explainer, and the lesson's keys then say they were ignored.
    let (link, notices) = decode("mode=quiz&step=2&teacher=1", &dataset);
    assert_eq!(link.view.lesson, None);
    let keys: Vec<&str> = notices.iter().map(Notice::key).collect();
    assert_eq!(keys, ["mode", "step", "teacher"]);
    // The lesson's keys also hold in an embed.
    let (link, notices) = decode("embed=all&mode=lesson&step=4", &dataset);
    assert_eq!(notices, Vec::new());
    assert_eq!(link.view.embed, Some(Embed::All));
    assert_eq!(link.view.lesson.map(|lesson| lesson.step), Some(4));
}
