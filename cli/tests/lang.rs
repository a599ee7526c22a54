//! `glabella analyze --lang`: the report in Russian, as a reader runs it.

mod common;

use common::{glabella, json, stdout};

/// Latin words the Russian report may show: names of data and measures, statistical symbols
/// (p, Q, I²) and the names of people behind methods.
const LATIN_ALLOWED: [&str; 10] = [
    "FAERS", "Botox", "BoNT", "ROR", "p", "Q", "I", "Fisher", "Haldane", "Anscombe",
];

/// The report without its first line, which names the dataset's version: an identifier, with
/// its own points and Latin letters.
fn body(text: &str) -> &str {
    text.split_once('\n').map_or("", |(_, rest)| rest)
}

#[test]
fn the_report_speaks_russian() {
    let text = stdout(&["analyze", "--lang", "ru"]);
    assert!(
        text.starts_with("Набор данных: встроенный (версия "),
        "{text}"
    );
    let body = body(&text);
    // Decimal commas: no digit, point, digit anywhere.
    let chars: Vec<char> = body.chars().collect();
    for window in chars.windows(3) {
        assert!(
            !(window[0].is_ascii_digit() && window[1] == '.' && window[2].is_ascii_digit()),
            "a decimal point: {}",
            window.iter().collect::<String>()
        );
    }
    assert!(body.contains("0,78") && body.contains("<0,001"), "{body}");
    // No English word: every Latin word is on the list, and "CI" is «ДИ».
    for word in body.split(|ch: char| !ch.is_ascii_alphabetic()) {
        assert!(
            word.is_empty() || LATIN_ALLOWED.contains(&word),
            "the Latin word “{word}” in:\n{body}"
        );
    }
    assert!(body.contains("95% ДИ"), "{body}");
    // The cohorts by their Russian names, and the scorecard's words.
    assert!(body.contains("Кривошея") && body.contains("Мочевой пузырь"));
    assert!(body.contains("Оценка объяснений:"));
    assert!(body.contains("Против") && body.contains("Нельзя сказать"));
    assert!(body.contains("Не проверяется"));
    // Plural forms that agree with the counts of this dataset, read from its JSON.
    let doc = json(&["analyze", "--json"]);
    let cohorts = doc["cohorts"].as_array().unwrap().len();
    let df = doc["group_difference"]["df"].as_u64().unwrap();
    assert_eq!(
        (cohorts, df),
        (8, 2),
        "the dataset changed: update the forms below"
    );
    assert!(body.contains(" из 8 когорт, "), "{body}");
    assert!(body.contains("Если сравнить 8 показаний"), "{body}");
    assert!(body.contains("при 2 степенях свободы"), "{body}");
}

#[test]
fn plural_forms_follow_the_count_of_reconstructions() {
    for (members, form) in [
        ("1", "На 1 реконструкции "),
        ("2", "На 2 реконструкциях "),
        ("5", "На 5 реконструкциях "),
        ("21", "На 21 реконструкции "),
    ] {
        let text = stdout(&["analyze", "--lang=ru", "--sensitivity", members]);
        assert!(text.contains(form), "{members}: {text}");
    }
}

#[test]
fn english_is_the_default_and_unchanged() {
    let default = stdout(&["analyze"]);
    assert_eq!(stdout(&["analyze", "--lang", "en"]), default);
    assert!(default.contains("Scorecard:") && default.contains("95% CI"));
}

#[test]
fn json_keeps_its_keys_and_says_its_sentences_in_russian() {
    let english = json(&["analyze", "--json", "--flips"]);
    let russian = json(&["analyze", "--json", "--flips", "--lang", "ru"]);
    let keys = |doc: &serde_json::Value| -> Vec<String> {
        doc.as_object().unwrap().keys().cloned().collect()
    };
    assert_eq!(keys(&russian), keys(&english));
    for key in [
        "cohorts",
        "groups",
        "contrast",
        "dose_regression",
        "reading_flips",
    ] {
        assert_eq!(russian[key], english[key], "{key}");
    }
    let headline = russian["headline"][0].as_str().unwrap();
    assert!(headline.starts_with("В этой реконструкции"), "{headline}");
    for (en, ru) in english["assessment"]
        .as_array()
        .unwrap()
        .iter()
        .zip(russian["assessment"].as_array().unwrap())
    {
        assert_eq!(en["id"], ru["id"]);
        assert_eq!(en["reading"], ru["reading"]);
        assert_eq!(en["evidence"], ru["evidence"]);
        assert_ne!(en["title"], ru["title"]);
        assert_ne!(en["sentence"], ru["sentence"]);
        assert!(!ru["sentence"].as_str().unwrap().contains(" CI "), "{ru}");
    }
}

#[test]
fn an_unknown_language_is_a_usage_error_that_names_it() {
    let output = glabella(&["analyze", "--lang", "de"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("`--lang de`") && stderr.contains("en") && stderr.contains("ru"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
}
