//! Every notice of a link, every problem of a file and every analysis error has a Russian sentence
//! of its own: different from the English, and with no English word left in it.

use glabella_core::analysis::AnalysisError;
use glabella_core::data::{DataError, DataErrorKind};
use glabella_core::i18n::Lang;
use glabella_core::scenario::link::{Instead, Notice};

/// Latin words a Russian sentence may keep: the names of the README's conventions, and the name
/// of the text encoding as a reader picks it when saving a file.
const ALLOWED: [&str; 14] = [
    "FAERS", "Botox", "BoNT", "ROR", "MedDRA", "CSV", "JSON", "SVG", "PNG", "TSV", "URL", "APA",
    "BibTeX", "UTF",
];

/// The Latin words of `text` outside `backticks` (values from the link or the file, URL keys and
/// column names) that are not allowed.
fn foreign_words(text: &str) -> Vec<String> {
    let prose: String = text
        .split('`')
        .enumerate()
        .filter(|(idx, _)| idx % 2 == 0)
        .map(|(_, part)| part)
        .collect::<Vec<_>>()
        .join(" ");
    prose
        .split(|ch: char| !ch.is_ascii_alphabetic())
        .filter(|word| !word.is_empty() && !ALLOWED.contains(word))
        .map(str::to_owned)
        .collect()
}

fn check(what: &str, english: &str, russian: &str) -> Option<String> {
    if russian == english {
        return Some(format!("{what}: the Russian is the English: {russian}"));
    }
    if !russian.chars().any(|ch| ('а'..='я').contains(&ch)) {
        return Some(format!("{what}: no Russian word: {russian}"));
    }
    let foreign = foreign_words(russian);
    (!foreign.is_empty()).then(|| format!("{what}: {foreign:?} in {russian}"))
}

const INSTEADS: [Instead; 13] = [
    Instead::Level,
    Instead::ZeroCell,
    Instead::Crude,
    Instead::SharedModel,
    Instead::NoneMissed,
    Instead::NoReconstructions,
    Instead::WholePage,
    Instead::SystemTheme,
    Instead::Controls,
    Instead::PageLanguage,
    Instead::Explainer,
    Instead::FirstStep,
    Instead::NoTeacherNotes,
];

fn notices() -> Vec<Notice> {
    let mut res = vec![
        Notice::UnknownKey {
            key: "colour".into(),
        },
        Notice::UnknownCohort {
            key: "frown",
            cohort: "kidney".into(),
        },
        Notice::CohortTwice {
            cohort: "migraine".into(),
        },
        Notice::OtherDataset {
            linked: "2019-old".into(),
            current: "2020-makunts-reconstruction-1.0.0".into(),
        },
        Notice::OtherSchema {
            version: "7".into(),
        },
        Notice::KeyTwice { key: "ci".into() },
        Notice::LessonOnly {
            key: "step",
            value: "3".into(),
        },
    ];
    for instead in INSTEADS {
        res.push(Notice::BadValue {
            key: "theme",
            value: "pink".into(),
            instead,
        });
        res.push(Notice::NotAvailable {
            key: "mode",
            value: "compare".into(),
            instead,
        });
    }
    // A new kind of notice fails to compile here until it is listed above.
    for notice in &res {
        match notice {
            Notice::UnknownKey { .. }
            | Notice::BadValue { .. }
            | Notice::UnknownCohort { .. }
            | Notice::CohortTwice { .. }
            | Notice::OtherDataset { .. }
            | Notice::OtherSchema { .. }
            | Notice::KeyTwice { .. }
            | Notice::NotAvailable { .. }
            | Notice::LessonOnly { .. } => {}
        }
    }
    for instead in INSTEADS {
        match instead {
            Instead::Level
            | Instead::ZeroCell
            | Instead::Crude
            | Instead::SharedModel
            | Instead::NoneMissed
            | Instead::NoReconstructions
            | Instead::WholePage
            | Instead::SystemTheme
            | Instead::Controls
            | Instead::PageLanguage
            | Instead::Explainer
            | Instead::FirstStep
            | Instead::NoTeacherNotes => {}
        }
    }
    res
}

/// One of every kind of problem in a file. The enum is `non_exhaustive`, so a match here cannot
/// list its kinds for the compiler: a new kind is added by hand.
fn data_error_kinds() -> Vec<DataErrorKind> {
    vec![
        DataErrorKind::Empty,
        DataErrorKind::NotUtf8,
        DataErrorKind::NoHeader,
        DataErrorKind::NoRows,
        DataErrorKind::MissingColumn,
        DataErrorKind::DuplicateColumn,
        DataErrorKind::EmptyColumnName,
        DataErrorKind::FieldCount {
            expected: 6,
            found: 7,
        },
        DataErrorKind::BadIndication("Cosmetic Use".into()),
        DataErrorKind::BadArm("bnt".into()),
        DataErrorKind::BadSex("female".into()),
        DataErrorKind::BadAgeBand("40-50".into()),
        DataErrorKind::BadDepression("yes".into()),
        DataErrorKind::NegativeCount("-3".into()),
        DataErrorKind::NotAnInteger("twelve".into()),
        DataErrorKind::CountTooLarge("99999999999999999999999".into()),
        DataErrorKind::DuplicateStratum { first_line: 2 },
        DataErrorKind::CountsUnderAnotherName("Reports".into()),
        DataErrorKind::Malformed("found record with 2 fields".into()),
    ]
}

fn analysis_errors() -> Vec<AnalysisError> {
    vec![
        AnalysisError::UnknownCovariate("region".into()),
        AnalysisError::UnknownCohort {
            group: "frown".into(),
            cohort: "kidney".into(),
        },
        AnalysisError::EmptyGroup("frown".into()),
    ]
}

#[test]
fn every_notice_has_its_own_russian_sentence() {
    let mut failures = Vec::new();
    for notice in notices() {
        let english = notice.message(Lang::En);
        assert_eq!(english, notice.to_string(), "Display is the English");
        failures.extend(check(
            &format!("{notice:?}"),
            &english,
            &notice.message(Lang::Ru),
        ));
    }
    for instead in INSTEADS {
        let russian = instead.label(Lang::Ru);
        // The level reads alike in both languages.
        if instead != Instead::Level {
            failures.extend(check(
                &format!("{instead:?}"),
                &instead.label(Lang::En),
                &russian,
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_problem_of_a_file_has_its_own_russian_sentence() {
    let mut failures = Vec::new();
    let kinds = data_error_kinds();
    for kind in &kinds {
        assert_eq!(kind.message(Lang::En), kind.to_string());
        failures.extend(check(
            &format!("{kind:?}"),
            &kind.message(Lang::En),
            &kind.message(Lang::Ru),
        ));
    }
    for error in analysis_errors() {
        assert_eq!(error.message(Lang::En), error.to_string());
        failures.extend(check(
            &format!("{error:?}"),
            &error.message(Lang::En),
            &error.message(Lang::Ru),
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_problem_keeps_its_line_and_column_in_russian() {
    let error = DataError {
        line: Some(12),
        column: Some("arm".into()),
        kind: DataErrorKind::BadArm("bnt".into()),
    };
    assert_eq!(
        error.message(Lang::Ru),
        "строка 12, столбец `arm`: `bnt` не обозначает ветвь сравнения (ожидается `bont` или `control`)"
    );
    // Line numbers as an editor shows them, in both languages.
    let error = DataError {
        line: Some(12_345),
        column: None,
        kind: DataErrorKind::DuplicateStratum { first_line: 10_001 },
    };
    assert!(error.message(Lang::Ru).starts_with("строка 12345: "));
    assert!(error.message(Lang::Ru).contains("в строке 10001;"));
    assert!(error.to_string().starts_with("line 12345: "));
    let error = DataError {
        line: None,
        column: Some("reports".into()),
        kind: DataErrorKind::MissingColumn,
    };
    assert_eq!(
        error.message(Lang::Ru),
        "столбец `reports`: этого обязательного столбца нет в заголовке"
    );
}

#[test]
fn the_check_finds_english_words() {
    assert_eq!(
        foreign_words("строка 2: `the value` и CSV"),
        Vec::<String>::new()
    );
    assert_eq!(foreign_words("строка 2: the value"), ["the", "value"]);
}
