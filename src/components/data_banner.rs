use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DataBannerProps {
    /// The view is adjusted for sex and age, whose splits are assumed in the reconstruction.
    #[prop_or_default]
    pub adjusted: bool,
    /// The name of the file the reader loaded; `None` for the embedded reconstruction.
    #[prop_or_default]
    pub file: Option<AttrValue>,
}

/// The notice on every result view: where the counts come from, and which of them are assumed.
#[function_component]
pub fn DataBanner(props: &DataBannerProps) -> Html {
    if let Some(name) = &props.file {
        return html! {
            <p class="banner data-banner" role="note">
                <strong>{ "Your file: " }{ name.clone() }{ ". " }</strong>
                { "Every number here comes from it; it has not left this device." }
            </p>
        };
    }
    html! {
        <p class="banner data-banner" role="note">
            <strong>{ "Illustrative reconstruction. " }</strong>
            { "Cohort sizes and three results are published; the depression counts are assumptions. " }
            if props.adjusted {
                <strong>{ "Adjusted view: " }</strong>
                { "the sex and age splits are assumptions too, so it shows what adjustment can do, not a finding. " }
            }
            <a href="#about-data">{ "About the data" }</a>
        </p>
    }
}
