use crate::lang::LANG;
use glabella_core::i18n;
use glabella_core::scenario::link::Embed;
use glabella_core::scenario::Scenario;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::shared::Shared;

/// A preset as the panel lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct PresetLink {
    pub id: &'static str,
    pub title: &'static str,
    pub why: &'static str,
    pub url: String,
    pub scenario: Scenario,
}

#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    /// The link to the current scenario.
    pub url: AttrValue,
    /// The link to the current scenario with `embed=` still to be added: ends in `?` or `&`.
    pub embed_base: AttrValue,
    pub presets: Shared<Vec<PresetLink>>,
    pub on_apply: Callback<Scenario>,
}

/// What each part is called in an iframe's title, and a height for pages without the resize
/// script: the part's height in an article column of 700 to 1000 px (measured; a phone needs
/// about half as much again, which the script or a news site's amp handler gives it).
fn embed_details(embed: Embed) -> (&'static str, u32) {
    match embed {
        Embed::Forest => (i18n::share::part_forest(LANG), 1250),
        Embed::Workbench => (i18n::share::part_workbench(LANG), 1500),
        Embed::Dose => (i18n::share::part_dose(LANG), 1200),
        Embed::Scorecard => (i18n::share::part_scorecard(LANG), 1800),
        Embed::All => (i18n::share::part_all(LANG), 5600),
    }
}

/// The iframe code for one part, and the optional script that sizes it.
pub fn embed_code(embed_base: &str, embed: Embed) -> (String, &'static str) {
    let (title, height) = embed_details(embed);
    let src = format!("{embed_base}embed={}", embed.code());
    let iframe = format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{height}\" style=\"border:0;width:100%\" loading=\"lazy\"></iframe>",
        crate::markup::escape(&src),
        crate::markup::escape(&i18n::share::iframe_title(LANG, title))
    );
    (iframe, RESIZE_SCRIPT)
}

/// Sizes every Glabella iframe on the parent page from its height message.
const RESIZE_SCRIPT: &str = "<script>
addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'glabella:height' || typeof data.height !== 'number') return;
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow === event.source) frame.style.height = `${Math.ceil(data.height)}px`;
  }
});
</script>";

/// Presets one tap away, the link to the current view, and the embed code.
#[function_component]
pub fn SharePanel(props: &SharePanelProps) -> Html {
    let part = use_state(|| Embed::Forest);
    let on_part = {
        let part = part.clone();
        Callback::from(move |event: Event| {
            let code = event.target_unchecked_into::<HtmlSelectElement>().value();
            part.set(Embed::from_code(&code).unwrap_or(Embed::Forest));
        })
    };
    let (iframe, script) = embed_code(&props.embed_base, *part);
    let presets = props.presets.iter().map(|preset| {
        let on_click = {
            let scenario = preset.scenario.clone();
            props.on_apply.reform(move |_: MouseEvent| scenario.clone())
        };
        html! {
            <li class="preset" data-preset={preset.id}>
                <button type="button" class="preset-apply" onclick={on_click}>{ preset.title }</button>
                <span class="preset-why">{ preset.why }{ " " }<a href={preset.url.clone()} class="preset-link">{ i18n::share::preset_link(LANG) }</a></span>
            </li>
        }
    });
    html! {
        <section class="share" id="share" aria-labelledby="share-title">
            <h2 id="share-title">{ i18n::share::title(LANG) }</h2>
            <ul class="presets">{ for presets }</ul>
            <div class="share-row">
                <label class="share-field">
                    <span>{ i18n::share::url(LANG) }</span>
                    <input id="share-url" type="text" readonly=true value={props.url.clone()} />
                </label>
                <button type="button" class="action" data-copy="share-url">{ i18n::share::copy_link(LANG) }</button>
                <button type="button" class="action" data-share="share-url" hidden=true>{ i18n::share::share(LANG) }</button>
                <span class="copy-status" id="share-url-status" role="status" aria-live="polite"></span>
            </div>
            <details class="embed-panel">
                <summary>{ i18n::share::embed(LANG) }</summary>
                <label class="field">
                    <span>{ i18n::share::part(LANG) }</span>
                    <select id="embed-part" onchange={on_part}>
                        { for Embed::ALL.iter().map(|&embed| html! {
                            <option value={embed.code()} selected={embed == *part}>{ embed_details(embed).0 }</option>
                        }) }
                    </select>
                </label>
                <label class="share-field">
                    <span>{ i18n::share::code(LANG) }</span>
                    <textarea id="embed-code" readonly=true rows="4" value={iframe} />
                </label>
                <button type="button" class="action" data-copy="embed-code">{ i18n::share::copy_code(LANG) }</button>
                <span class="copy-status" id="embed-code-status" role="status" aria-live="polite"></span>
                <label class="share-field">
                    <span>{ i18n::share::script(LANG) }</span>
                    <textarea id="embed-script" readonly=true rows="8" value={script} />
                </label>
                <button type="button" class="action" data-copy="embed-script">{ i18n::share::copy_script(LANG) }</button>
                <span class="copy-status" id="embed-script-status" role="status" aria-live="polite"></span>
            </details>
        </section>
    }
}
