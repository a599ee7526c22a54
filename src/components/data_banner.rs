use yew::prelude::*;

/// The notice on every result view: these counts are partly assumed.
#[function_component]
pub fn DataBanner() -> Html {
    html! {
        <p class="banner" role="note">
            <strong>{ "Illustrative reconstruction. " }</strong>
            { "Cohort sizes and three results are published; the other counts are assumptions. " }
            <a href="#about-data">{ "See About the data" }</a>
        </p>
    }
}
