use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DataBannerProps {
    /// The view is adjusted for sex and age, whose splits are assumed.
    #[prop_or_default]
    pub adjusted: bool,
}

/// The notice on every result view: these counts are partly assumed.
#[function_component]
pub fn DataBanner(props: &DataBannerProps) -> Html {
    html! {
        <p class="banner" role="note">
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
