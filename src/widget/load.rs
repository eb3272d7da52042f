//! From a [`Source`] to checked content: fetch, decode, `JSON.parse`, then
//! [`crate::content::load`]. Each step's failure becomes its own [`LoadError`].
//! A load is one `async` block on wasm-bindgen-futures' executor, awaiting
//! the browser's promises as [`JsFuture`]s.

use super::options::Source;
use crate::content::{self, Faq};
use crate::faq_state::LoadError;
use super::controller::Widget;
use std::cell::RefCell;
use std::rc::Weak;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};

/// What `console.error` and the error box name as the content's origin.
pub fn describe(source: &Source) -> String {
    match source {
        Source::Url(url) => url.clone(),
        Source::Object(_) => "content option".into(),
        Source::InlineJson(_) => "inline <script type=\"application/json\">".into(),
        Source::Missing => "host element".into(),
    }
}

/// What JavaScript's `String(error)` says: "TypeError: Failed to fetch" for
/// an error, the text of a thrown string. (One import, where reading `name`
/// and `message` after an `instanceof Error` check took three.)
fn js_error_text(error: &JsValue) -> String {
    to_js_string(error).ok().and_then(|text| text.as_string()).unwrap_or_else(|| "unknown error".into())
}

/// Checks a parsed JSON value; the outcome also lists the errors the widget
/// shows the content in spite of (a question left out, a refused link), for
/// the console. serde-wasm-bindgen reads the value into
/// the content file's own types: the JavaScript object is never copied into
/// a JSON tree first.
pub fn check(value: JsValue) -> (Result<Faq, LoadError>, Vec<content::Diagnostic>) {
    let file: content::ContentFile = match serde_wasm_bindgen::from_value(value) {
        Ok(file) => file,
        Err(error) => return (Err(LoadError::Json { detail: error.to_string() }), Vec::new()),
    };
    let loaded = content::load(file);
    let (mut blocking, mut shown_anyway) = (Vec::new(), Vec::new());
    for diagnostic in loaded.diagnostics {
        if diagnostic.blocks_rendering() {
            blocking.push(diagnostic);
        } else if diagnostic.severity == content::Severity::Error {
            shown_anyway.push(diagnostic);
        }
    }
    match loaded.faq {
        Some(faq) => (Ok(faq), shown_anyway),
        None => (Err(LoadError::Content { problems: blocking }), shown_anyway),
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

#[wasm_bindgen]
extern "C" {
    /// The global `String` function; it throws for an object whose `toString` does.
    #[wasm_bindgen(catch, js_name = String)]
    fn to_js_string(value: &JsValue) -> Result<JsValue, JsValue>;
}

fn network_error(error: JsValue) -> LoadError {
    LoadError::Network { detail: js_error_text(&error) }
}

/// Starts load number `generation` of `widget` from `source` (fetched in
/// `window`, the host page's); the widget gets the parsed JSON or why not
/// through [`Widget::finish_load`]. Checking the JSON is the widget's job,
/// done inside the panic box.
pub fn begin(source: Source, window: Option<web_sys::Window>, widget: Weak<RefCell<Widget>>, generation: u32) {
    let described = describe(&source);
    // `spawn_local` first polls the load on a microtask, never inside this
    // call: an outcome known at once (inline content) still reaches the
    // widget after the caller (mount, a click) has let go of it.
    spawn_local(async move {
        let outcome = read(source, window).await;
        Widget::finish_load(&widget, generation, &described, outcome);
    });
}

/// The parsed JSON of `source`.
async fn read(source: Source, window: Option<web_sys::Window>) -> Result<JsValue, LoadError> {
    match source {
        Source::Url(url) => {
            let window = window.ok_or_else(|| LoadError::Network { detail: "no window".into() })?;
            let response: web_sys::Response =
                JsFuture::from(window.fetch_with_str(&url)).await.map_err(network_error)?.unchecked_into();
            if !response.ok() {
                return Err(LoadError::Http { status: response.status(), status_text: response.status_text() });
            }
            let body = JsFuture::from(response.array_buffer().map_err(network_error)?).await.map_err(network_error)?;
            parse_json(&decode(js_sys::Uint8Array::new(&body).to_vec())?)
        }
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
