//! The term lists of `data/faers/`: BoNT products, indication terms per cohort, depression terms
//! and antidepressants. Every entry names its source (a section of the FAERS brief) or says
//! `assumption`, with a reason.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Serialize;

use crate::hash::{FastMap, FastSet};
use crate::Error;

pub const BONT_CSV: &str = include_str!("../../data/faers/bont.csv");
pub const INDICATIONS_CSV: &str = include_str!("../../data/faers/indications.csv");
pub const DEPRESSION_CSV: &str = include_str!("../../data/faers/depression.csv");
pub const ANTIDEPRESSANTS_CSV: &str = include_str!("../../data/faers/antidepressants.csv");

/// The `# version:` of each list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ListVersions {
    pub bont: String,
    pub indications: String,
    pub depression: String,
    pub antidepressants: String,
}

/// What a drug name contains.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct NameClass {
    pub bont: bool,
    pub exclude: bool,
    pub antidepressant: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Bont,
    Exclude,
    Antidepressant,
}

/// The lists, ready to match.
#[derive(Clone, Debug)]
pub struct Terms {
    /// Cohort slugs with at least one indication term, in the catalog's order; bit `i` of a
    /// cohort mask is `cohorts[i]`.
    cohorts: Vec<String>,
    names: AhoCorasick,
    kinds: Vec<Kind>,
    /// Lower-cased indication term → cohort mask.
    indications: TermMap,
    /// Lower-cased depression terms (→ 1).
    depression: TermMap,
    versions: ListVersions,
}

/// The longest indication or reaction term compared; longer ones cannot be in the lists.
const MAX_TERM: usize = 200;

impl Terms {
    /// The lists embedded from `data/faers/` (checked by the tests, so this cannot fail).
    pub fn embedded() -> Terms {
        Terms::from_lists(
            BONT_CSV,
            INDICATIONS_CSV,
            DEPRESSION_CSV,
            ANTIDEPRESSANTS_CSV,
        )
        .unwrap_or_else(|err| panic!("the embedded term lists are invalid: {err}"))
    }

    /// Reads the four lists.
    ///
    /// # Errors
    ///
    /// A list with a missing column, an unknown kind or cohort, an entry without a source or
    /// reason, a source that is neither a section of faers.md nor `assumption`, or a duplicate.
    pub fn from_lists(
        bont: &str,
        indications: &str,
        depression: &str,
        antidepressants: &str,
    ) -> Result<Terms, Error> {
        let mut patterns: Vec<String> = Vec::new();
        let mut kinds: Vec<Kind> = Vec::new();
        for (list, text, name) in [
            ("data/faers/bont.csv", bont, "bont"),
            (
                "data/faers/antidepressants.csv",
                antidepressants,
                "antidepressants",
            ),
        ] {
            for entry in entries(list, text, &["term", "kind"])? {
                let term = entry.fields[0].to_ascii_uppercase();
                let kind = match (name, entry.fields[1].as_str()) {
                    ("bont", "brand" | "ingredient") => Kind::Bont,
                    ("bont", "exclude") => Kind::Exclude,
                    ("antidepressants", "brand" | "ingredient") => Kind::Antidepressant,
                    (_, other) => {
                        return Err(entry.error(format!("`{other}` is not a kind of this list")))
                    }
                };
                if patterns
                    .iter()
                    .zip(&kinds)
                    .any(|(have, &k)| *have == term && k == kind)
                {
                    return Err(entry.error(format!("`{term}` is listed twice")));
                }
                patterns.push(term);
                kinds.push(kind);
            }
        }
        let names = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|err| Error::Terms {
                list: "data/faers/bont.csv",
                line: 0,
                message: err.to_string(),
            })?;

        let list = "data/faers/indications.csv";
        let indication_entries = entries(list, indications, &["indi_pt", "cohort"])?;
        let cohorts: Vec<String> = glabella_core::data::catalog()
            .iter()
            .map(|info| info.slug.to_owned())
            .filter(|slug| indication_entries.iter().any(|e| e.fields[1] == *slug))
            .collect();
        if cohorts.len() > 32 {
            return Err(Error::Terms {
                list,
                line: 0,
                message: "more than 32 cohorts".into(),
            });
        }
        let mut indication_map: FastMap<Box<[u8]>, u32> = FastMap::default();
        for entry in &indication_entries {
            let Some(bit) = cohorts.iter().position(|slug| *slug == entry.fields[1]) else {
                return Err(entry.error(format!(
                    "`{}` is not a cohort of data/cohorts.csv",
                    entry.fields[1]
                )));
            };
            let mask = indication_map.entry(key(&entry.fields[0])).or_insert(0);
            if *mask & (1 << bit) != 0 {
                return Err(entry.error(format!("`{}` is listed twice", entry.fields[0])));
            }
            *mask |= 1 << bit;
        }

        let list = "data/faers/depression.csv";
        let mut depression_set: FastSet<Box<[u8]>> = FastSet::default();
        for entry in entries(list, depression, &["pt"])? {
            if !depression_set.insert(key(&entry.fields[0])) {
                return Err(entry.error(format!("`{}` is listed twice", entry.fields[0])));
            }
        }

        Ok(Terms {
            cohorts,
            names,
            kinds,
            indications: TermMap::new(indication_map),
            depression: TermMap::new(depression_set.into_iter().map(|term| (term, 1)).collect()),
            versions: ListVersions {
                bont: version(bont),
                indications: version(indications),
                depression: version(depression),
                antidepressants: version(antidepressants),
            },
        })
    }

    /// Cohort slugs, in the order of their mask bits (the catalog's order).
    pub fn cohorts(&self) -> &[String] {
        &self.cohorts
    }

    pub fn versions(&self) -> &ListVersions {
        &self.versions
    }

    /// What a drug name contains, in any case.
    pub(crate) fn classify(&self, name: &[u8]) -> NameClass {
        let mut res = NameClass::default();
        if name.is_empty() {
            return res;
        }
        for found in self.names.find_overlapping_iter(name) {
            match self.kinds[found.pattern().as_usize()] {
                Kind::Bont => res.bont = true,
                Kind::Exclude => res.exclude = true,
                Kind::Antidepressant => res.antidepressant = true,
            }
        }
        res
    }

    /// The cohort mask of an indication term (0 when it is in no cohort).
    pub(crate) fn indication_mask(&self, term: &[u8], scratch: &mut Vec<u8>) -> u32 {
        self.indications.get(term, scratch)
    }

    /// Whether a reaction term is a depression term.
    pub(crate) fn is_depression(&self, term: &[u8], scratch: &mut Vec<u8>) -> bool {
        self.depression.get(term, scratch) != 0
    }
}

/// Terms compared whole, ignoring case and surrounding spaces. Most terms read are in no list,
/// so their length and first letter turn them away before any hashing.
#[derive(Clone, Debug)]
struct TermMap {
    map: FastMap<Box<[u8]>, u32>,
    shortest: usize,
    longest: usize,
    first: [bool; 256],
}

impl TermMap {
    fn new(map: FastMap<Box<[u8]>, u32>) -> TermMap {
        let mut first = [false; 256];
        for term in map.keys() {
            if let Some(&byte) = term.first() {
                first[usize::from(byte)] = true;
            }
        }
        TermMap {
            shortest: map.keys().map(|term| term.len()).min().unwrap_or(0),
            longest: map
                .keys()
                .map(|term| term.len())
                .max()
                .unwrap_or(0)
                .min(MAX_TERM),
            first,
            map,
        }
    }

    /// The value of a term, 0 when it is not listed.
    fn get(&self, term: &[u8], scratch: &mut Vec<u8>) -> u32 {
        let term = term.trim_ascii();
        let Some(&first) = term.first() else {
            return 0;
        };
        if term.len() < self.shortest
            || term.len() > self.longest
            || !self.first[usize::from(first.to_ascii_lowercase())]
        {
            return 0;
        }
        scratch.clear();
        scratch.extend(term.iter().map(u8::to_ascii_lowercase));
        self.map.get(scratch.as_slice()).copied().unwrap_or(0)
    }
}

fn key(term: &str) -> Box<[u8]> {
    term.trim()
        .to_ascii_lowercase()
        .into_bytes()
        .into_boxed_slice()
}

fn version(text: &str) -> String {
    text.lines()
        .filter_map(|line| line.trim().strip_prefix('#'))
        .find_map(|comment| {
            let (key, value) = comment.split_once(':')?;
            (key.trim() == "version").then(|| value.trim().to_owned())
        })
        .unwrap_or_else(|| "unversioned".to_owned())
}

/// One entry of a list: its leading fields (as asked for), then its source and reason.
struct Entry {
    list: &'static str,
    line: u64,
    fields: Vec<String>,
}

impl Entry {
    fn error(&self, message: String) -> Error {
        Error::Terms {
            list: self.list,
            line: self.line,
            message,
        }
    }
}

/// The entries of a list whose columns are `columns`, then `source` and `reason`.
fn entries(list: &'static str, text: &str, columns: &[&str]) -> Result<Vec<Entry>, Error> {
    let error = |line: u64, message: String| Error::Terms {
        list,
        line,
        message,
    };
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|err| error(0, err.to_string()))?
        .clone();
    let header_line = reader.position().line();
    let mut wanted: Vec<&str> = columns.to_vec();
    wanted.extend(["source", "reason"]);
    let positions: Vec<usize> = wanted
        .iter()
        .map(|name| {
            header
                .iter()
                .position(|have| have == *name)
                .ok_or_else(|| error(header_line, format!("no column `{name}`")))
        })
        .collect::<Result<_, _>>()?;
    let mut res = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|err| error(0, err.to_string()))?;
        let line = record.position().map_or(0, csv::Position::line);
        let fields: Vec<String> = positions
            .iter()
            .map(|&idx| record.get(idx).unwrap_or("").to_owned())
            .collect();
        if let Some(empty) = wanted.iter().zip(&fields).find(|(_, v)| v.is_empty()) {
            return Err(error(line, format!("`{}` is empty", empty.0)));
        }
        if !fields[0].is_ascii() {
            return Err(error(line, format!("`{}` is not ASCII", fields[0])));
        }
        let source = &fields[columns.len()];
        if source != "assumption" && !source.starts_with("faers.md") {
            return Err(error(
                line,
                format!("source `{source}` is neither a section of faers.md nor `assumption`"),
            ));
        }
        res.push(Entry { list, line, fields });
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cohort_names(terms: &Terms, mask: u32) -> Vec<&str> {
        terms
            .cohorts()
            .iter()
            .enumerate()
            .filter(|(bit, _)| mask & (1 << bit) != 0)
            .map(|(_, slug)| slug.as_str())
            .collect()
    }

    #[test]
    fn the_embedded_lists_are_valid_and_cover_every_cohort() {
        let terms = Terms::embedded();
        let catalog: Vec<&str> = glabella_core::data::catalog()
            .iter()
            .map(|info| info.slug)
            .collect();
        assert_eq!(terms.cohorts(), catalog);
        let versions = terms.versions();
        assert_eq!(versions.bont, "1");
        assert_eq!(versions.antidepressants, "1");
    }

    #[test]
    fn drug_names_match_anywhere_in_any_case() {
        let terms = Terms::embedded();
        for name in [
            &b"BOTOX"[..],
            b"Botox Cosmetic",
            b"\"BOTOX\" 100 UNITS",
            b"ABOBOTULINUMTOXINA",
            b"botulinum toxin type a",
            b"Xeomin \xe9",
            b"MYOBLOC",
        ] {
            let class = terms.classify(name);
            assert!(class.bont && !class.exclude, "{name:?}");
        }
        let antitoxin = terms.classify(b"BOTULINUM ANTITOXIN HEPTAVALENT");
        assert!(antitoxin.bont && antitoxin.exclude);
        for name in [&b"LISINOPRIL"[..], b"\"VITAMINS\" (NOS)", b"", b"BOTULISM"] {
            assert_eq!(terms.classify(name), NameClass::default(), "{name:?}");
        }
        for name in [
            &b"ZOLOFT"[..],
            b"SERTRALINE HYDROCHLORIDE",
            b"Prozac( Fluoxetine Hydrochloride",
            b"escitalopram",
        ] {
            assert!(terms.classify(name).antidepressant, "{name:?}");
        }
    }

    #[test]
    fn indication_and_reaction_terms_match_whole_ignoring_case() {
        let terms = Terms::embedded();
        let mut scratch = Vec::new();
        let mut cohort = |term: &[u8]| {
            let mask = terms.indication_mask(term, &mut scratch);
            cohort_names(&terms, mask).join(",")
        };
        assert_eq!(cohort(b"Skin wrinkling"), "cosmetic");
        assert_eq!(cohort(b" MUSCLE SPASTICITY "), "spasticity");
        assert_eq!(cohort(b"Hypertonic bladder"), "bladder");
        assert_eq!(cohort(b"Off label use"), "");
        assert_eq!(cohort(b"Migraine with aura"), "");
        assert_eq!(cohort(&[b'x'; 300]), "");
        let mut scratch = Vec::new();
        assert!(terms.is_depression(b"Depression", &mut scratch));
        assert!(terms.is_depression(b"DEPRESSED MOOD", &mut scratch));
        assert!(!terms.is_depression(b"Respiratory depression", &mut scratch));
        assert!(!terms.is_depression(b"Suicidal ideation", &mut scratch));
    }

    #[test]
    fn a_list_entry_needs_a_known_source_a_reason_and_a_known_cohort() {
        let header = "# version: 7\nterm,kind,source,reason\n";
        let ok = format!("{header}BOTOX,brand,faers.md 4.1,why\n");
        let ind = "indi_pt,cohort,source,reason\nMigraine,migraine,assumption,why\n";
        let dep = "pt,source,reason\nDepression,faers.md 4.3,why\n";
        let anti = "term,kind,source,reason\nZOLOFT,brand,assumption,why\n";
        let terms = Terms::from_lists(&ok, ind, dep, anti).unwrap();
        assert_eq!(terms.versions().bont, "7");
        assert_eq!(terms.versions().indications, "unversioned");
        assert_eq!(terms.cohorts(), ["migraine"]);

        for (bont, indications, want) in [
            (
                format!("{header}BOTOX,brand,a website,why\n"),
                ind.to_owned(),
                "bont.csv, line 3: source `a website`",
            ),
            (
                format!("{header}BOTOX,brand,assumption,\n"),
                ind.to_owned(),
                "bont.csv, line 3: `reason` is empty",
            ),
            (
                format!("{header}BOTOX,drug,assumption,why\n"),
                ind.to_owned(),
                "`drug` is not a kind",
            ),
            (
                format!("{header}BOTOX,brand,assumption,why\nbotox,brand,assumption,why\n"),
                ind.to_owned(),
                "line 4: `BOTOX` is listed twice",
            ),
            (
                ok.clone(),
                "indi_pt,cohort,source,reason\nAcne,skin,assumption,why\n".to_owned(),
                "indications.csv, line 2: `skin` is not a cohort",
            ),
            (
                ok.clone(),
                "indi_pt,source,reason\nAcne,assumption,why\n".to_owned(),
                "no column `cohort`",
            ),
        ] {
            let err = Terms::from_lists(&bont, &indications, dep, anti)
                .unwrap_err()
                .to_string();
            assert!(err.contains(want), "{err}");
        }
    }
}
