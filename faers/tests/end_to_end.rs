//! The whole build over synthetic quarters in memory: every count and figure equals the truth
//! the generator planned.

use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;

use glabella_core::data::{parse_csv, Arm};
use glabella_faers::synthetic::{generate, Expected, Layout, Spec, Truth};
use glabella_faers::{build, Built, Error, Options, Quarter, QuarterPlan, Source, Terms};

struct Memory(HashMap<(String, String), Vec<u8>>);

impl Source for Memory {
    fn read(
        &mut self,
        plan: &QuarterPlan,
        path: &str,
        read: &mut dyn FnMut(&mut dyn BufRead) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let bytes = &self.0[&(plan.input.clone(), path.to_owned())];
        // A small buffer, so lines cross buffer boundaries.
        let mut reader = std::io::BufReader::with_capacity(97, bytes.as_slice());
        read(&mut reader)
    }
}

fn quarter(year: u16, q: u8) -> Quarter {
    Quarter::new(year, q).unwrap()
}

fn spec(seed: u64) -> Spec {
    let mut layouts: Vec<Layout> = [
        (2012, 4),
        (2014, 2),
        (2014, 3),
        (2018, 1),
        (2019, 1),
        (2020, 1),
    ]
    .into_iter()
    .map(|(year, q)| Layout::new(quarter(year, q)))
    .collect();
    layouts[0].lower_case_names = true;
    layouts[0].header_spaces = true;
    layouts[1].crlf = false;
    layouts[1].folder = "ASCII".into();
    layouts[1].extension = ".TXT".into();
    layouts[1].trailing_dollar = true;
    layouts[2].upper_case_header = true;
    layouts[3].demo_suffix = "_new".into();
    layouts[4].deleted_files = vec![
        "deleted/ADR19Q1DeletedCases.txt".into(),
        "deleted/AllDeletedCases.txt".into(),
    ];
    layouts[4].crlf = false;
    layouts[5].deleted_files = vec!["Deleted/DELETE20Q1.txt".into()];
    Spec {
        seed,
        layouts,
        ordinary: 150,
        bont_share: 0.35,
        control_share: 0.35,
        depression_share: 0.3,
        antidepressant_share: 0.1,
        deleted_share: 0.05,
        edge_cases: true,
        shuffle: true,
        max_other_drugs: 4,
        max_reactions: 5,
    }
}

/// Builds the quarters given oldest first, or newest first: the order must not matter.
fn run(spec: &Spec, options: Options, newest_first: bool) -> (Built, Truth) {
    let (mut quarters, truth) = generate(spec);
    if newest_first {
        quarters.reverse();
    }
    let mut memory = HashMap::new();
    let mut plans = Vec::new();
    for files in &quarters {
        let paths: Vec<String> = files.files.iter().map(|(path, _)| path.clone()).collect();
        plans.push(QuarterPlan::new(&files.name, &paths).unwrap());
        for (path, bytes) in &files.files {
            memory.insert((files.name.clone(), path.clone()), bytes.clone());
        }
    }
    let terms = Terms::embedded();
    let built = build(&plans, &terms, options, &mut Memory(memory)).unwrap();
    (built, truth)
}

fn strata(
    built: &Built,
) -> BTreeMap<
    (
        String,
        bool,
        glabella_core::data::Sex,
        glabella_core::data::AgeBand,
        bool,
    ),
    u64,
> {
    let dataset = parse_csv(built.csv.as_bytes()).expect("the output is a valid v1 file");
    let mut res = BTreeMap::new();
    for stratum in dataset.strata {
        if stratum.reports == 0 {
            continue;
        }
        let key = (
            stratum.indication,
            stratum.arm == Arm::Bont,
            stratum.sex,
            stratum.age_band,
            stratum.depression,
        );
        assert!(res.insert(key, stratum.reports).is_none());
    }
    res
}

fn check(built: &Built, truth: &Truth, options: Options) {
    let want: Expected = truth.expected(options);
    let s = &built.summary;
    assert_eq!(s.reports_read, truth.reports_read, "reports read");
    assert_eq!(s.deleted_lists, truth.deleted_lists, "deleted lists");
    assert_eq!(s.deleted_list_cases, truth.deleted_list_cases, "listed");
    assert_eq!(s.cases_deleted, truth.cases_deleted, "cases deleted");
    assert_eq!(s.reports_deleted, truth.reports_deleted, "reports deleted");
    assert_eq!(
        s.versions_superseded, truth.versions_superseded,
        "superseded"
    );
    assert_eq!(s.cases, truth.cases, "cases");
    assert_eq!(s.rows, truth.rows, "rows");
    assert_eq!(s.rows_malformed, truth.rows_malformed, "malformed");
    assert_eq!(
        s.reports_excluded_antidepressants,
        want.excluded_antidepressants
    );
    assert_eq!(s.bont_reports_multi_cohort, want.bont_multi_cohort);
    assert_eq!(s.reports_excluded_multi_cohort, want.excluded_multi_cohort);
    assert_eq!(s.bont_reports_without_cohort, want.bont_without_cohort);
    let got = strata(built);
    for key in want.strata.keys().chain(got.keys()) {
        assert_eq!(got.get(key), want.strata.get(key), "{key:?}");
    }
    for cohort in &s.cohorts {
        let total = |bont: bool, depression: Option<bool>| -> u64 {
            want.strata
                .iter()
                .filter(|((slug, b, _, _, d), _)| {
                    *slug == cohort.cohort && *b == bont && depression.is_none_or(|x| x == *d)
                })
                .map(|(_, n)| n)
                .sum()
        };
        assert_eq!(cohort.bont, total(true, None), "{}", cohort.cohort);
        assert_eq!(cohort.control, total(false, None), "{}", cohort.cohort);
        assert_eq!(cohort.bont_depression, total(true, Some(true)));
        assert_eq!(cohort.control_depression, total(false, Some(true)));
    }
}

#[test]
fn every_option_gives_the_planned_counts() {
    for seed in [1, 2] {
        for (exclusive, keep_antidepressants) in
            [(false, false), (true, false), (false, true), (true, true)]
        {
            let options = Options {
                exclusive,
                keep_antidepressants,
            };
            for newest_first in [false, true] {
                let (built, truth) = run(&spec(seed), options, newest_first);
                check(&built, &truth, options);
            }
        }
    }
}

#[test]
fn the_truth_exercises_what_it_should() {
    let (built, truth) = run(&spec(3), Options::default(), false);
    let s = &built.summary;
    assert!(truth.cases_deleted > 5 && truth.reports_deleted > truth.cases_deleted);
    assert!(truth.versions_superseded > 50);
    assert!(truth.rows_malformed > 20);
    assert!(s.bont_reports_multi_cohort > 5);
    assert!(s.reports_excluded_antidepressants > 5);
    assert!(s.bont_reports_without_cohort > 5);
    assert!(s
        .cohorts
        .iter()
        .all(|c| c.bont > 0 && c.control > 0 && c.bont_depression > 0));
    assert_eq!(s.malformed_examples.len(), 10);
    assert!(
        s.version
            .starts_with("faers-2012q4,2014q2..2014q3,2018q1,2019q1,2020q1_bont-1_"),
        "{}",
        s.version
    );
    let dataset = parse_csv(built.csv.as_bytes()).unwrap();
    assert_eq!(
        dataset.provenance.version.as_deref(),
        Some(s.version.as_str())
    );
    assert!(dataset
        .provenance
        .source
        .as_deref()
        .unwrap()
        .contains("2012Q4, 2014Q2"));
}
