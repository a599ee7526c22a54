use crate::lang::LANG;
use glabella_core::analysis::Missed;
use glabella_core::format::percent_label;
use glabella_core::i18n;
use yew::prelude::*;

/// The notice on every result view: where the counts come from, and which of them are assumed.
/// `adjusted`: the view is adjusted for sex and age, whose splits the reconstruction assumes;
/// `file`: the name of the file the reader loaded, `None` for the embedded reconstruction.
/// `missed`: the reporting-bias what-if, which changes the counts and is said wherever they are.
/// A plain function, not a component: it has no state, and each component costs wasm.
pub fn data_banner(adjusted: bool, file: Option<&AttrValue>, missed: Missed) -> Html {
    let whatif = (missed != Missed::default()).then(|| {
        let share = |percent: u8| percent_label(LANG, f64::from(percent) / 100.0);
        html! { <>
            <strong>{ i18n::banner::whatif_label(LANG) }</strong>
            { i18n::banner::whatif(LANG, &share(missed.bont), &share(missed.control)) }
        </> }
    });
    if let Some(name) = file {
        return html! {
            <p class="banner data-banner" role="note">
                <strong>{ i18n::banner::your_file(LANG, name) }</strong>
                { i18n::banner::your_file_note(LANG) }
                { whatif }
            </p>
        };
    }
    html! {
        <p class="banner data-banner" role="note">
            <strong>{ i18n::banner::reconstruction_label(LANG) }</strong>
            { i18n::banner::reconstruction_note(LANG) }
            if adjusted {
                <strong>{ i18n::banner::adjusted_label(LANG) }</strong>
                { i18n::banner::adjusted_note(LANG) }
            }
            { whatif }
            <a href="#about-data">{ i18n::ui::about_data(LANG) }</a>
        </p>
    }
}
