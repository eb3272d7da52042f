//! What the browser keeps for the reader: the language preferences it
//! knows, the remembered language choice in localStorage, and the open
//! questions in sessionStorage (keyed and read back by [`crate::remember`]).
//! Storage is skipped quietly where it is blocked.

use web_sys::{Element, Storage};

const STORAGE_KEY: &str = "faq-widget:language";

/// localStorage, or sessionStorage when `session`.
fn storage(host: &Element, session: bool) -> Option<Storage> {
    let window = super::dom::window_of(host)?;
    // Throws (SecurityError) in sandboxed frames and with cookies blocked.
    if session { window.session_storage() } else { window.local_storage() }.ok()?
}

fn read(storage: Option<Storage>, key: &str) -> Option<String> {
    // getItem throws where storage is blocked, like the storage getter itself.
    storage?.get_item(key).ok()?
}

fn write(storage: Option<Storage>, key: &str, value: &str) {
    if let Some(storage) = storage {
        // Full or blocked storage is not the reader's problem.
        let _ = storage.set_item(key, value);
    }
}

pub fn remembered_language(host: &Element) -> Option<String> {
    read(storage(host, false), STORAGE_KEY).filter(|l| !l.is_empty())
}

/// Remembers `code` for the site of `host`'s page.
pub fn remember_language(host: &Element, code: &str) {
    write(storage(host, false), STORAGE_KEY, code);
}

/// The open questions stored under `key` this session, as stored.
pub fn remembered_open(host: &Element, key: &str) -> Option<String> {
    read(storage(host, true), key)
}

pub fn remember_open(host: &Element, key: &str, value: &str) {
    write(storage(host, true), key, value);
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
