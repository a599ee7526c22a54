use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeadlineProps {
    pub first: AttrValue,
    pub second: AttrValue,
}

/// The question and its two-sentence answer: a summary of the scorecard.
#[function_component]
pub fn Headline(props: &HeadlineProps) -> Html {
    html! {
        <header class="hero">
            <p class="kicker">{ "Botox and depression · an interactive explainer" }</p>
            <h1>{ "Does Botox lift mood only where it stops a frown?" }</h1>
            <p class="answer" id="answer" aria-live="polite">
                <span>{ &props.first }</span>{ " " }<span>{ &props.second }</span>
            </p>
            <p class="jump"><a href="#scorecard">{ "Scorecard" }</a>{ " · " }<a href="#workbench">{ "Workbench" }</a>{ " · " }<a href="#glossary">{ "Glossary" }</a>{ " · " }<a href="#about-data">{ "About the data" }</a></p>
        </header>
    }
}
