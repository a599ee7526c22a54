use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    /// Each notice as a sentence; shown as text, never as markup.
    pub notices: Vec<AttrValue>,
    /// The index of the notice to dismiss.
    pub on_dismiss: Callback<usize>,
}

/// What a link asked for that the page could not show, one dismissible notice per key.
#[function_component]
pub fn Notices(props: &NoticesProps) -> Html {
    if props.notices.is_empty() {
        return html! {};
    }
    let items = props.notices.iter().enumerate().map(|(idx, notice)| {
        let on_click = props.on_dismiss.reform(move |_: MouseEvent| idx);
        html! {
            <li class="notice">
                <span>{ notice.clone() }</span>
                <button type="button" class="dismiss" onclick={on_click} aria-label={format!("Dismiss: {notice}")}>{ "×" }</button>
            </li>
        }
    });
    html! {
        <section class="notices" id="notices" aria-label="About this link" role="status">
            <ul>{ for items }</ul>
        </section>
    }
}
