//! The reader's language preferences as the browser knows them, and the
//! remembered choice in localStorage (skipped quietly where storage is blocked).

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;

const STORAGE_KEY: &str = "faq-widget:language";

fn storage() -> Option<web_sys::Storage> {
    // Throws (SecurityError) in sandboxed frames and with cookies blocked.
    super::dom::window()?.local_storage().ok()?
}

pub fn remembered_language() -> Option<String> {
    storage()?.get_item(STORAGE_KEY).ok()?.filter(|l| !l.is_empty())
}

pub fn remember_language(code: &str) {
    if let Some(storage) = storage() {
        // Full or blocked storage is not the reader's problem.
        let _ = storage.set_item(STORAGE_KEY, code);
    }
}

/// In order: the widget's option, the remembered choice, `<html lang>`, `navigator.languages`.
pub fn gather(option: Option<&str>) -> Vec<String> {
    // Plain pushes: extend/collect over Option adapters cost more wasm.
    let mut preferences = Vec::new();
    if let Some(option) = option {
        preferences.push(option.to_owned());
    }
    if let Some(remembered) = remembered_language() {
        preferences.push(remembered);
    }
    let window = super::dom::window();
    let page_lang = window
        .as_ref()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|html| html.get_attribute("lang"));
    if let Some(page_lang) = page_lang.filter(|l| !l.trim().is_empty()) {
        preferences.push(page_lang);
    }
    if let Some(window) = window {
        for language in window.navigator().languages().iter() {
            if let Some(language) = language.as_string() {
                preferences.push(language);
            }
        }
    }
    preferences
}
