//! Files of report-level rows: v1 without the `reports` column, one row per report. Each row
//! counts one report and identical rows add up, so such a file gives the dataset its aggregated
//! twin gives.

use glabella_core::data::parse_csv;

const REPORTS: &str = "# version: report-level test 1\n\
indication,arm,sex,age_band,depression\n\
cosmetic,bont,F,40-49,1\n\
cosmetic,bont,F,40-49,1\n\
cosmetic,control,M,U,0\n\
\n\
cosmetic,bont,F,40-49,1\n\
new-indication,bont,U,70+,0\n";

const AGGREGATED: &str = "# version: report-level test 1\n\
indication,arm,sex,age_band,depression,reports\n\
cosmetic,bont,F,40-49,1,3\n\
cosmetic,control,M,U,0,1\n\
new-indication,bont,U,70+,0,1\n";

#[test]
fn report_level_rows_add_up_to_the_aggregated_file() {
    let reports = parse_csv(REPORTS.as_bytes()).expect("a valid report-level file");
    let aggregated = parse_csv(AGGREGATED.as_bytes()).expect("a valid aggregated file");
    assert_eq!(reports.strata, aggregated.strata);
    assert_eq!(
        reports.provenance.version.as_deref(),
        Some("report-level test 1")
    );
    assert_eq!(reports.strata.iter().map(|s| s.reports).sum::<u64>(), 5);
}

#[test]
fn extra_columns_are_part_of_a_report_level_stratum() {
    let file = "indication,arm,sex,age_band,depression,country\n\
                cosmetic,bont,F,40-49,1,US\n\
                cosmetic,bont,F,40-49,1,FR\n\
                cosmetic,bont,F,40-49,1,US\n";
    let dataset = parse_csv(file.as_bytes()).expect("valid");
    assert_eq!(dataset.extra_columns, ["country"]);
    let counts: Vec<(String, u64)> = dataset
        .strata
        .iter()
        .map(|s| (s.extra[0].clone(), s.reports))
        .collect();
    assert_eq!(counts, [("US".to_owned(), 2), ("FR".to_owned(), 1)]);
}

#[test]
fn a_bad_report_level_row_names_its_line_and_column() {
    let file = "indication,arm,sex,age_band,depression\n\
                cosmetic,bont,F,40-49,1\n\
                # a comment line counts as a line\n\
                cosmetic,bont,X,40-49,1\n";
    let err = parse_csv(file.as_bytes()).expect_err("sex X");
    assert_eq!(
        err.to_string(),
        "line 4, column `sex`: `X` is not a sex (expected `F`, `M` or `U`)"
    );
    let short = "indication,arm,sex,age_band,depression\ncosmetic,bont,F\n";
    assert_eq!(
        parse_csv(short.as_bytes()).expect_err("short").to_string(),
        "line 2: expected 5 fields as in the header, found 3"
    );
}
