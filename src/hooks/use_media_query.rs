use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

fn matches(query: &str) -> bool {
    web_sys::window()
        .and_then(|window| window.match_media(query).ok().flatten())
        .is_some_and(|list| list.matches())
}

/// Whether a CSS media query matches, updated when it changes (dark mode, a rotated phone).
#[hook]
pub fn use_media_query(query: &'static str) -> bool {
    let state = use_state(|| matches(query));
    {
        let state = state.clone();
        use_effect_with(query, move |query| {
            let query = *query;
            let list =
                web_sys::window().and_then(|window| window.match_media(query).ok().flatten());
            let listener = Closure::<dyn Fn()>::new(move || state.set(matches(query)));
            if let Some(list) = &list {
                let _ =
                    list.add_listener_with_opt_callback(Some(listener.as_ref().unchecked_ref()));
            }
            move || {
                if let Some(list) = list {
                    let _ = list
                        .remove_listener_with_opt_callback(Some(listener.as_ref().unchecked_ref()));
                }
            }
        });
    }
    *state
}
