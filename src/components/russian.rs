//! The Russian page speaks Russian: its message file holds no English word, and the rendered page
//! none beyond the names and abbreviations Russian text keeps in Latin letters, and the words of
//! the parts still written in English.

use std::collections::BTreeSet;

use crate::lang::LANG;
use glabella_core::analysis::{GroupModel, Missed};
use glabella_core::data::default_dataset;
use glabella_core::scenario::presets::presets;
use glabella_core::scenario::Scenario;
use glabella_core::stats::ZeroCellPolicy;
use yew::prelude::*;

use super::controls::{settings_body, ControlsProps};
use super::share_panel::SharePanelProps;
use super::*;
use crate::shared::Shared;
use crate::state::LoadedFile;

/// Latin words Russian text keeps: the names the house style keeps in Latin letters; the
/// explainer's name, the agency, the journal and the products (BOTOX Cosmetic, XEOMIN); people,
/// and the methods named after them; the letters of formulas (the cells a, b, c, d of a 2×2 table, p, Q, I², E-value, log ROR).
const KEPT: &str = "FAERS Botox BoNT ROR MedDRA CSV JSON SVG PNG TSV URL APA BibTeX \
Glabella FDA Sci Rep BOTOX Cosmetic XEOMIN \
Makunts Wollmer Li Abagyan Mantel Haenszel Haldane Anscombe DerSimonian Laird Fisher \
a b c d p Q I E log";

fn render<C: BaseComponent>(props: C::Properties) -> String {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a single-threaded runtime starts");
    let page = yew::LocalServerRenderer::<C>::with_props(props)
        .hydratable(false)
        .render();
    tokio::task::LocalSet::new().block_on(&runtime, page)
}

#[derive(Properties, PartialEq)]
struct ShowProps {
    html: Html,
}

/// Renders markup built by a plain function.
#[function_component]
fn Show(props: &ShowProps) -> Html {
    props.html.clone()
}

fn show(html: Html) -> String {
    render::<Show>(ShowProps { html })
}

/// The page as the build pre-renders it, and the parts it renders only in the browser or in
/// another scenario: the settings, a loaded file, a what-if, the share panel, a link's notices.
fn pages() -> String {
    let dataset = default_dataset();
    let file = LoadedFile {
        name: "мои данные".into(),
        reports: 1234,
    };
    let name = AttrValue::from(file.name.clone());
    let missed = Missed {
        bont: 30,
        control: 10,
    };
    let controls = ControlsProps {
        adjusted: false,
        zero_cell: ZeroCellPolicy::Haldane,
        level: Scenario::for_dataset(&dataset).ci_level,
        pooling: GroupModel::SharedTau2,
        changed: true,
        on_set_adjusted: Callback::noop(),
        on_set_zero_cell: Callback::noop(),
        on_set_level: Callback::noop(),
        on_set_pooling: Callback::noop(),
        on_reset: Callback::noop(),
        own_data: false,
        missed,
        on_set_missed: Callback::noop(),
        flip_note: AttrValue::default(),
        reading_flips: AttrValue::default(),
    };
    let presets = presets(&dataset)
        .into_iter()
        .map(|preset| PresetLink {
            id: preset.id,
            title: preset.title(LANG),
            why: preset.why(LANG),
            url: "https://example.org/".into(),
            scenario: preset.scenario,
        })
        .collect::<Vec<_>>();
    [
        render::<crate::app::App>(()),
        show(settings_body(&controls)),
        show(your_data(Some(&file), &Callback::noop())),
        show(data_banner(true, None, missed)),
        show(data_banner(false, Some(&name), missed)),
        show(notices(
            &[AttrValue::from("Ссылка открыта без сценария.")],
            &Callback::noop(),
        )),
        render::<SharePanel>(SharePanelProps {
            url: "https://example.org/".into(),
            embed_base: "https://example.org/?".into(),
            presets: Shared::new(presets),
            on_apply: Callback::noop(),
        }),
    ]
    .join("\n")
}

fn unescape(text: &str) -> String {
    let mut res = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        res.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';') else { break };
        let entity = &rest[1..end];
        let ch = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "nbsp" => Some('\u{a0}'),
            _ => entity
                .strip_prefix('#')
                .and_then(|code| code.parse::<u32>().ok())
                .and_then(char::from_u32),
        };
        match ch {
            Some(ch) => {
                res.push(ch);
                rest = &rest[end + 1..];
            }
            None => {
                res.push('&');
                rest = &rest[1..];
            }
        }
    }
    res.push_str(rest);
    res
}

/// What a reader reads of some markup: its text, and the labels and titles of its elements.
/// Code a reader copies (`<code>`, the embed code's text fields) is left out.
fn reader_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    let mut skipping: Option<String> = None;
    while let Some(start) = rest.find('<') {
        if skipping.is_none() {
            text.push_str(&rest[..start]);
            text.push(' ');
        }
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |end| start + end);
        let tag = &rest[start + 1..end.min(rest.len())];
        rest = rest.get(end + 1..).unwrap_or_default();
        let name = tag.split([' ', '>']).next().unwrap_or_default();
        if let Some(closing) = &skipping {
            if name == closing {
                skipping = None;
            }
            continue;
        }
        for attribute in [" aria-label=\"", " title=\"", " alt=\""] {
            if let Some(at) = tag.find(attribute) {
                let value = &tag[at + attribute.len()..];
                text.push_str(&value[..value.find('"').unwrap_or(value.len())]);
                text.push(' ');
            }
        }
        if matches!(name, "code" | "textarea" | "script" | "style") {
            skipping = Some(format!("/{name}"));
        }
    }
    text.push_str(rest);
    unescape(&text)
}

fn is_listed(list: &str, word: &str) -> bool {
    list.split_whitespace().any(|listed| listed == word)
}

fn latin_words(text: &str) -> BTreeSet<String> {
    text.split(|ch: char| !ch.is_ascii_alphabetic())
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_components_russian_messages_have_no_english_words() {
    use glabella_core::i18n::*;
    let tables = [
        ui::TEMPLATES,
        banner::TEMPLATES,
        app::TEMPLATES,
        api::TEMPLATES,
        controls::TEMPLATES,
        forest::TEMPLATES,
        dose::TEMPLATES,
        workbench::TEMPLATES,
        scorecard::TEMPLATES,
        share::TEMPLATES,
        your_data::TEMPLATES,
        downloads::TEMPLATES,
    ];
    let mut found = BTreeSet::new();
    for (_, [_, message]) in tables.into_iter().flatten() {
        // A value's name is code; its plural forms are words.
        let mut words = String::new();
        let mut in_value = false;
        for ch in message.chars() {
            match ch {
                '{' => in_value = true,
                '|' | '}' => in_value = false,
                ch if !in_value => words.push(ch),
                _ => {}
            }
        }
        found.extend(latin_words(&words));
    }
    let english: Vec<&String> = found.iter().filter(|word| !is_listed(KEPT, word)).collect();
    assert!(
        english.is_empty(),
        "English in the components' Russian messages: {english:?}"
    );
}

#[test]
fn the_russian_page_has_no_english_words() {
    let text = reader_text(&pages());
    assert!(text.contains(glabella_core::i18n::ui::question(crate::lang::LANG)));
    let english: Vec<String> = latin_words(&text)
        .into_iter()
        .filter(|word| !is_listed(KEPT, word))
        .collect();
    assert!(
        english.is_empty(),
        "English on the Russian page: {english:?}"
    );
}

#[test]
fn reader_text_keeps_labels_and_leaves_out_code() {
    let text = reader_text(
        "<p class=\"x\" aria-label=\"метка\">a &amp; b<code>glabella</code> c</p>\
         <textarea>&lt;iframe&gt;</textarea>",
    );
    assert_eq!(
        text.split_whitespace().collect::<Vec<_>>(),
        ["метка", "a", "&", "b", "c"]
    );
}
