//! `window.glabella`: the page's scenario for other scripts and for a parent page.
//!
//! The app publishes what it shows after every change ([`publish`]); the exports below read and
//! set it. `static/page.js` wraps them as `window.glabella.scenario()` and `.setScenario(obj)`,
//! fires the `glabella:change` event and answers `postMessage` requests.
//!
//! A scenario crosses to JavaScript as a query string with every key of the link contract
//! ([`explicit_query`]), which page.js reads into a plain object, and comes back as a query
//! string decoded exactly as a link is ([`decode`]). Strings only: no markup, nothing run, and
//! no serialiser in the WebAssembly.

use std::cell::RefCell;

use crate::lang::LANG;
use glabella_core::analysis::GroupModel;
use glabella_core::data::{transfer, Dataset};
use glabella_core::i18n;
use glabella_core::scenario::link::{decode, encode, Link, View};
use glabella_core::scenario::{Scenario, Site};
use wasm_bindgen::prelude::*;
use yew::Callback;

use crate::shared::Shared;
use crate::state::{Flips, Shares, Source};

/// What the page shows now.
pub struct Current {
    pub dataset: Shared<Dataset>,
    /// The name of the file the reader loaded; `None` for the embedded dataset.
    pub file: Option<String>,
    pub scenario: Scenario,
    /// Applies a scenario as the reader's Reset does.
    pub apply: Callback<Scenario>,
    /// Shows another dataset.
    pub load: Callback<Source>,
    /// Shows the shares of the readings over reconstructions.
    pub shares: Callback<Shares>,
    /// Shows where each reading would change under the what-if.
    pub flips: Callback<Flips>,
}

thread_local! {
    static CURRENT: RefCell<Option<Current>> = const { RefCell::new(None) };
}

#[wasm_bindgen]
extern "C" {
    /// `window.glabella._changed` (static/page.js): fires `glabella:change` with the scenario.
    /// Caught, so a page without it keeps working.
    #[wasm_bindgen(catch, js_namespace = glabella, js_name = _changed)]
    fn changed(scenario: String) -> Result<(), JsValue>;
}

/// Records what the page shows; a change after the first one fires `glabella:change`.
pub fn publish(current: Current) {
    let had = CURRENT.with(|slot| slot.borrow_mut().replace(current).is_some());
    if had {
        let _ = changed(scenario());
    }
}

/// Percent-encodes what a query value cannot hold as is; commas stay readable.
fn query_value(text: &str) -> String {
    let mut res = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b',' | b'~') {
            res.push(char::from(byte));
        } else {
            const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
            res.push('%');
            res.push(char::from(DIGITS[usize::from(byte >> 4)]));
            res.push(char::from(DIGITS[usize::from(byte & 15)]));
        }
    }
    res
}

/// The scenario with every key of the link contract and its value, even a default one:
/// `v=1&data=…&ci=95&zero=haldane&pool=shared&frown=cosmetic,migraine&other_facial=…&no_facial=…&missed_bont=0&missed_control=0`,
/// and `&seed=S` when the scorecard counts reconstructions from seed S.
/// and `adjust=sex,age_band` when adjusted (a link says "crude" by leaving `adjust` out).
/// Decoded as a link, it gives the scenario back.
pub fn explicit_query(scenario: &Scenario, dataset: &Dataset) -> String {
    let ci = match (scenario.ci_level.get() * 100.0).round() as u32 {
        90 => "90",
        99 => "99",
        _ => "95",
    };
    let mut res = format!(
        "v=1&data={}&ci={ci}&zero={}{}&pool={}",
        query_value(dataset.provenance.version.as_deref().unwrap_or_default()),
        scenario.zero_cell.code(),
        if scenario.adjusted {
            "&adjust=sex,age_band"
        } else {
            ""
        },
        match scenario.pooling {
            GroupModel::Separate => "separate",
            _ => "shared",
        }
    );
    for site in Site::ALL {
        res.push('&');
        res.push_str(site.code());
        res.push('=');
        res.push_str(&query_value(&scenario.cohorts_in(site).join(",")));
    }
    res.push_str(&format!(
        "&missed_bont={}&missed_control={}",
        scenario.missed.bont, scenario.missed.control
    ));
    if let Some(seed) = scenario.sensitivity_seed {
        res.push_str("&seed=");
        res.push_str(&seed.to_string());
    }
    res
}

/// `window.glabella.scenario()`: the scenario as [`explicit_query`] gives it; empty before the
/// app has rendered.
#[wasm_bindgen(js_name = glabellaScenario)]
pub fn scenario() -> String {
    CURRENT.with(|current| {
        current
            .borrow()
            .as_ref()
            .map(|current| explicit_query(&current.scenario, &current.dataset))
            .unwrap_or_default()
    })
}

/// `window.glabella.link()`: the address of the full page at the current scenario, as "Copy
/// link" gives it; empty before the app has rendered.
#[wasm_bindgen(js_name = glabellaLink)]
pub fn link() -> String {
    CURRENT.with(|current| {
        current
            .borrow()
            .as_ref()
            .map(|current| {
                let query = encode(
                    &Link {
                        scenario: current.scenario.clone(),
                        view: View::page(),
                    },
                    &current.dataset,
                );
                let page = crate::browser::page_address();
                if query.is_empty() {
                    page
                } else {
                    format!("{page}?{query}")
                }
            })
            .unwrap_or_default()
    })
}

/// `window.glabella.setScenario(obj)`, after page.js has made the object a query string: decodes
/// it as a link is decoded and applies the scenario. Returns the scenario applied (as
/// [`explicit_query`] gives it), then one line per notice; empty before the app has rendered.
#[wasm_bindgen(js_name = glabellaSetScenario)]
pub fn set_scenario(query: &str) -> String {
    let Some((dataset, apply)) = CURRENT.with(|current| {
        current
            .borrow()
            .as_ref()
            .map(|current| (current.dataset.clone(), current.apply.clone()))
    }) else {
        return String::new();
    };
    let (link, notices) = decode(query, &dataset);
    let mut answer = explicit_query(&link.scenario, &dataset);
    for notice in &notices {
        answer.push('\n');
        answer.push_str(&notice.message(LANG).replace(['\n', '\r'], " "));
    }
    apply.emit(link.scenario);
    answer
}

/// `window.glabella._load(text, name)`, from static/page.js once the compute worker has read a
/// reader's file with the command's parser (which names the line and the column of a problem)
/// and handed it over in the transfer form. Returns why it cannot be shown, or an empty string
/// once it is shown; the page is unchanged on an error.
#[wasm_bindgen(js_name = glabellaLoadDataset)]
pub fn load_dataset(text: &str, name: &str) -> String {
    let Some(load) = CURRENT.with(|current| current.borrow().as_ref().map(|c| c.load.clone()))
    else {
        return i18n::api::not_started(LANG).to_owned();
    };
    match transfer::decode(text) {
        Some(dataset) => {
            load.emit(Source::file(dataset, name.to_owned()));
            String::new()
        }
        None => i18n::api::unreadable(LANG).to_owned(),
    }
}

/// `window.glabella._shares`, from static/page.js as the compute worker counts reconstructions
/// for the scenario of `query` (its canonical query): `members` of `total` counted so far, and
/// the counts of every reading of every hypothesis (35 whole numbers). Shares for another
/// scenario than the one shown are ignored by the app.
#[wasm_bindgen(js_name = glabellaSetShares)]
pub fn set_shares(query: &str, members: u32, total: u32, counts: &[u32]) {
    let Some(shares) = CURRENT.with(|current| current.borrow().as_ref().map(|c| c.shares.clone()))
    else {
        return;
    };
    shares.emit(Shares {
        query: query.to_owned(),
        members,
        total,
        counts: counts.to_vec(),
    });
}

/// `window.glabella._flips`, from static/page.js once the compute worker has found where each
/// reading of the scenario of `query` on the dataset `file` (empty for the embedded one) would
/// change under the what-if (28 numbers).
#[wasm_bindgen(js_name = glabellaSetFlips)]
pub fn set_flips(query: &str, file: &str, values: &[i16]) {
    let Some(flips) = CURRENT.with(|current| current.borrow().as_ref().map(|c| c.flips.clone()))
    else {
        return;
    };
    flips.emit(Flips {
        query: query.to_owned(),
        file: file.to_owned(),
        values: values.to_vec(),
    });
}

/// `window.glabella` asks which dataset is shown: the loaded file's name, or an empty string for
/// the embedded reconstruction.
#[wasm_bindgen(js_name = glabellaDatasetFile)]
pub fn dataset_file() -> String {
    CURRENT.with(|current| {
        current
            .borrow()
            .as_ref()
            .and_then(|current| current.file.clone())
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use glabella_core::data::default_dataset;
    use glabella_core::scenario::presets::presets;

    #[test]
    fn an_explicit_query_names_every_key_and_decodes_to_the_same_scenario() {
        let dataset = default_dataset();
        let start = Scenario::for_dataset(&dataset);
        let query = explicit_query(&start, &dataset);
        assert_eq!(
            query,
            "v=1&data=2020-makunts-reconstruction-1.0.0&ci=95&zero=haldane&pool=shared\
             &frown=cosmetic,migraine&other_facial=blepharospasm\
             &no_facial=spasticity,torticollis,hyperhidrosis,sialorrhea,bladder\
             &missed_bont=0&missed_control=0"
        );
        for preset in presets(&dataset) {
            let query = explicit_query(&preset.scenario, &dataset);
            let (link, notices) = decode(&query, &dataset);
            assert!(notices.is_empty(), "{}: {notices:?}", preset.id);
            assert_eq!(link.scenario, preset.scenario, "{}", preset.id);
        }
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(query_value("a,b-c_d.e~"), "a,b-c_d.e~");
        assert_eq!(query_value("x&y=z é"), "x%26y%3Dz%20%C3%A9");
    }
}
