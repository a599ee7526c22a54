use yew::prelude::*;

/// The question and its two-sentence answer: a summary of the scorecard.
/// A plain function, not a component: it has no state, and each component costs wasm.
pub fn headline(first: String, second: String) -> Html {
    html! {
        <header class="hero">
            <p class="kicker">{ "Botox and depression · an interactive explainer" }</p>
            <h1>{ "Does Botox lift mood only where it stops a frown?" }</h1>
            <p class="answer" id="answer" aria-live="polite">
                <span>{ first }</span>{ " " }<span>{ second }</span>
            </p>
            <p class="jump"><a href="#scorecard">{ "Scorecard" }</a>{ " · " }<a href="#workbench">{ "Workbench" }</a>{ " · " }<a href="#glossary">{ "Glossary" }</a>{ " · " }<a href="#about-data">{ "About the data" }</a></p>
        </header>
    }
}
