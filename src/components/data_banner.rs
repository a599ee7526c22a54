use glabella_core::analysis::Missed;
use yew::prelude::*;

/// The notice on every result view: where the counts come from, and which of them are assumed.
/// `adjusted`: the view is adjusted for sex and age, whose splits the reconstruction assumes;
/// `file`: the name of the file the reader loaded, `None` for the embedded reconstruction.
/// `missed`: the reporting-bias what-if, which changes the counts and is said wherever they are.
/// A plain function, not a component: it has no state, and each component costs wasm.
pub fn data_banner(adjusted: bool, file: Option<&AttrValue>, missed: Missed) -> Html {
    let whatif = (missed != Missed::default()).then(|| {
        html! { <>
            <strong>{ "What-if: " }</strong>
            { format!(
                "depression counts raised as if the Botox reports had missed {}% of it and the other reports {}%. ",
                missed.bont, missed.control
            ) }
        </> }
    });
    if let Some(name) = file {
        return html! {
            <p class="banner data-banner" role="note">
                <strong>{ "Your file: " }{ name.clone() }{ ". " }</strong>
                { "Every number here comes from it; it has not left this device. " }
                { whatif }
            </p>
        };
    }
    html! {
        <p class="banner data-banner" role="note">
            <strong>{ "Illustrative reconstruction. " }</strong>
            { "Cohort sizes and three results are published; the depression counts are assumptions. " }
            if adjusted {
                <strong>{ "Adjusted view: " }</strong>
                { "the sex and age splits are assumptions too, so it shows what adjustment can do, not a finding. " }
            }
            { whatif }
            <a href="#about-data">{ "About the data" }</a>
        </p>
    }
}
