//! From a [`Source`] to checked content: fetch, decode, `JSON.parse`, then
//! [`crate::content::load`]. Each step's failure becomes its own [`LoadError`].

use super::options::Source;
use crate::content::{self, Faq};
use crate::faq_state::LoadError;
use crate::json_value::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What `console.error` and the error box name as the content's origin.
pub fn describe(source: &Source) -> String {
    match source {
        Source::Url(url) => url.clone(),
        Source::Object(_) => "content option".into(),
        Source::InlineJson(_) => "inline <script type=\"application/json\">".into(),
        Source::Missing => "host element".into(),
    }
}

fn js_error_text(error: &JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(e) => format!("{}: {}", String::from(e.name()), String::from(e.message())),
        None => error.as_string().unwrap_or_else(|| "unknown error".into()),
    }
}

/// Checks a parsed JSON value; the outcome also lists renderable problems
/// (refused links) for the console.
pub fn check(value: &JsValue) -> (Result<Faq, LoadError>, Vec<content::Diagnostic>) {
    let tree: Value = match super::js_tree::read(value) {
        Ok(tree) => tree,
        Err(detail) => return (Err(LoadError::Json { detail }), Vec::new()),
    };
    let loaded = content::load(&tree);
    let (blocking, other): (Vec<_>, Vec<_>) = loaded.diagnostics.into_iter().partition(|d| d.blocks_rendering());
    let renderable_errors = other.into_iter().filter(|d| d.severity == content::Severity::Error).collect();
    match loaded.faq {
        Some(faq) => (Ok(faq), renderable_errors),
        None => (Err(LoadError::Content { problems: blocking }), renderable_errors),
    }
}

fn parse_json(text: &str) -> Result<JsValue, LoadError> {
    js_sys::JSON::parse(text).map_err(|e| LoadError::Json { detail: js_error_text(&e) })
}

/// Bytes to text: strict UTF-8 (a lenient decoder would hide corruption
/// behind U+FFFD), a leading byte-order mark dropped as browsers do.
pub fn decode(bytes: Vec<u8>) -> Result<String, LoadError> {
    let text = String::from_utf8(bytes).map_err(|e| LoadError::Encoding { offset: e.utf8_error().valid_up_to() })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}

async fn fetch_bytes(url: &str) -> Result<Vec<u8>, LoadError> {
    let window = web_sys::window().ok_or_else(|| LoadError::Network { detail: "no window".into() })?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| LoadError::Network { detail: js_error_text(&e) })?;
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return Err(LoadError::Http { status: response.status(), status_text: response.status_text() });
    }
    let buffer = response.array_buffer().map_err(|e| LoadError::Network { detail: js_error_text(&e) })?;
    let buffer = JsFuture::from(buffer).await.map_err(|e| LoadError::Network { detail: js_error_text(&e) })?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Fetches (or takes) the content and parses it: the parsed JSON, or why not.
/// Checking it is [`check`]'s job, done by the caller inside the panic box.
pub async fn load(source: Source) -> Result<JsValue, LoadError> {
    match source {
        Source::Url(url) => fetch_bytes(&url).await.and_then(decode).and_then(|text| parse_json(&text)),
        Source::InlineJson(text) => parse_json(&text),
        Source::Object(value) => Ok(value),
        Source::Missing => Err(LoadError::Content {
            problems: vec![content::Diagnostic::new(
                content::Severity::Error,
                None,
                "data-faq-src",
                None,
                "no content: give data-faq-src, a <script type=\"application/json\"> child, or the content option".into(),
            )],
        }),
    }
}
