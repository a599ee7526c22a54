//! Seeded fuzzing of the two readers of untrusted text: scenario links and v1 CSV files.
//!
//! Input `index` of a run with `seed` is a pure function of the two, so any input can be made
//! again from its number alone. About nine inputs in ten are mutations of valid seeds (links from
//! `encode` and the presets, the default dataset and small generated files); the rest are random
//! bytes. Shared by the short pass (`tests/fuzz.rs`) and the long pass (`examples/fuzz.rs`),
//! each of which uses a part.

#![allow(dead_code)]

use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Once;
use std::time::{Duration, Instant};

use glabella_core::analysis::{analyze, GroupModel, Settings};
use glabella_core::data::{default_dataset, parse_csv, DataErrorKind, Dataset, DEFAULT_CSV};
use glabella_core::i18n::Lang;
use glabella_core::scenario::link::{
    decode, encode, Embed, Lesson, Link, Theme, View, LESSON_STEPS,
};
use glabella_core::scenario::presets::presets;
use glabella_core::scenario::{Scenario, Site, CI_LEVELS};
use glabella_core::stats::{Level, Xoshiro256StarStar, ZeroCellPolicy};

/// The core's xoshiro256** (seeded by SplitMix64), with the draws the harness needs.
pub struct Rng(Xoshiro256StarStar);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(Xoshiro256StarStar::seed_from_u64(seed))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform in `0..n`; `n` must not be 0.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `num / den`.
    pub fn chance(&mut self, num: usize, den: usize) -> bool {
        self.below(den) < num
    }

    /// A length from 0 to `max`, small ones more likely.
    pub fn length(&mut self, max: usize) -> usize {
        let scale = [4, 16, 64, 256, 1024, 4096, 65536][self.below(7)].min(max);
        self.below(scale + 1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// What is fuzzed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// `decode` and `encode` of scenario links.
    Url,
    /// `parse_csv`, then `analyze` of what it accepts.
    Csv,
}

impl Target {
    pub const ALL: [Target; 2] = [Target::Url, Target::Csv];

    pub fn name(self) -> &'static str {
        match self {
            Target::Url => "url",
            Target::Csv => "csv",
        }
    }

    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|target| target.name() == name)
    }

    /// The longest input made.
    fn max_len(self) -> usize {
        match self {
            Target::Url => 16 * 1024,
            Target::Csv => 256 * 1024,
        }
    }

    /// The time past which an input counts as a hang: 50 ms for a link; for a file 50 ms plus
    /// 2 µs a byte (over ten times what the default dataset costs). Ten times longer without
    /// optimisations.
    pub fn bound(self, len: usize) -> Duration {
        let base = match self {
            Target::Url => Duration::from_millis(50),
            Target::Csv => Duration::from_millis(50) + Duration::from_micros(2 * len as u64),
        };
        if cfg!(debug_assertions) {
            base * 10
        } else {
            base
        }
    }
}

/// Tokens that parsers of text tend to get wrong.
const TOKENS: &[&[u8]] = &[
    b"%",
    b"%2",
    b"%ZZ",
    b"%00",
    b"%25",
    b"%FF",
    b"%C3%28",
    b"%E2%80",
    b"&&",
    b"==",
    b"=",
    b"&",
    b",",
    b",,",
    b"\0",
    b"\xFF",
    b"\xC3",
    b"\xE2\x80",
    b"\xEF\xBB\xBF",
    b"\"",
    b"\"\"",
    b"\n",
    b"\r\n",
    b"\r",
    b"\n\n",
    b"#",
    b"?",
    b"+",
    b" ",
    b"\t",
    b"-",
    b".",
    b"18446744073709551616",
    b"18446744073709551615",
    b"9223372036854775807",
    b"9223372036854775808",
    b"4294967296",
    b"99999999999",
    b"1000000000",
    b"-1",
    b"-0",
    b"0.0",
    b"-2.5",
    b"1e309",
    b"NaN",
    b"inf",
    b"0",
    b"1",
    b"\xC3\xA9",
    b"\xE2\x80\xAE",
    b"\xF0\x9F\x98\x80",
];

const URL_TOKENS: &[&[u8]] = &[
    b"v",
    b"data",
    b"ci",
    b"zero",
    b"adjust",
    b"pool",
    b"frown",
    b"other_facial",
    b"no_facial",
    b"embed",
    b"theme",
    b"controls",
    b"lang",
    b"mode",
    b"lesson",
    b"step",
    b"teacher",
    b"7",
    b"8",
    b"90",
    b"95",
    b"99",
    b"none",
    b"haldane",
    b"always",
    b"sex,age_band",
    b"sex%2Cage_band",
    b"shared",
    b"separate",
    b"forest",
    b"workbench",
    b"dose",
    b"scorecard",
    b"all",
    b"auto",
    b"light",
    b"dark",
    b"en",
    b"ru",
    b"cosmetic",
    b"migraine",
    b"bladder",
    b"blepharospasm",
    b"https://example.org/?",
    b"#top",
    b"v=1&",
    b"&frown=bladder",
    b"&no_facial=cosmetic,cosmetic",
];

const CSV_TOKENS: &[&[u8]] = &[
    b"indication",
    b"arm",
    b"sex",
    b"age_band",
    b"depression",
    b"reports",
    b"bont",
    b"control",
    b"F",
    b"M",
    b"U",
    b"0-17",
    b"18-29",
    b"40-49",
    b"70+",
    b"# version: ",
    b"# source: ",
    b"indication,arm,sex,age_band,depression,reports\n",
    b"cosmetic,bont,F,40-49,1,",
    b"bladder,control,M,U,0,",
    b"\"a,b\"",
    b"\"\n\"",
    b",site",
    b",face",
];

/// The number of kinds of mutation, and the one that replaces a whole field.
const OPS: usize = 9;
const FIELD: usize = 7;

/// The seeds and tokens of a run; the same on every run.
pub struct Corpus {
    /// The datasets links are decoded against: the default one and a small one of its own.
    pub datasets: Vec<Dataset>,
    /// Valid links: presets and random scenarios, each with the index of its dataset.
    url_seeds: Vec<(usize, Vec<u8>)>,
    csv_seeds: Vec<Vec<u8>>,
}

impl Corpus {
    pub fn new() -> Corpus {
        let mut rng = Rng::new(0x5EED);
        let mut csv_seeds = vec![DEFAULT_CSV.as_bytes().to_vec()];
        for _ in 0..48 {
            csv_seeds.push(generated_csv(&mut rng));
        }
        let datasets = vec![
            default_dataset(),
            parse_csv(&generated_csv(&mut Rng::new(7))).expect("a generated file parses"),
        ];
        let mut url_seeds = Vec::new();
        for (idx, dataset) in datasets.iter().enumerate() {
            for preset in presets(dataset) {
                url_seeds.push((idx, preset.query(dataset).into_bytes()));
            }
            for _ in 0..40 {
                let link = random_link(&mut rng, dataset);
                url_seeds.push((idx, encode(&link, dataset).into_bytes()));
            }
        }
        for text in [
            "https://example.org/glabella/?v=1&ci=99&zero=always#scorecard",
            "?v=2&data=other&ci=90&ci=95&lang=ru&mode=compare&x=1",
            "frown=cosmetic,nope,,bladder&no_facial=bladder&embed=none&theme=sepia&controls=2",
            "v=1&adjust=sex&pool=random&lang=fr&zero=%68aldane&%63i=99",
        ] {
            url_seeds.push((0, text.as_bytes().to_vec()));
        }
        Corpus {
            datasets,
            url_seeds,
            csv_seeds,
        }
    }

    /// Input `index` of the run with `seed`, and for a link the dataset it is read with.
    pub fn input(&self, target: Target, seed: u64, index: u64) -> (Vec<u8>, usize) {
        let mut rng = Rng::new(seed ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03));
        let max = target.max_len();
        if rng.chance(1, 10) {
            return (random_bytes(&mut rng, max), rng.below(self.datasets.len()));
        }
        let extra = match target {
            Target::Url => URL_TOKENS,
            Target::Csv => CSV_TOKENS,
        };
        // Four in ten files: a fresh valid file with a field or two replaced, so that most
        // reach the analysis.
        if target == Target::Csv && rng.chance(4, 9) {
            let mut bytes = generated_csv(&mut rng);
            for _ in 0..rng.below(3) {
                self.mutate(&mut rng, FIELD, target, extra, &mut bytes);
            }
            return (bytes, 0);
        }
        let (dataset, mut bytes) = match target {
            Target::Url => {
                let (dataset, seed) = rng.pick(&self.url_seeds);
                (*dataset, seed.clone())
            }
            Target::Csv => (0, rng.pick(&self.csv_seeds).clone()),
        };
        let rounds = if rng.chance(1, 2) {
            1
        } else {
            2 + rng.below(7)
        };
        for _ in 0..rounds {
            let op = rng.below(OPS);
            self.mutate(&mut rng, op, target, extra, &mut bytes);
            bytes.truncate(max);
        }
        (bytes, dataset)
    }

    /// Applies mutation `op` (`0..OPS`).
    fn mutate(
        &self,
        rng: &mut Rng,
        op: usize,
        target: Target,
        extra: &[&[u8]],
        bytes: &mut Vec<u8>,
    ) {
        let at = rng.below(bytes.len() + 1);
        let token = |rng: &mut Rng| -> Vec<u8> {
            if rng.chance(1, 2) {
                rng.pick(TOKENS).to_vec()
            } else {
                rng.pick(extra).to_vec()
            }
        };
        match op {
            // Flip a bit, or set a byte.
            0 if !bytes.is_empty() => {
                let idx = rng.below(bytes.len());
                if rng.chance(1, 2) {
                    bytes[idx] ^= 1 << rng.below(8);
                } else {
                    bytes[idx] = rng.next_u64() as u8;
                }
            }
            1 => {
                let token = token(rng);
                bytes.splice(at..at, token);
            }
            // A long run of one byte or one token.
            2 => {
                let unit = if rng.chance(1, 2) {
                    vec![rng.next_u64() as u8]
                } else {
                    token(rng)
                };
                let times = 1 + rng.length(target.max_len() / unit.len().max(1));
                let run: Vec<u8> = unit.repeat(times);
                bytes.splice(at..at, run);
            }
            3 => {
                let end = (at + rng.length(bytes.len())).min(bytes.len());
                bytes.drain(at..end);
            }
            // Copy a stretch elsewhere.
            4 if !bytes.is_empty() => {
                let from = rng.below(bytes.len());
                let end = (from + 1 + rng.length(bytes.len())).min(bytes.len());
                let chunk = bytes[from..end].to_vec();
                bytes.splice(at..at, chunk);
            }
            // Splice: this input's start, another seed's end.
            5 => {
                let other = match target {
                    Target::Url => &rng.pick(&self.url_seeds).1,
                    Target::Csv => rng.pick(&self.csv_seeds),
                };
                let from = rng.below(other.len() + 1);
                bytes.truncate(at);
                bytes.extend_from_slice(&other[from..]);
            }
            6 => bytes.truncate(at),
            // Replace one whole field or value (from just after a separator up to the next
            // one) by a token.
            FIELD => {
                let is_separator = |byte: &u8| b",\n&=;?".contains(byte);
                let starts: Vec<usize> = std::iter::once(0)
                    .chain(
                        (0..bytes.len())
                            .filter(|&idx| is_separator(&bytes[idx]))
                            .map(|idx| idx + 1),
                    )
                    .collect();
                let start = *rng.pick(&starts);
                let end = bytes[start..]
                    .iter()
                    .position(is_separator)
                    .map_or(bytes.len(), |pos| start + pos);
                let token = token(rng);
                bytes.splice(start..end, token);
            }
            _ => {
                let token = token(rng);
                let at = rng.below(bytes.len() + 1);
                bytes.splice(at..at, token);
            }
        }
    }
}

impl Default for Corpus {
    fn default() -> Corpus {
        Corpus::new()
    }
}

/// Random bytes: any byte, or only the ones that mean something to the parsers.
fn random_bytes(rng: &mut Rng, max: usize) -> Vec<u8> {
    let len = rng.length(max);
    let alphabet: &[u8] = b"%&=?#+,;\"\n\r-.0123456789abcdefFMU _";
    let structural = rng.chance(1, 2);
    (0..len)
        .map(|_| {
            if structural {
                *rng.pick(alphabet)
            } else {
                rng.next_u64() as u8
            }
        })
        .collect()
}

/// Valid counts far beyond any real dataset.
const HUGE: &[&str] = &[
    "1000000",
    "100000000",
    "4294967296",
    "1000000000000",
    "9223372036854775807",
    "18446744073709551615",
];

/// A small valid v1 file: columns in any order, extra columns, comments, quotes, blank lines,
/// CRLF or LF, sometimes a byte-order mark.
fn generated_csv(rng: &mut Rng) -> Vec<u8> {
    let mut columns: Vec<&str> = vec![
        "indication",
        "arm",
        "sex",
        "age_band",
        "depression",
        "reports",
    ];
    for extra in ["site", "year", "reporter"] {
        if rng.chance(1, 3) {
            columns.push(extra);
        }
    }
    for idx in (1..columns.len()).rev() {
        columns.swap(idx, rng.below(idx + 1));
    }
    let newline = if rng.chance(1, 3) { "\r\n" } else { "\n" };
    let mut text = String::new();
    if rng.chance(1, 5) {
        text.push('\u{feff}');
    }
    if rng.chance(1, 2) {
        text.push_str(&format!("# version: gen-{}{newline}", rng.below(100)));
    }
    if rng.chance(1, 2) {
        text.push_str(&format!(
            "# source: generated, seed {}{newline}",
            rng.below(1000)
        ));
    }
    text.push_str(&columns.join(","));
    text.push_str(newline);
    let cohorts = [
        "cosmetic", "migraine", "bladder", "alpha", "beta-2", "gamma_3",
    ];
    let mut seen = Vec::new();
    for _ in 0..1 + rng.below(24) {
        let row: Vec<String> = columns
            .iter()
            .map(|&column| match column {
                "indication" => rng.pick(&cohorts).to_string(),
                "arm" => rng.pick(&["bont", "control"]).to_string(),
                "sex" => rng.pick(&["F", "M", "U"]).to_string(),
                "age_band" => rng
                    .pick(&["0-17", "18-29", "40-49", "70+", "U"])
                    .to_string(),
                "depression" => rng.pick(&["0", "1"]).to_string(),
                "reports" if rng.chance(1, 40) => rng.pick(HUGE).to_string(),
                "reports" => [0, 1, 7, 250, 12_000][rng.below(5)].to_string(),
                "site" => rng.pick(&["face", "neck", "\"arm, left\""]).to_string(),
                _ => rng.below(3).to_string(),
            })
            .collect();
        let key: Vec<&String> = columns
            .iter()
            .zip(&row)
            .filter(|(column, _)| **column != "reports")
            .map(|(_, value)| value)
            .collect();
        let key = format!("{key:?}");
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        text.push_str(&row.join(","));
        text.push_str(newline);
        if rng.chance(1, 8) {
            text.push_str(newline);
        }
        if rng.chance(1, 8) {
            text.push_str(&format!("# a comment{newline}"));
        }
    }
    text.into_bytes()
}

fn random_link(rng: &mut Rng, dataset: &Dataset) -> Link {
    let mut scenario = Scenario::for_dataset(dataset);
    scenario.ci_level = Level::new(*rng.pick(&CI_LEVELS)).unwrap_or(Level::NINETY_FIVE);
    scenario.zero_cell = *rng.pick(&ZeroCellPolicy::ALL);
    scenario.adjusted = rng.chance(1, 2);
    scenario.pooling = *rng.pick(&[GroupModel::SharedTau2, GroupModel::Separate]);
    for slug in dataset.indications() {
        if rng.chance(1, 3) {
            scenario.move_cohort(slug, *rng.pick(&Site::ALL));
        }
    }
    Link {
        scenario,
        view: View {
            embed: rng.chance(1, 3).then(|| *rng.pick(&Embed::ALL)),
            theme: *rng.pick(&Theme::ALL),
            controls: rng.chance(3, 4),
            lang: rng.chance(1, 4).then(|| *rng.pick(&Lang::ALL)),
            lesson: rng.chance(1, 4).then(|| Lesson {
                step: 1 + rng.below(usize::from(LESSON_STEPS)) as u8,
                teacher: rng.chance(1, 2),
            }),
        },
    }
}

/// Decodes a link; checks that the scenario has one entry per cohort and that its canonical
/// encoding comes back whole with no notice.
pub fn check_url(bytes: &[u8], dataset: &Dataset) -> Result<(), String> {
    let query = String::from_utf8_lossy(bytes);
    let (link, notices) = decode(&query, dataset);
    let cohorts: Vec<&str> = link
        .scenario
        .assignment
        .iter()
        .map(|(cohort, _)| cohort.as_str())
        .collect();
    if cohorts != dataset.indications() {
        return Err(format!("the scenario's cohorts are {cohorts:?}"));
    }
    if let Some(notice) = notices.iter().find(|notice| {
        Lang::ALL
            .iter()
            .any(|&lang| notice.message(lang).is_empty())
    }) {
        return Err(format!("a notice says nothing: {notice:?}"));
    }
    let canonical = encode(&link, dataset);
    let (back, again) = decode(&canonical, dataset);
    if back != link || !again.is_empty() {
        return Err(format!(
            "`{canonical}` does not come back: {again:?}, {back:?}"
        ));
    }
    if encode(&back, dataset) != canonical {
        return Err(format!("`{canonical}` is not canonical"));
    }
    Ok(())
}

/// Parses a file; checks that an error names its line (unless it is about the whole file) and
/// that a file that parses can be analysed crude, by the scenario's groups, and stratified.
pub fn check_csv(bytes: &[u8]) -> Result<(), String> {
    let dataset = match parse_csv(bytes) {
        Err(err) => {
            let message = err.to_string();
            let russian = err.message(Lang::Ru);
            let whole_file = matches!(err.kind, DataErrorKind::Empty | DataErrorKind::NoHeader);
            let lines = 1 + bytes.iter().filter(|&&byte| byte == b'\n').count() as u64;
            return match err.line {
                None if whole_file => Ok(()),
                None => Err(format!("the error names no line: {message}")),
                Some(_) if !message.contains("line ") => {
                    Err(format!("the message names no line: {message}"))
                }
                Some(_) if !russian.starts_with("строка ") => {
                    Err(format!("the Russian message names no line: {russian}"))
                }
                Some(line) if line == 0 || line > lines => {
                    Err(format!("line {line} of a file of {lines} lines: {message}"))
                }
                Some(_) => Ok(()),
            };
        }
        Ok(dataset) => dataset,
    };
    let scenario = Scenario::for_dataset(&dataset);
    let mut extra = dataset.extra_columns.clone();
    extra.push("sex".into());
    let runs = [
        Settings::default(),
        scenario.settings(),
        Settings {
            stratify: vec!["sex".into(), "age_band".into()],
            zero_cell: ZeroCellPolicy::None,
            pooling: GroupModel::Separate,
            ..scenario.settings()
        },
        Settings {
            stratify: extra,
            ..scenario.settings()
        },
    ];
    for settings in &runs {
        if let Err(err) = analyze(&dataset, settings) {
            return Err(format!("analysis failed with {settings:?}: {err}"));
        }
    }
    Ok(())
}

/// How one input went.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Passed,
    /// A check failed: a wrong result, not a panic.
    Failed(String),
    Panicked(String),
    /// Returned, but after more than the target's bound.
    Slow(Duration),
}

thread_local! {
    /// Set while an input runs: its panic message is kept here instead of printed.
    static CAUGHT: RefCell<Option<Option<String>>> = const { RefCell::new(None) };
}

/// Keeps the message of a panic inside [`run_one`]; other panics print as usual.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let kept = CAUGHT.with(|caught| {
                let mut caught = caught.borrow_mut();
                match caught.as_mut() {
                    Some(slot) => {
                        *slot = Some(info.to_string());
                        true
                    }
                    None => false,
                }
            });
            // Without unwinding the process ends here: say why, as usual.
            if !kept || cfg!(panic = "abort") {
                previous(info);
            }
        }));
    });
}

/// Runs one input through its target's checks, catching a panic and timing it. An input over
/// its bound runs twice more and keeps its fastest time, so that a busy machine is not taken for
/// a hang.
pub fn run_one(
    corpus: &Corpus,
    target: Target,
    bytes: &[u8],
    dataset: usize,
) -> (Outcome, Duration) {
    install_panic_hook();
    let bound = target.bound(bytes.len());
    let mut fastest = Duration::MAX;
    for _ in 0..3 {
        CAUGHT.with(|caught| *caught.borrow_mut() = Some(None));
        let start = Instant::now();
        let res = panic::catch_unwind(AssertUnwindSafe(|| match target {
            Target::Url => check_url(bytes, &corpus.datasets[dataset]),
            Target::Csv => check_csv(bytes),
        }));
        let elapsed = start.elapsed();
        let message = CAUGHT.with(|caught| caught.borrow_mut().take().flatten());
        fastest = fastest.min(elapsed);
        match res {
            Err(_) => {
                let message = message.unwrap_or_else(|| "a panic".into());
                return (Outcome::Panicked(message), elapsed);
            }
            Ok(Err(problem)) => return (Outcome::Failed(problem), elapsed),
            Ok(Ok(())) if fastest <= bound => return (Outcome::Passed, fastest),
            Ok(Ok(())) => {}
        }
    }
    (Outcome::Slow(fastest), fastest)
}

/// Where failing inputs are written: `target/fuzz-crashes/` of the workspace.
pub fn crash_dir() -> PathBuf {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."));
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace.join("target"));
    target.join("fuzz-crashes")
}

/// Writes a failing input to [`crash_dir`], named by target, seed and index.
pub fn save(target: Target, seed: u64, index: u64, bytes: &[u8]) -> PathBuf {
    let dir = crash_dir();
    let path = dir.join(format!("{}-seed{seed}-{index}.bin", target.name()));
    let written = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, bytes));
    if let Err(err) = written {
        eprintln!("could not write {}: {err}", path.display());
    }
    path
}

/// The first bytes of an input, escaped, for a one-line report.
pub fn preview(bytes: &[u8]) -> String {
    let shown: String = bytes
        .iter()
        .take(120)
        .flat_map(|&b| std::ascii::escape_default(b))
        .map(char::from)
        .collect();
    if bytes.len() > 120 {
        format!("{shown}… ({} bytes)", bytes.len())
    } else {
        shown
    }
}
