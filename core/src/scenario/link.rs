//! Scenario links: every control of the explainer in a query string with readable keys.
//!
//! The keys are a public contract: `v` (schema version, `1`), `data` (dataset version), `ci`
//! (`90`, `95`, `99`), `zero` (`none`, `haldane`, `always`), `adjust` (`sex,age_band` or absent),
//! `pool` (`shared`, `separate`), `frown`, `other_facial`, `no_facial` (comma-separated cohort
//! slugs; a cohort not listed stays where the catalog puts it), `embed`, `theme`, `controls`,
//! `lang` (`en`, `ru`), `mode` (`lesson`), `step` (`1` to [`LESSON_STEPS`]) and `teacher` (`1`),
//! the last two only with `mode=lesson`. Defaults are left out, so the default page has a clean
//! URL.
//!
//! [`decode`] is total: any string gives a valid [`Link`] and a list of [`Notice`]s, one for
//! every key it could not honour. [`encode`] is canonical (one query per link), and
//! `decode(encode(link))` gives the link back.

use std::fmt;

use crate::analysis::{GroupModel, Missed};
use crate::data::Dataset;
use crate::i18n::Lang;
use crate::stats::{Level, ZeroCellPolicy};

use super::{Scenario, Site, CI_LEVELS};

/// The schema version this code writes and reads.
pub const SCHEMA_VERSION: &str = "1";

/// One part of the page shown alone, for embedding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Embed {
    Forest,
    Workbench,
    Dose,
    Scorecard,
    /// The whole explainer without page chrome.
    All,
}

impl Embed {
    pub const ALL: [Embed; 5] = [
        Embed::Forest,
        Embed::Workbench,
        Embed::Dose,
        Embed::Scorecard,
        Embed::All,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Embed::Forest => "forest",
            Embed::Workbench => "workbench",
            Embed::Dose => "dose",
            Embed::Scorecard => "scorecard",
            Embed::All => "all",
        }
    }

    pub fn from_code(code: &str) -> Option<Embed> {
        Embed::ALL.into_iter().find(|embed| embed.code() == code)
    }
}

/// The colour scheme; `Auto` follows the reader's system.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::Auto, Theme::Light, Theme::Dark];

    pub fn code(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn from_code(code: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|theme| theme.code() == code)
    }
}

/// The number of steps of the lesson (static/lesson.js shows them; `step=` takes 1 to this).
pub const LESSON_STEPS: u8 = 7;

/// The page as a lesson for a class (`mode=lesson`): one step at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Lesson {
    /// From 1 to [`LESSON_STEPS`]. The link only opens the lesson at it: once the page runs, the
    /// lesson's own script moves between steps and keeps the URL's `step=` (static/lesson.js).
    pub step: u8,
    /// Whether the teacher's notes show (`teacher=1`).
    pub teacher: bool,
}

impl Lesson {
    /// The lesson from its first step, without the teacher's notes.
    pub fn start() -> Lesson {
        Lesson {
            step: 1,
            teacher: false,
        }
    }

    /// A step the lesson has, by its number as a link writes it.
    pub fn step_of(code: &str) -> Option<u8> {
        parse_seed(code)
            .filter(|step| (1..=u64::from(LESSON_STEPS)).contains(step))
            .map(|step| step as u8)
    }
}

/// How the page is shown, as opposed to what it computes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct View {
    /// Only this part, for an iframe; `None` for the full page.
    pub embed: Option<Embed>,
    pub theme: Theme,
    /// `false` for a static figure: no inputs, the scenario still comes from the link.
    pub controls: bool,
    /// A language asked for by the link (`lang=ru`); `None` follows the browser.
    pub lang: Option<Lang>,
    /// The lesson (`mode=lesson`); `None` for the explainer.
    pub lesson: Option<Lesson>,
}

impl View {
    /// The full page with its controls, in the reader's colour scheme.
    pub fn page() -> View {
        View {
            embed: None,
            theme: Theme::Auto,
            controls: true,
            lang: None,
            lesson: None,
        }
    }
}

/// Everything a link says.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub scenario: Scenario,
    pub view: View,
}

/// What the page shows instead of a value it cannot use, in the reader's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Instead {
    /// The default confidence level.
    Level,
    /// The default zero-cell policy, by its label in the settings.
    ZeroCell,
    /// No adjustment.
    Crude,
    /// One random-effects model for all groups.
    SharedModel,
    /// No depression missed in either arm.
    NoneMissed,
    /// No sensitivity run.
    NoReconstructions,
    /// The full page rather than one part.
    WholePage,
    /// The reader's colour scheme.
    SystemTheme,
    /// The page with its controls.
    Controls,
    /// The language of the page the notice is shown on.
    PageLanguage,
    /// The explainer, for a mode this version lacks.
    Explainer,
    /// The lesson's first step.
    FirstStep,
    /// The lesson without the teacher's notes.
    NoTeacherNotes,
}

impl Instead {
    /// As the reader sees it ("95%", "the crude comparison").
    pub fn label(self, lang: Lang) -> String {
        use crate::i18n::notice;
        match self {
            Instead::Level => crate::format::percent_label(lang, Level::NINETY_FIVE.get()),
            Instead::ZeroCell => notice::instead_zero(lang).to_owned(),
            Instead::Crude => notice::instead_crude(lang).to_owned(),
            Instead::SharedModel => notice::instead_pool(lang).to_owned(),
            Instead::NoneMissed => notice::instead_missed(lang).to_owned(),
            Instead::NoReconstructions => notice::instead_seed(lang).to_owned(),
            Instead::WholePage => notice::instead_embed(lang).to_owned(),
            Instead::SystemTheme => notice::instead_theme(lang).to_owned(),
            Instead::Controls => notice::instead_controls(lang).to_owned(),
            Instead::PageLanguage => notice::instead_lang(lang).to_owned(),
            Instead::Explainer => notice::instead_mode(lang).to_owned(),
            Instead::FirstStep => crate::i18n::lesson::instead_step(lang).to_owned(),
            Instead::NoTeacherNotes => crate::i18n::lesson::instead_teacher(lang).to_owned(),
        }
    }
}

/// Something in a link that the page could not honour, and what it did instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// A key this page does not know; ignored.
    UnknownKey { key: String },
    /// A value the key does not take; the default is shown instead.
    BadValue {
        key: &'static str,
        value: String,
        /// What is shown instead.
        instead: Instead,
    },
    /// A cohort the dataset does not have; left out.
    UnknownCohort { key: &'static str, cohort: String },
    /// A cohort named under two groups, or twice; it stays where the catalog puts it.
    CohortTwice { cohort: String },
    /// The link was made with another dataset version: the numbers may differ from then.
    OtherDataset { linked: String, current: String },
    /// A schema version this page does not know; read as version 1.
    OtherSchema { version: String },
    /// A key given twice; the first is used.
    KeyTwice { key: String },
    /// A feature the key asks for is not available in this version of the page.
    NotAvailable {
        key: &'static str,
        value: String,
        instead: Instead,
    },
    /// A key of the lesson (`step`, `teacher`) in a link without `mode=lesson`; ignored.
    LessonOnly { key: &'static str, value: String },
}

impl Notice {
    /// The key the notice is about.
    pub fn key(&self) -> &str {
        match self {
            Notice::UnknownKey { key } | Notice::KeyTwice { key } => key,
            Notice::BadValue { key, .. }
            | Notice::UnknownCohort { key, .. }
            | Notice::NotAvailable { key, .. }
            | Notice::LessonOnly { key, .. } => key,
            Notice::CohortTwice { .. } => "cohorts",
            Notice::OtherDataset { .. } => "data",
            Notice::OtherSchema { .. } => "v",
        }
    }

    /// The notice in one sentence, in `lang`; the values from the link stay as they were given.
    pub fn message(&self, lang: Lang) -> String {
        use crate::i18n::notice;
        match self {
            Notice::UnknownKey { key } => notice::unknown_key(lang, key),
            Notice::BadValue {
                key,
                value,
                instead,
            } => notice::bad_value(lang, key, value, &instead.label(lang)),
            Notice::UnknownCohort { key, cohort } => notice::unknown_cohort(lang, key, cohort),
            Notice::CohortTwice { cohort } => notice::cohort_twice(lang, cohort),
            Notice::OtherDataset { linked, current } => {
                notice::other_dataset(lang, linked, current)
            }
            Notice::OtherSchema { version } => notice::other_schema(lang, version, SCHEMA_VERSION),
            Notice::KeyTwice { key } => notice::key_twice(lang, key),
            Notice::NotAvailable {
                key,
                value,
                instead,
            } => notice::not_available(lang, key, value, &instead.label(lang)),
            Notice::LessonOnly { key, value } => crate::i18n::lesson::lesson_only(lang, key, value),
        }
    }
}

/// In English, as the command prints it.
impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// Percent-decodes a query component (`+` is a space); invalid UTF-8 is replaced, never an error.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut res = Vec::with_capacity(bytes.len());
    let mut idx = 0;
    while idx < bytes.len() {
        match bytes[idx] {
            b'+' => res.push(b' '),
            b'%' if idx + 2 < bytes.len() => match (hex(bytes[idx + 1]), hex(bytes[idx + 2])) {
                (Some(high), Some(low)) => {
                    res.push(high * 16 + low);
                    idx += 2;
                }
                _ => res.push(b'%'),
            },
            byte => res.push(byte),
        }
        idx += 1;
    }
    String::from_utf8_lossy(&res).into_owned()
}

fn hex(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

/// Keeps a value readable in a notice: at most 40 characters.
fn shorten(value: &str) -> String {
    let mut res: String = value.chars().take(40).collect();
    if value.chars().count() > 40 {
        res.push('…');
    }
    res
}

/// The level of a `ci` value, by its whole-number percentage.
fn level_of(code: &str) -> Option<Level> {
    CI_LEVELS
        .iter()
        .find(|&&level| level_code(level) == code)
        .and_then(|&level| Level::new(level))
}

/// `0.95` → `"95"`, without float formatting (a few kilobytes of wasm).
fn level_code(level: f64) -> &'static str {
    match (level * 100.0).round() as u32 {
        90 => "90",
        95 => "95",
        _ => "99",
    }
}

/// A seed: a whole number from 0 to 2⁶⁴ − 1, digits only.
fn parse_seed(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

const ADJUST_VALUE: &str = "sex,age_band";
const COHORT_KEYS: [(&str, Site); 3] = [
    ("frown", Site::Frown),
    ("other_facial", Site::OtherFacial),
    ("no_facial", Site::NoFacial),
];

/// Reads a query string (with or without its `?`, or a whole URL) for a dataset.
///
/// Never fails: what it cannot use falls back to the dataset's default scenario and is listed as
/// a [`Notice`], one per key.
pub fn decode(query: &str, dataset: &Dataset) -> (Link, Vec<Notice>) {
    let query = match query.split_once('?') {
        Some((_, rest)) => rest,
        None if query.contains('=') || query.is_empty() => query,
        None => "",
    };
    // A fragment is not part of the query.
    let query = query.split('#').next().unwrap_or("");
    let mut scenario = Scenario::for_dataset(dataset);
    let mut view = View::page();
    let mut notices = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut placed: Vec<(String, Site)> = Vec::new();
    let mut twice: Vec<String> = Vec::new();
    let current = dataset.provenance.version.clone().unwrap_or_default();
    // The lesson's keys may come in any order: read first, applied after the loop.
    let mut lesson = false;
    let mut lesson_keys: Vec<(&'static str, String)> = Vec::new();
    let mut step = None;
    let mut teacher = None;

    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = percent_decode(raw_key);
        let value = percent_decode(raw_value);
        if seen.contains(&key) {
            notices.push(Notice::KeyTwice { key: shorten(&key) });
            continue;
        }
        seen.push(key.clone());
        let bad = |key: &'static str, instead: Instead| Notice::BadValue {
            key,
            value: shorten(&value),
            instead,
        };
        match key.as_str() {
            "v" if value != SCHEMA_VERSION => notices.push(Notice::OtherSchema {
                version: shorten(&value),
            }),
            "v" => {}
            "data" if value != current => notices.push(Notice::OtherDataset {
                linked: shorten(&value),
                current: current.clone(),
            }),
            "data" => {}
            "ci" => match level_of(&value) {
                Some(level) => scenario.ci_level = level,
                None => notices.push(bad("ci", Instead::Level)),
            },
            "zero" => match ZeroCellPolicy::from_code(&value) {
                Some(policy) => scenario.zero_cell = policy,
                None => notices.push(bad("zero", Instead::ZeroCell)),
            },
            "adjust" if value == ADJUST_VALUE => scenario.adjusted = true,
            "adjust" => notices.push(bad("adjust", Instead::Crude)),
            "pool" => match value.as_str() {
                "shared" => scenario.pooling = GroupModel::SharedTau2,
                "separate" => scenario.pooling = GroupModel::Separate,
                _ => notices.push(bad("pool", Instead::SharedModel)),
            },
            "missed_bont" | "missed_control" => {
                match parse_seed(&value).filter(|&percent| percent <= u64::from(Missed::MAX)) {
                    Some(percent) if key == "missed_bont" => scenario.missed.bont = percent as u8,
                    Some(percent) => scenario.missed.control = percent as u8,
                    None if key == "missed_bont" => {
                        notices.push(bad("missed_bont", Instead::NoneMissed))
                    }
                    None => notices.push(bad("missed_control", Instead::NoneMissed)),
                }
            }
            "seed" => match parse_seed(&value) {
                Some(seed) => scenario.sensitivity_seed = Some(seed),
                None => notices.push(bad("seed", Instead::NoReconstructions)),
            },
            "embed" => match Embed::from_code(&value) {
                Some(embed) => view.embed = Some(embed),
                None => notices.push(bad("embed", Instead::WholePage)),
            },
            "theme" => match Theme::from_code(&value) {
                Some(theme) => view.theme = theme,
                None => notices.push(bad("theme", Instead::SystemTheme)),
            },
            "controls" => match value.as_str() {
                "0" => view.controls = false,
                "1" => view.controls = true,
                _ => notices.push(bad("controls", Instead::Controls)),
            },
            "lang" => match Lang::from_code(&value) {
                Some(lang) => view.lang = Some(lang),
                None => notices.push(bad("lang", Instead::PageLanguage)),
            },
            "mode" if value == "lesson" => lesson = true,
            "mode" => notices.push(bad("mode", Instead::Explainer)),
            "step" => match Lesson::step_of(&value) {
                Some(number) => {
                    step = Some(number);
                    lesson_keys.push(("step", shorten(&value)));
                }
                None => notices.push(bad("step", Instead::FirstStep)),
            },
            "teacher" => match value.as_str() {
                "0" | "1" => {
                    teacher = Some(value == "1");
                    lesson_keys.push(("teacher", shorten(&value)));
                }
                _ => notices.push(bad("teacher", Instead::NoTeacherNotes)),
            },
            _ => match COHORT_KEYS.iter().find(|(name, _)| *name == key) {
                Some(&(name, site)) => {
                    for cohort in value.split(',').filter(|c| !c.is_empty()) {
                        if scenario.site_of(cohort).is_none() {
                            notices.push(Notice::UnknownCohort {
                                key: name,
                                cohort: shorten(cohort),
                            });
                        } else if placed.iter().any(|(c, _)| c == cohort) {
                            if !twice.iter().any(|c| c == cohort) {
                                twice.push(cohort.to_owned());
                            }
                        } else {
                            placed.push((cohort.to_owned(), site));
                        }
                    }
                }
                None => notices.push(Notice::UnknownKey { key: shorten(&key) }),
            },
        }
    }
    for (cohort, site) in &placed {
        if !twice.contains(cohort) {
            scenario.move_cohort(cohort, *site);
        }
    }
    notices.extend(
        twice
            .into_iter()
            .map(|cohort| Notice::CohortTwice { cohort }),
    );
    if lesson {
        view.lesson = Some(Lesson {
            step: step.unwrap_or(1),
            teacher: teacher.unwrap_or(false),
        });
    } else {
        notices.extend(
            lesson_keys
                .into_iter()
                .map(|(key, value)| Notice::LessonOnly { key, value }),
        );
    }
    (Link { scenario, view }, notices)
}

/// The canonical query string of a link, without `?`; empty for the default page.
///
/// Only what differs from the default is written, in the order of the contract. The dataset
/// version is written whenever anything else is, so that a link says which numbers it meant.
pub fn encode(link: &Link, dataset: &Dataset) -> String {
    let scenario = &link.scenario;
    let default = Scenario::for_dataset(dataset);
    let mut pairs: Vec<(&str, String)> = Vec::new();
    if scenario.ci_level != default.ci_level {
        pairs.push(("ci", level_code(scenario.ci_level.get()).to_owned()));
    }
    if scenario.zero_cell != default.zero_cell {
        pairs.push(("zero", scenario.zero_cell.code().to_owned()));
    }
    if scenario.adjusted {
        pairs.push(("adjust", ADJUST_VALUE.to_owned()));
    }
    if scenario.pooling != default.pooling {
        let code = match scenario.pooling {
            GroupModel::Separate => "separate",
            _ => "shared",
        };
        pairs.push(("pool", code.to_owned()));
    }
    for (name, site) in COHORT_KEYS {
        let moved: Vec<&str> = scenario
            .assignment
            .iter()
            .filter(|(cohort, s)| *s == site && default.site_of(cohort) != Some(site))
            .map(|(cohort, _)| cohort.as_str())
            .collect();
        if !moved.is_empty() {
            pairs.push((name, moved.join(",")));
        }
    }
    if scenario.missed.bont > 0 {
        pairs.push(("missed_bont", scenario.missed.bont.to_string()));
    }
    if scenario.missed.control > 0 {
        pairs.push(("missed_control", scenario.missed.control.to_string()));
    }
    if let Some(seed) = scenario.sensitivity_seed {
        pairs.push(("seed", seed.to_string()));
    }
    let view = &link.view;
    if let Some(embed) = view.embed {
        pairs.push(("embed", embed.code().to_owned()));
    }
    if view.theme != Theme::Auto {
        pairs.push(("theme", view.theme.code().to_owned()));
    }
    if !view.controls {
        pairs.push(("controls", "0".to_owned()));
    }
    if let Some(lang) = view.lang {
        pairs.push(("lang", lang.code().to_owned()));
    }
    if let Some(lesson) = view.lesson {
        pairs.push(("mode", "lesson".to_owned()));
        if lesson.step != 1 {
            pairs.push(("step", lesson.step.to_string()));
        }
        if lesson.teacher {
            pairs.push(("teacher", "1".to_owned()));
        }
    }
    if pairs.is_empty() {
        return String::new();
    }
    let mut res = format!("v={SCHEMA_VERSION}");
    if let Some(version) = &dataset.provenance.version {
        res.push_str("&data=");
        res.push_str(&percent_encode(version));
    }
    for (key, value) in pairs {
        res.push('&');
        res.push_str(key);
        res.push('=');
        res.push_str(&percent_encode(&value));
    }
    res
}

/// Percent-encodes what a query value cannot hold as is; commas stay readable.
fn percent_encode(text: &str) -> String {
    let mut res = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b',' | b'~') {
            res.push(byte as char);
        } else {
            const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
            res.push('%');
            res.push(DIGITS[usize::from(byte >> 4)] as char);
            res.push(DIGITS[usize::from(byte & 15)] as char);
        }
    }
    res
}
