//! A widget's options, from the JS API's options object or else the host
//! element's `data-faq-*` attributes (the two spell the same options).

use js_sys::Reflect;
use wasm_bindgen::JsValue;
use web_sys::Element;

/// Where the content comes from.
#[derive(Clone)]
pub enum Source {
    /// `data-faq-src` / `src`: fetched, relative to the page.
    Url(String),
    /// `content`: an object already in JS.
    Object(JsValue),
    /// `data-faq` with a `<script type="application/json">` child.
    InlineJson(String),
    /// Nothing to load: reported as a content error.
    Missing,
}

#[derive(Clone)]
pub struct MountOptions {
    pub source: Source,
    /// `data-faq-lang` / `lang`: the first language preference.
    pub lang: Option<String>,
    /// Level of the title heading (1–6, default 2); questions sit one below.
    pub heading_level: u8,
    /// `data-faq-new-tab` / `newTab`: external links open in a new tab.
    pub new_tab: bool,
    /// `data-faq-remember` / `remember`: open questions survive a reload
    /// (sessionStorage); only `"false"` / `false` turns it off.
    pub remember: bool,
}

/// `options[key]`, or `None` when `options` is not an object (or the read throws).
fn option_value(options: &JsValue, key: &str) -> Option<JsValue> {
    if !options.is_object() {
        return None;
    }
    Reflect::get(options, &JsValue::from_str(key)).ok()
}

fn option_string(options: &JsValue, key: &str) -> Option<String> {
    let value = option_value(options, key)?;
    // Numbers and booleans (headingLevel: 3, newTab: true) read like their attribute spellings.
    value.as_string().or_else(|| {
        let n = value.as_f64()?;
        (0.0..10.0).contains(&n).then(|| (n as u64).to_string())
    }).or_else(|| value.as_bool().map(|b| if b { "true" } else { "false" }.to_owned()))
}

impl MountOptions {
    pub fn read(host: &Element, options: &JsValue) -> MountOptions {
        let pick = |key: &str, attribute: &str| option_string(options, key).or_else(|| host.get_attribute(attribute));
        let content = option_value(options, "content").filter(|c| !c.is_undefined() && !c.is_null());
        let source = if let Some(content) = content {
            Source::Object(content)
        } else if let Some(url) = pick("src", "data-faq-src").filter(|u| !u.trim().is_empty()) {
            Source::Url(url)
        } else if let Some(json) = inline_json(host) {
            Source::InlineJson(json)
        } else {
            Source::Missing
        };
        let heading_level = pick("headingLevel", "data-faq-heading-level")
            // One digit 1–6, read without core's integer parser (smaller in the wasm).
            .and_then(|l| match l.trim().as_bytes() {
                [digit @ b'1'..=b'6'] => Some(digit - b'0'),
                _ => None,
            })
            .unwrap_or(2);
        let new_tab = pick("newTab", "data-faq-new-tab").is_some_and(|v| v != "false");
        let remember = pick("remember", "data-faq-remember").is_none_or(|v| v != "false");
        let lang = pick("lang", "data-faq-lang").filter(|l| !l.trim().is_empty());
        MountOptions { source, lang, heading_level, new_tab, remember }
    }
}

/// The text of the host's `<script type="application/json">` child, if any
/// (the type compared as browsers compare a script's type: ignoring case).
fn inline_json(host: &Element) -> Option<String> {
    let selector = ":scope > script[type=\"application/json\" i]";
    host.query_selector(selector).unwrap_or_else(|e| super::dom::broken("querySelector", e))?.text_content()
}
