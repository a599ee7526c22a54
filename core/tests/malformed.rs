//! Every malformed file in `tests/malformed/` gives one clear message naming the line, the column
//! and the problem. The messages are part of the interface: readers see them in the app.

use glabella_core::data::parse_csv;
use glabella_core::i18n::Lang;

const EXPECTED: [(&str, &str); 25] = [
    ("count_column_named_otherwise.csv", "line 1, column `Reports`: there is no `reports` column, but `Reports` looks like one: name it `reports`, or leave it out for one row per report"),
    ("empty.csv", "the file is empty"),
    ("blank_lines_only.csv", "the file is empty"),
    ("comments_only.csv", "there is no header line, only comments"),
    ("header_only.csv", "line 1: there is a header but no data rows"),
    ("missing_indication_column.csv", "line 1, column `indication`: this required column is missing from the header"),
    ("duplicate_column.csv", "line 1, column `arm`: this column appears twice in the header"),
    ("empty_column_name.csv", "line 1: a column in the header has no name"),
    ("too_many_fields.csv", "line 2: expected 6 fields as in the header, found 7"),
    ("too_few_fields.csv", "line 2: expected 6 fields as in the header, found 5"),
    ("bad_arm.csv", "line 4, column `arm`: `bnt` is not an arm (expected `bont` or `control`)"),
    ("bad_sex.csv", "line 2, column `sex`: `female` is not a sex (expected `F`, `M` or `U`)"),
    ("bad_age_band.csv", "line 2, column `age_band`: `40-50` is not an age band (expected 0-17, 18-29, 30-39, 40-49, 50-59, 60-69, 70+ or U)"),
    ("bad_depression.csv", "line 2, column `depression`: `yes` is not a depression flag (expected `1` or `0`)"),
    ("negative_count.csv", "line 2, column `reports`: `-3` is negative; a count of reports must be 0 or more"),
    ("fractional_count.csv", "line 2, column `reports`: `2.5` is not a whole number of reports"),
    ("text_count.csv", "line 2, column `reports`: `twelve` is not a whole number of reports"),
    ("empty_count.csv", "line 2, column `reports`: `` is not a whole number of reports"),
    ("huge_count.csv", "line 2, column `reports`: `99999999999999999999999` is too large a count"),
    ("duplicate_stratum.csv", "line 4: this stratum already appears on line 2; each combination of values may appear once"),
    ("bad_indication.csv", "line 2, column `indication`: `Cosmetic Use` is not an indication slug (lower-case letters, digits, `-` or `_`)"),
    ("not_utf8.csv", "line 3: the file is not valid UTF-8 text"),
    ("unclosed_quote.csv", "line 2: expected 6 fields as in the header, found 2"),
    ("empty_indication.csv", "line 2, column `indication`: `` is not an indication slug (lower-case letters, digits, `-` or `_`)"),
    ("duplicate_with_covariate.csv", "line 3: this stratum already appears on line 2; each combination of values may appear once"),
];

#[test]
fn each_malformed_file_gets_its_message() {
    let dir = format!("{}/tests/malformed", env!("CARGO_MANIFEST_DIR"));
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = EXPECTED.iter().map(|(name, _)| name.to_string()).collect();
    listed.sort();
    assert_eq!(
        on_disk, listed,
        "every file in the corpus has an expected message"
    );

    let mut failures = Vec::new();
    for (name, expected) in EXPECTED {
        let bytes = std::fs::read(format!("{dir}/{name}")).unwrap();
        match parse_csv(&bytes) {
            Ok(_) => failures.push(format!("{name}: parsed without error")),
            Err(err) if err.to_string() != expected => {
                failures.push(format!("{name}:\n  got      {err}\n  expected {expected}"))
            }
            Err(_) => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The Russian message names the same line and column as the English.
#[test]
fn each_malformed_file_names_its_line_and_column_in_russian() {
    let dir = format!("{}/tests/malformed", env!("CARGO_MANIFEST_DIR"));
    for (name, _) in EXPECTED {
        let bytes = std::fs::read(format!("{dir}/{name}")).unwrap();
        let err = parse_csv(&bytes).unwrap_err();
        let russian = err.message(Lang::Ru);
        assert_ne!(russian, err.to_string(), "{name}");
        let place = match (err.line, &err.column) {
            (Some(line), Some(column)) => format!("строка {line}, столбец `{column}`: "),
            (Some(line), None) => format!("строка {line}: "),
            (None, Some(column)) => format!("столбец `{column}`: "),
            (None, None) => String::new(),
        };
        assert!(russian.starts_with(&place), "{name}: {russian}");
    }
    let bytes = std::fs::read(format!("{dir}/bad_arm.csv")).unwrap();
    assert_eq!(
        parse_csv(&bytes).unwrap_err().message(Lang::Ru),
        "строка 4, столбец `arm`: `bnt` не обозначает ветвь сравнения (ожидается `bont` или `control`)"
    );
}

#[test]
fn unknown_columns_are_kept_as_covariates() {
    let text = "# version: mine-2\nindication,arm,sex,age_band,depression,reports,site\n\
                cosmetic,bont,F,40-49,1,12,face\ncosmetic,bont,F,40-49,1,13,neck\n";
    let dataset = parse_csv(text.as_bytes()).unwrap();
    assert_eq!(dataset.extra_columns, ["site"]);
    assert_eq!(dataset.strata[1].extra, ["neck"]);
    assert_eq!(dataset.provenance.version.as_deref(), Some("mine-2"));
    assert!(dataset.covariate("site").is_some());
}

#[test]
fn columns_may_come_in_any_order_with_a_byte_order_mark() {
    let text =
        "\u{feff}reports,depression,age_band,sex,arm,indication\r\n12,1,40-49,F,bont,my-cohort\r\n";
    let dataset = parse_csv(text.as_bytes()).unwrap();
    assert_eq!(dataset.strata[0].indication, "my-cohort");
    assert_eq!(dataset.table("my-cohort").a, 12);
}

#[test]
fn counts_beyond_a_billion_are_too_large() {
    // Such counts once overflowed the sums of a cohort's 2x2 table in the analysis.
    let text = "indication,arm,sex,age_band,depression,reports\n\
                cosmetic,bont,F,U,1,18446744073709551615\ncosmetic,bont,F,U,0,5\n";
    assert_eq!(
        parse_csv(text.as_bytes()).unwrap_err().to_string(),
        "line 2, column `reports`: `18446744073709551615` is too large a count"
    );
    let text = "indication,arm,sex,age_band,depression,reports\ncosmetic,bont,F,U,1,1000000000\n";
    assert_eq!(
        parse_csv(text.as_bytes()).unwrap().strata[0].reports,
        1_000_000_000
    );
}
