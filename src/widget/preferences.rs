//! The reader's language preferences as the browser knows them, and the
//! remembered choice in localStorage (skipped quietly where storage is blocked).

use web_sys::Element;

const STORAGE_KEY: &str = "faq-widget:language";

fn storage(host: &Element) -> Option<web_sys::Storage> {
    // Throws (SecurityError) in sandboxed frames and with cookies blocked.
    super::dom::window_of(host)?.local_storage().ok()?
}

pub fn remembered_language(host: &Element) -> Option<String> {
    // getItem throws where storage is blocked, like localStorage itself.
    storage(host)?.get_item(STORAGE_KEY).ok()?.filter(|l| !l.is_empty())
}

/// Remembers `code` for the site of `host`'s page.
pub fn remember_language(host: &Element, code: &str) {
    if let Some(storage) = storage(host) {
        // Full or blocked storage is not the reader's problem.
        let _ = storage.set_item(STORAGE_KEY, code);
    }
}

/// In order: the widget's option, the remembered choice, `<html lang>`,
/// `navigator.languages`, as `host`'s page has them.
pub fn gather(host: &Element, option: Option<&str>) -> Vec<String> {
    // Plain pushes: extend/collect over Option adapters cost more wasm.
    let mut preferences = Vec::new();
    if let Some(option) = option {
        preferences.push(option.to_owned());
    }
    if let Some(remembered) = remembered_language(host) {
        preferences.push(remembered);
    }
    let page_lang = super::dom::document_of(host).document_element().and_then(|html| html.get_attribute("lang"));
    if let Some(page_lang) = page_lang.filter(|l| !l.trim().is_empty()) {
        preferences.push(page_lang);
    }
    if let Some(window) = super::dom::window_of(host) {
        let languages = window.navigator().languages();
        for index in 0..languages.length() {
            if let Some(language) = languages.get(index).as_string() {
                preferences.push(language);
            }
        }
    }
    preferences
}
