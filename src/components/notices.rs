use crate::lang::LANG;
use glabella_core::i18n;
use yew::prelude::*;

/// What a link asked for that the page could not show, one dismissible notice per key: each a
/// sentence shown as text, never as markup; `on_dismiss` gets the index of the one dismissed.
/// A plain function, not a component: it has no state, and each component costs wasm.
pub fn notices(notices: &[AttrValue], on_dismiss: &Callback<usize>) -> Html {
    if notices.is_empty() {
        return html! {};
    }
    let items = notices.iter().enumerate().map(|(idx, notice)| {
        let on_click = on_dismiss.reform(move |_: MouseEvent| idx);
        html! {
            <li class="notice">
                <span>{ notice.clone() }</span>
                <button type="button" class="dismiss" onclick={on_click} aria-label={i18n::ui::dismiss_label(LANG, notice)}>{ "×" }</button>
            </li>
        }
    });
    html! {
        <section class="notices" id="notices" aria-label={i18n::ui::notices_label(LANG)} role="status">
            <ul>{ for items }</ul>
        </section>
    }
}
