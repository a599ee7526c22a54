//! Parsing and validation of format v1 CSV files.
//!
//! Every problem is reported as a [`DataError`] that names the line (1-based, counting comment
//! lines, as an editor shows them), the column where there is one, and what is wrong.

use std::collections::BTreeMap;
use std::fmt;

use super::{AgeBand, Arm, Dataset, Provenance, Sex, Stratum};
use crate::i18n::Lang;

/// The six columns of format v1, in their documented order. A file of report-level rows (one row
/// per report) leaves out `reports`: each of its rows counts one report, and identical rows add up.
pub const REQUIRED_COLUMNS: [&str; 6] = [
    "indication",
    "arm",
    "sex",
    "age_band",
    "depression",
    "reports",
];

/// A problem found while reading a v1 file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataError {
    /// 1-based line of the file, where the problem has one.
    pub line: Option<u64>,
    /// The column concerned, where there is one.
    pub column: Option<String>,
    pub kind: DataErrorKind,
}

/// What is wrong; [`DataErrorKind::message`] explains it in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DataErrorKind {
    Empty,
    NotUtf8,
    NoHeader,
    NoRows,
    MissingColumn,
    DuplicateColumn,
    EmptyColumnName,
    FieldCount {
        expected: usize,
        found: usize,
    },
    BadIndication(String),
    BadArm(String),
    BadSex(String),
    BadAgeBand(String),
    BadDepression(String),
    NegativeCount(String),
    NotAnInteger(String),
    CountTooLarge(String),
    DuplicateStratum {
        first_line: u64,
    },
    /// No `reports` column, but one whose name says it holds counts: read as report-level rows,
    /// its counts would be ignored.
    CountsUnderAnotherName(String),
    Malformed(String),
}

impl DataErrorKind {
    /// What is wrong, in a sentence in `lang`; the values from the file stay as they were.
    pub fn message(&self, lang: Lang) -> String {
        use crate::i18n::data_error as text;
        match self {
            DataErrorKind::Empty => text::empty(lang).to_owned(),
            DataErrorKind::NotUtf8 => text::not_utf8(lang).to_owned(),
            DataErrorKind::NoHeader => text::no_header(lang).to_owned(),
            DataErrorKind::NoRows => text::no_rows(lang).to_owned(),
            DataErrorKind::MissingColumn => text::missing_column(lang).to_owned(),
            DataErrorKind::DuplicateColumn => text::duplicate_column(lang).to_owned(),
            DataErrorKind::EmptyColumnName => text::empty_column_name(lang).to_owned(),
            DataErrorKind::FieldCount { expected, found } => {
                text::field_count(lang, &expected.to_string(), &found.to_string())
            }
            DataErrorKind::BadIndication(value) => text::bad_indication(lang, value),
            DataErrorKind::BadArm(value) => text::bad_arm(lang, value),
            DataErrorKind::BadSex(value) => text::bad_sex(lang, value),
            DataErrorKind::BadAgeBand(value) => text::bad_age_band(lang, value),
            DataErrorKind::BadDepression(value) => text::bad_depression(lang, value),
            DataErrorKind::NegativeCount(value) => text::negative_count(lang, value),
            DataErrorKind::NotAnInteger(value) => text::not_an_integer(lang, value),
            DataErrorKind::CountTooLarge(value) => text::count_too_large(lang, value),
            DataErrorKind::DuplicateStratum { first_line } => {
                text::duplicate_stratum(lang, &first_line.to_string())
            }
            DataErrorKind::Malformed(detail) => text::malformed(lang, detail),
            DataErrorKind::CountsUnderAnotherName(name) => {
                text::counts_under_another_name(lang, name)
            }
        }
    }
}

/// In English, as the command prints it.
impl fmt::Display for DataErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl DataError {
    /// The problem with its line and column, in `lang`. Line numbers are written as an editor
    /// shows them, without digit groups, so a reader can type them into "go to line".
    pub fn message(&self, lang: Lang) -> String {
        use crate::i18n::data_error as text;
        let problem = self.kind.message(lang);
        match (&self.line, &self.column) {
            (Some(line), Some(column)) => {
                text::at_line_and_column(lang, &line.to_string(), column, &problem)
            }
            (Some(line), None) => text::at_line(lang, &line.to_string(), &problem),
            (None, Some(column)) => text::at_column(lang, column, &problem),
            (None, None) => problem,
        }
    }
}

/// In English, as the command prints it.
impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for DataError {}

fn error(line: u64, column: Option<&str>, kind: DataErrorKind) -> DataError {
    DataError {
        line: Some(line),
        column: column.map(str::to_owned),
        kind,
    }
}

/// Parses and validates a v1 file.
///
/// # Errors
///
/// The first problem found, with its line and column; see [`DataErrorKind`].
pub fn parse_csv(bytes: &[u8]) -> Result<Dataset, DataError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let line = 1 + bytes[..err.valid_up_to()]
                .iter()
                .filter(|&&byte| byte == b'\n')
                .count() as u64;
            return Err(error(line, None, DataErrorKind::NotUtf8));
        }
    };
    if text.trim().is_empty() {
        return Err(DataError {
            line: None,
            column: None,
            kind: DataErrorKind::Empty,
        });
    }
    let provenance = read_provenance(text);

    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .comment(Some(b'#'))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());

    let mut records = reader.records();
    let header = match records.next() {
        None => {
            return Err(DataError {
                line: None,
                column: None,
                kind: DataErrorKind::NoHeader,
            })
        }
        Some(Err(err)) => return Err(csv_error(&err)),
        Some(Ok(record)) => record,
    };
    let mut lines = LineCounter::new(text);
    let header_line = lines.line_of(&header);
    let columns = Columns::from_header(&header, header_line)?;

    let mut strata: Vec<Stratum> = Vec::new();
    // Each stratum's first line and its place in `strata`.
    let mut seen: BTreeMap<Vec<String>, (u64, usize)> = BTreeMap::new();
    for record in records {
        let record = record.map_err(|err| csv_error(&err))?;
        let line = lines.line_of(&record);
        if record.len() == 1 && record[0].is_empty() {
            continue; // A blank line.
        }
        if record.len() != header.len() {
            return Err(error(
                line,
                None,
                DataErrorKind::FieldCount {
                    expected: header.len(),
                    found: record.len(),
                },
            ));
        }
        let stratum = columns.stratum(&record, line)?;
        let mut key: Vec<String> = record.iter().map(str::to_owned).collect();
        match columns.reports {
            Some(reports) => {
                key.remove(reports);
                if let Some(&(first_line, _)) = seen.get(&key) {
                    return Err(error(
                        line,
                        None,
                        DataErrorKind::DuplicateStratum { first_line },
                    ));
                }
            }
            // Report-level rows: a row like an earlier one is one more report of its stratum.
            None => {
                if let Some(&(_, idx)) = seen.get(&key) {
                    strata[idx].reports += 1;
                    continue;
                }
            }
        }
        seen.insert(key, (line, strata.len()));
        strata.push(stratum);
    }
    if strata.is_empty() {
        return Err(error(header_line, None, DataErrorKind::NoRows));
    }
    Ok(Dataset {
        provenance,
        extra_columns: columns.extra_names,
        strata,
    })
}

/// Reads `# key: value` comment lines; `version` and `source` are recognised.
fn read_provenance(text: &str) -> Provenance {
    let mut res = Provenance::default();
    for comment in text
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix('#'))
    {
        let comment = comment.trim();
        if let Some((key, value)) = comment.split_once(':') {
            match key.trim() {
                "version" if res.version.is_none() => res.version = Some(value.trim().to_owned()),
                "source" if res.source.is_none() => res.source = Some(value.trim().to_owned()),
                _ => {}
            }
        }
        res.comments.push(comment.to_owned());
    }
    res
}

/// Finds the editor's line of each record. csv's own line count skips comment lines, and its
/// byte position may point at comment or blank lines read before the record, so count newlines
/// here, resuming from the previous record so a whole file costs one pass.
struct LineCounter<'a> {
    text: &'a str,
    byte: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> LineCounter<'a> {
        LineCounter {
            text,
            byte: 0,
            line: 1,
        }
    }

    fn line_of(&mut self, record: &csv::StringRecord) -> u64 {
        let mut start = record
            .position()
            .map_or(0, |position| position.byte() as usize)
            .clamp(self.byte, self.text.len());
        while let Some(rest) = self.text.get(start..) {
            let line = rest.split('\n').next().unwrap_or("");
            let skippable = line.trim_start().starts_with('#') || line.trim().is_empty();
            if !skippable || line.len() == rest.len() {
                break;
            }
            start += line.len() + 1;
        }
        self.line += self.text.as_bytes()[self.byte..start]
            .iter()
            .filter(|&&byte| byte == b'\n')
            .count() as u64;
        self.byte = start;
        self.line
    }
}

fn csv_error(err: &csv::Error) -> DataError {
    let line = err.position().map(csv::Position::line);
    let message = match err.kind() {
        csv::ErrorKind::Utf8 { .. } => {
            return DataError {
                line,
                column: None,
                kind: DataErrorKind::NotUtf8,
            }
        }
        _ => err.to_string(),
    };
    DataError {
        line,
        column: None,
        kind: DataErrorKind::Malformed(message),
    }
}

/// Where each column sits in a record.
struct Columns {
    indication: usize,
    arm: usize,
    sex: usize,
    age_band: usize,
    depression: usize,
    /// `None` in a file of report-level rows.
    reports: Option<usize>,
    extra: Vec<usize>,
    extra_names: Vec<String>,
}

impl Columns {
    fn from_header(header: &csv::StringRecord, line: u64) -> Result<Columns, DataError> {
        for (idx, name) in header.iter().enumerate() {
            if name.is_empty() {
                return Err(error(line, None, DataErrorKind::EmptyColumnName));
            }
            if header.iter().take(idx).any(|earlier| earlier == name) {
                return Err(error(line, Some(name), DataErrorKind::DuplicateColumn));
            }
        }
        let find = |name: &str| {
            header
                .iter()
                .position(|column| column == name)
                .ok_or_else(|| error(line, Some(name), DataErrorKind::MissingColumn))
        };
        let extra: Vec<usize> = (0..header.len())
            .filter(|&idx| !REQUIRED_COLUMNS.contains(&&header[idx]))
            .collect();
        let reports = header.iter().position(|column| column == "reports");
        // A count column under another name would silently make every row one report.
        const COUNT_NAMES: [&str; 7] = [
            "reports",
            "report",
            "count",
            "counts",
            "n",
            "freq",
            "frequency",
        ];
        if reports.is_none() {
            if let Some(&idx) = extra
                .iter()
                .find(|&&idx| COUNT_NAMES.contains(&header[idx].to_ascii_lowercase().as_str()))
            {
                return Err(error(
                    line,
                    Some(&header[idx]),
                    DataErrorKind::CountsUnderAnotherName(header[idx].to_owned()),
                ));
            }
        }
        Ok(Columns {
            indication: find("indication")?,
            arm: find("arm")?,
            sex: find("sex")?,
            age_band: find("age_band")?,
            depression: find("depression")?,
            reports,
            extra_names: extra.iter().map(|&idx| header[idx].to_owned()).collect(),
            extra,
        })
    }

    fn stratum(&self, record: &csv::StringRecord, line: u64) -> Result<Stratum, DataError> {
        let field = |idx: usize| &record[idx];
        let bad = |column: &str, kind: DataErrorKind| error(line, Some(column), kind);

        let indication = field(self.indication);
        if !is_slug(indication) {
            return Err(bad(
                "indication",
                DataErrorKind::BadIndication(indication.into()),
            ));
        }
        let arm = Arm::from_code(field(self.arm))
            .ok_or_else(|| bad("arm", DataErrorKind::BadArm(field(self.arm).into())))?;
        let sex = Sex::from_code(field(self.sex))
            .ok_or_else(|| bad("sex", DataErrorKind::BadSex(field(self.sex).into())))?;
        let age_band = AgeBand::from_code(field(self.age_band)).ok_or_else(|| {
            bad(
                "age_band",
                DataErrorKind::BadAgeBand(field(self.age_band).into()),
            )
        })?;
        let depression = match field(self.depression) {
            "1" => true,
            "0" => false,
            other => {
                return Err(bad(
                    "depression",
                    DataErrorKind::BadDepression(other.into()),
                ))
            }
        };
        let reports = match self.reports {
            Some(idx) => parse_count(field(idx)).map_err(|kind| bad("reports", kind))?,
            None => 1,
        };
        Ok(Stratum {
            indication: indication.to_owned(),
            arm,
            sex,
            age_band,
            depression,
            reports,
            extra: self
                .extra
                .iter()
                .map(|&idx| field(idx).to_owned())
                .collect(),
        })
    }
}

pub(super) fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.bytes().all(|byte| {
            byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-' || byte == b'_'
        })
}

/// The largest count of reports a stratum may hold: far more than FAERS holds in all, and small
/// enough that the sums of a file's counts cannot overflow (that would take 18 billion rows).
pub(super) const MAX_COUNT: u64 = 1_000_000_000;

fn parse_count(text: &str) -> Result<u64, DataErrorKind> {
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    if digits(text) {
        return match text.parse() {
            Ok(count) if count <= MAX_COUNT => Ok(count),
            _ => Err(DataErrorKind::CountTooLarge(text.into())),
        };
    }
    // A number with a minus sign is negative; anything else is not a whole number. (Checked by
    // hand: `f64::from_str` would bring about 17 KB of tables into the wasm.)
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let numeric = digits(whole) && digits(fraction);
    let zero = numeric
        && whole
            .bytes()
            .chain(fraction.bytes())
            .all(|byte| byte == b'0');
    if text.starts_with('-') && numeric && !zero {
        return Err(DataErrorKind::NegativeCount(text.into()));
    }
    Err(DataErrorKind::NotAnInteger(text.into()))
}
