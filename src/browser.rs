//! The few browser calls the app makes itself: the URL and the page's root element.
//! Every call tolerates failure (a sandboxed iframe, a rate-limited `replaceState`): the page
//! keeps working, the URL just does not follow. Natively, when the build pre-renders the page,
//! there is no window: the default scenario, relative links, nothing to set.

use wasm_bindgen::JsValue;

/// Whether the app runs natively: only to pre-render the default page for the build
/// (src/main.rs), or in unit tests. The pre-rendered settings panel is empty: nothing in it works
/// before the app has started.
pub const PRERENDERING: bool = !cfg!(target_arch = "wasm32");

fn window() -> Option<web_sys::Window> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()
    } else {
        None
    }
}

/// The query string of the page's URL, with its `?`; empty when there is none.
pub fn query() -> String {
    window()
        .and_then(|window| window.location().search().ok())
        .unwrap_or_default()
}

/// Rewrites the query string in place (no history entry, no reload), keeping path and fragment.
pub fn replace_query(query: &str) {
    let Some(window) = window() else {
        return;
    };
    let location = window.location();
    let (Ok(path), Ok(hash), Ok(current)) =
        (location.pathname(), location.hash(), location.search())
    else {
        return;
    };
    let wanted = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    if wanted == current {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &JsValue::NULL,
            "",
            Some(&format!("{path}{wanted}{hash}")),
        );
    }
}

/// The page's address without query or fragment, for links to the full explainer.
pub fn page_address() -> String {
    window()
        .and_then(|window| {
            let location = window.location();
            Some(format!(
                "{}{}",
                location.origin().ok()?,
                location.pathname().ok()?
            ))
        })
        .unwrap_or_default()
}

/// The page's element with this id; `None` natively.
pub fn element(id: &str) -> Option<web_sys::Element> {
    window()?.document()?.get_element_by_id(id)
}

/// An attribute of `<html>`; `None` natively or when it is not set.
pub fn root_attribute(name: &str) -> Option<String> {
    window()?
        .document()?
        .document_element()?
        .get_attribute(name)
}

/// Sets an attribute on `<html>`, where the CSS reads the theme, the embed mode and the lesson's
/// step.
pub fn set_root_attribute(name: &str, value: Option<&str>) {
    let Some(root) = window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    else {
        return;
    };
    let _ = match value {
        Some(value) => root.set_attribute(name, value),
        None => root.remove_attribute(name),
    };
}
