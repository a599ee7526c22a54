//! The explainer's compute worker: a second WebAssembly module, run in a Web Worker, that
//! answers `window.glabella.analysis()` (static/page.js) with the analysis as a plain
//! JavaScript object.
//!
//! Why a worker: the serialiser costs about 8 KB of gzipped WebAssembly, which the page's first
//! load cannot afford, and most readers never call the API. The worker is fetched only when a
//! script first asks for an analysis, and its work never blocks the page.
//!
//! It also reads a reader's file (`{ id, op: "import", file, name }`), so a large file never
//! blocks the page: it reads it in slices (answering `{ id, progress }` after each), parses it
//! with the command's parser, which adds up report-level rows, and answers
//! `{ id, text, reports, strata }`, the dataset in the transfer form for the page to show, or
//! `{ id, error }` naming the line and the column. It keeps that dataset for analyses of the file.
//!
//! Once started it says `{ ready: true }`. Analysis requests are `{ id, query, file? }`, where
//! `query` is a scenario link's query string and `file` the name of the imported file the page
//! shows; answers are `{ id, analysis }` or `{ id, error }`. The analysis is the document of
//! `glabella analyze --scenario QUERY --json` (`glabella_core::report`): the same decoder, the
//! same analysis, the same keys, converted by serde-wasm-bindgen rather than written as JSON.
//!
//! Every request may say `lang` (`"en"` or `"ru"`; anything else, or none, is English): the
//! language of the `error` it may answer and of the analysis document's sentences and titles
//! (its keys and numbers are the same in every language).

use std::cell::RefCell;

use glabella_core::analysis::analyze;
use glabella_core::assessment::{assess, reading_flips, Basis, Hypothesis, Reading};
use glabella_core::data::{default_dataset, parse_csv, transfer, Dataset};
use glabella_core::format::count_label;
use glabella_core::i18n::{self, Lang};
use glabella_core::reconstruct::{self, ReconstructError, Sensitivity};
use glabella_core::report::report;
use glabella_core::scenario::link::{decode, encode};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

/// A request for an analysis.
#[derive(Deserialize)]
struct Request {
    id: f64,
    query: String,
    /// The imported file the page shows; absent for the embedded dataset.
    #[serde(default)]
    file: Option<String>,
}

/// The datasets the worker can analyse.
struct Datasets {
    embedded: Dataset,
    /// The last file imported, with its name.
    imported: Option<(String, Dataset)>,
}

/// One answer to the page: the analysis, or why there is none.
#[derive(Serialize)]
struct Answer<T> {
    id: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    analysis: Option<T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// The language a request asks for: its `lang`, English when it has none the worker speaks.
fn lang_from(code: Option<&str>) -> Lang {
    code.and_then(Lang::from_code).unwrap_or_default()
}

/// The `lang` of a request.
fn lang_of(data: &JsValue) -> Lang {
    let code = js_sys::Reflect::get(data, &JsValue::from_str("lang")).unwrap_or_default();
    lang_from(code.as_string().as_deref())
}

/// Why a reconstruction run stopped, in `lang`.
fn reconstruct_error(lang: Lang, err: &ReconstructError) -> String {
    match err {
        ReconstructError::NoDraw { seed, attempts } => {
            // English has always printed the count without digit groups.
            let attempts = match lang {
                Lang::En => attempts.to_string(),
                Lang::Ru => count_label(lang, u64::from(*attempts)),
            };
            i18n::worker::no_draw(lang, &seed.to_string(), &attempts)
        }
        ReconstructError::Analysis(err) => err.message(lang),
        // A kind this worker does not know yet: its English sentence.
        err => err.to_string(),
    }
}

/// The answer to a request for the analysis of a scenario link's query: the document of
/// `glabella analyze --scenario QUERY --json`, serialised with `serializer`.
fn analysis_of<S: serde::Serializer>(
    dataset: &Dataset,
    origin: &str,
    id: f64,
    query: &str,
    lang: Lang,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let (link, _notices) = decode(query, dataset);
    let settings = link.scenario.settings();
    let analysis = match analyze(dataset, &settings) {
        Ok(analysis) => analysis,
        Err(err) => return Answer::<()>::failed(id, err.message(lang)).serialize(serializer),
    };
    // As the command: a file's readings rest on its own counts.
    let basis = if origin == "embedded" {
        Basis::Reconstruction
    } else {
        Basis::OwnData
    };
    let assessment = assess(&analysis, settings.ci_level, basis);
    let document = report(
        lang,
        dataset,
        origin,
        &settings,
        &analysis,
        &assessment,
        Some(encode(&link, dataset)),
    );
    Answer {
        id,
        analysis: Some(document),
        error: None,
    }
    .serialize(serializer)
}

impl Answer<()> {
    fn failed(id: f64, error: String) -> Self {
        Answer {
            id,
            analysis: None,
            error: Some(error),
        }
    }
}

/// The answer to a request for an analysis, as a JavaScript value.
fn answer(datasets: &Datasets, data: JsValue) -> JsValue {
    let plain = serde_wasm_bindgen::Serializer::json_compatible();
    let lang = lang_of(&data);
    let answer = match serde_wasm_bindgen::from_value::<Request>(data) {
        Ok(request) => match (&request.file, &datasets.imported) {
            (None, _) => analysis_of(
                &datasets.embedded,
                "embedded",
                request.id,
                &request.query,
                lang,
                &plain,
            ),
            (Some(name), Some((imported, dataset))) if name == imported => {
                analysis_of(dataset, name, request.id, &request.query, lang, &plain)
            }
            (Some(name), _) => {
                Answer::failed(request.id, i18n::worker::not_loaded(lang, name)).serialize(&plain)
            }
        },
        // Not a request: answered with an id of -1, so a caller is told rather than left waiting.
        Err(_) => {
            Answer::failed(-1.0, i18n::worker::bad_request(lang).to_owned()).serialize(&plain)
        }
    };
    answer.unwrap_or(JsValue::NULL)
}

/// How much of a file is read at a time: small enough to report progress often.
const SLICE: f64 = 4.0 * 1024.0 * 1024.0;

/// `{ key: value, ... }` as a JavaScript object.
fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in entries {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

/// Reads a file in slices, telling `progress` the share read after each.
fn read_file(file: &Blob, progress: impl Fn(f64)) -> Result<Vec<u8>, JsValue> {
    let reader = FileReaderSync::new()?;
    let size = file.size();
    let mut bytes = Vec::with_capacity(size as usize);
    let mut start = 0.0;
    while start < size {
        let end = (start + SLICE).min(size);
        let slice = file.slice_with_f64_and_f64(start, end)?;
        bytes
            .extend(js_sys::Uint8Array::new(&reader.read_as_array_buffer(&slice)?.into()).to_vec());
        start = end;
        progress(end / size);
    }
    Ok(bytes)
}

/// Imports a file: `{ id, text }` (its strata in the transfer form) or `{ id, error }`. A file that
/// cannot be read or parsed leaves the last imported one in place.
fn import(datasets: &RefCell<Datasets>, data: &JsValue, reply: &impl Fn(JsValue)) {
    let get = |key: &str| js_sys::Reflect::get(data, &JsValue::from_str(key)).unwrap_or_default();
    let id = get("id");
    let lang = lang_of(data);
    // An identifier, not a sentence: later requests name the file by it, whatever their `lang`.
    let name = get("name")
        .as_string()
        .unwrap_or_else(|| "the file".to_owned());
    let Ok(file) = get("file").dyn_into::<Blob>() else {
        let error = i18n::worker::no_file(lang);
        return reply(object(&[("id", id), ("error", error.into())]));
    };
    let bytes = match read_file(&file, |share| {
        reply(object(&[("id", id.clone()), ("progress", share.into())]))
    }) {
        Ok(bytes) => bytes,
        Err(_) => {
            return reply(object(&[
                ("id", id),
                ("error", i18n::worker::unreadable(lang).into()),
            ]))
        }
    };
    match parse_csv(&bytes) {
        Ok(dataset) => {
            let text = transfer::encode(&dataset);
            let reports: u64 = dataset.strata.iter().map(|stratum| stratum.reports).sum();
            let strata = dataset.strata.len();
            datasets.borrow_mut().imported = Some((name, dataset));
            reply(object(&[
                ("id", id),
                ("text", text.into()),
                ("reports", (reports as f64).into()),
                ("strata", (strata as f64).into()),
            ]));
        }
        Err(err) => reply(object(&[("id", id), ("error", err.message(lang).into())])),
    }
}

/// How many reconstructions are counted between two reports of progress.
const CHUNK: u32 = 25;

/// The counts of every reading of every hypothesis so far, hypotheses in the scorecard's order
/// and readings in `Reading::ALL` order (35 whole numbers).
fn counts(run: &Sensitivity) -> JsValue {
    let counts: Vec<u32> = Hypothesis::ALL
        .iter()
        .flat_map(|&hypothesis| Reading::ALL.map(|reading| run.count(hypothesis, reading)))
        .collect();
    js_sys::Uint32Array::from(counts.as_slice()).into()
}

/// A sensitivity run (`{ id, op: "sensitivity", query, members }`): the readings of the
/// scenario's analysis over `members` reconstructions drawn from the link's `seed=`, as
/// `glabella analyze --sensitivity N --scenario QUERY` counts them. Reports `{ id, progress,
/// members, counts }` every few reconstructions, then answers `{ id, members, counts }`, or
/// `{ id, error }`. Run it in a worker of its own: it keeps this one busy until it ends.
fn sensitivity(embedded: &Dataset, data: &JsValue, reply: &impl Fn(JsValue)) {
    let get = |key: &str| js_sys::Reflect::get(data, &JsValue::from_str(key)).unwrap_or_default();
    let id = get("id");
    let lang = lang_of(data);
    let query = get("query").as_string().unwrap_or_default();
    // At most 5,000: enough for shares to the nearest percent, and a bounded wait.
    let members = get("members")
        .as_f64()
        .map_or(500, |n| n.clamp(1.0, 5000.0) as u32);
    let (link, _notices) = decode(&query, embedded);
    let settings = link.scenario.settings();
    let seed = link
        .scenario
        .sensitivity_seed
        .unwrap_or(reconstruct::DEFAULT_SEED);
    let mut run = Sensitivity::new(seed);
    while run.members() < members {
        let chunk = CHUNK.min(members - run.members());
        if let Err(err) = run.extend(&settings, chunk) {
            let error = reconstruct_error(lang, &err);
            return reply(object(&[("id", id), ("error", error.into())]));
        }
        if run.members() < members {
            reply(object(&[
                ("id", id.clone()),
                (
                    "progress",
                    (f64::from(run.members()) / f64::from(members)).into(),
                ),
                ("members", run.members().into()),
                ("counts", counts(&run)),
            ]));
        }
    }
    reply(object(&[
        ("id", id),
        ("members", run.members().into()),
        ("counts", counts(&run)),
    ]));
}

/// Where each reading would change under the reporting-bias what-if (`{ id, op: "flips", query,
/// file? }`): `{ id, flips }`, 28 whole numbers, four per hypothesis in the scorecard's order:
/// the share of depression missed by the Botox reports at which the reading changes and the
/// index in `Reading::ALL` of the reading it becomes, then the same for the control reports; −1
/// where it does not change up to 95%. Or `{ id, error }`.
fn flips(datasets: &Datasets, data: &JsValue, reply: &impl Fn(JsValue)) {
    let get = |key: &str| js_sys::Reflect::get(data, &JsValue::from_str(key)).unwrap_or_default();
    let id = get("id");
    let lang = lang_of(data);
    let query = get("query").as_string().unwrap_or_default();
    let (dataset, basis) = match (get("file").as_string(), &datasets.imported) {
        (Some(name), Some((imported, dataset))) if &name == imported => (dataset, Basis::OwnData),
        (Some(name), _) => {
            let error = i18n::worker::not_loaded(lang, &name);
            return reply(object(&[("id", id), ("error", error.into())]));
        }
        (None, _) => (&datasets.embedded, Basis::Reconstruction),
    };
    let (link, _notices) = decode(&query, dataset);
    match reading_flips(dataset, &link.scenario.settings(), basis) {
        Ok(found) => {
            let pair = |flip: Option<(u8, Reading)>| match flip {
                Some((percent, reading)) => [
                    i16::from(percent),
                    Reading::ALL
                        .iter()
                        .position(|&r| r == reading)
                        .map_or(-1, |i| i as i16),
                ],
                None => [-1, -1],
            };
            let values: Vec<i16> = found
                .iter()
                .flat_map(|flip| {
                    let [a, b] = pair(flip.bont);
                    let [c, d] = pair(flip.control);
                    [a, b, c, d]
                })
                .collect();
            let flips: JsValue = js_sys::Int16Array::from(values.as_slice()).into();
            reply(object(&[("id", id), ("flips", flips)]));
        }
        Err(err) => reply(object(&[("id", id), ("error", err.message(lang).into())])),
    }
}

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let datasets = RefCell::new(Datasets {
        embedded: default_dataset(),
        imported: None,
    });
    let reply_to = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let reply = |message: JsValue| {
            let _ = reply_to.post_message(&message);
        };
        let data = event.data();
        let op = js_sys::Reflect::get(&data, &JsValue::from_str("op")).unwrap_or_default();
        match op.as_string().as_deref() {
            Some("import") => import(&datasets, &data, &reply),
            Some("sensitivity") => sensitivity(&datasets.borrow().embedded, &data, &reply),
            Some("flips") => flips(&datasets.borrow(), &data, &reply),
            _ => reply(answer(&datasets.borrow(), data)),
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page: its handler is never dropped.
    on_message.forget();
    // Messages that arrive before the handler is set are lost: the page waits for this one.
    let ready = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&ready, &"ready".into(), &true.into());
    let _ = scope.post_message(&ready);
}

#[cfg(test)]
mod tests {
    use super::*;
    use glabella_core::analysis::AnalysisError;
    use glabella_core::scenario::presets::presets;

    /// The worker's document is the command's: same keys, same numbers, for every preset.
    #[test]
    fn every_preset_gives_the_document_of_the_command() {
        let dataset = default_dataset();
        for preset in presets(&dataset) {
            let query = preset.query(&dataset);
            let mut out = Vec::new();
            analysis_of(
                &dataset,
                "embedded",
                7.0,
                &query,
                Lang::En,
                &mut serde_json::Serializer::new(&mut out),
            )
            .expect("serialisable");
            let answer: serde_json::Value = serde_json::from_slice(&out).unwrap();
            assert_eq!(answer["id"], 7.0);
            assert!(answer.get("error").is_none(), "{}: {answer}", preset.id);
            let document = &answer["analysis"];
            assert_eq!(document["settings"]["scenario"], query, "{}", preset.id);
            assert_eq!(document["cohorts"].as_array().map(Vec::len), Some(8));
            assert_eq!(document["assessment"].as_array().map(Vec::len), Some(7));
        }
    }

    #[test]
    fn a_request_s_lang_is_english_unless_it_says_russian() {
        assert_eq!(lang_from(Some("ru")), Lang::Ru);
        assert_eq!(lang_from(Some("en")), Lang::En);
        assert_eq!(lang_from(Some("de")), Lang::En);
        assert_eq!(lang_from(None), Lang::En);
    }

    /// The English is what the worker has always said; the Russian says it in Russian.
    #[test]
    fn errors_follow_the_request_s_lang() {
        let no_draw = ReconstructError::NoDraw {
            seed: 42,
            attempts: 1000,
        };
        assert_eq!(reconstruct_error(Lang::En, &no_draw), no_draw.to_string(),);
        assert_eq!(
            reconstruct_error(Lang::Ru, &no_draw),
            "`seed=42`: ни одна попытка реконструкции не удовлетворила всем опубликованным ограничениям (попыток: 1\u{202F}000)"
        );
        let empty = ReconstructError::Analysis(AnalysisError::EmptyGroup("frown".into()));
        assert_eq!(reconstruct_error(Lang::En, &empty), empty.to_string());
        assert_eq!(
            reconstruct_error(Lang::Ru, &empty),
            "в группе `frown` нет ни одной когорты"
        );
        assert_eq!(
            i18n::worker::not_loaded(Lang::En, "mine.csv"),
            "mine.csv is not the file loaded"
        );
        assert_eq!(
            i18n::worker::bad_request(Lang::En),
            "a request is { id: number, query: string }"
        );
        for (english, russian) in [
            (
                i18n::worker::not_loaded(Lang::En, "mine.csv"),
                i18n::worker::not_loaded(Lang::Ru, "mine.csv"),
            ),
            (
                i18n::worker::bad_request(Lang::En).to_owned(),
                i18n::worker::bad_request(Lang::Ru).to_owned(),
            ),
            (
                i18n::worker::no_file(Lang::En).to_owned(),
                i18n::worker::no_file(Lang::Ru).to_owned(),
            ),
            (
                i18n::worker::unreadable(Lang::En).to_owned(),
                i18n::worker::unreadable(Lang::Ru).to_owned(),
            ),
        ] {
            assert_ne!(english, russian);
            assert!(
                russian.chars().any(|ch| ('а'..='я').contains(&ch)),
                "{russian}"
            );
        }
    }

    /// A file's error in the import answer names its line in the reader's language.
    #[test]
    fn a_file_s_error_names_its_line_in_russian() {
        let err =
            parse_csv(b"indication,arm,sex,age_band,depression,reports\ncosmetic,both,F,U,1,3\n")
                .unwrap_err();
        assert_eq!(
            err.message(Lang::Ru),
            "строка 2, столбец `arm`: `both` не обозначает ветвь сравнения (ожидается `bont` или `control`)"
        );
    }
}
