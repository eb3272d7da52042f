//! From a [`Source`] to checked content: fetch, decode, `JSON.parse`, then
//! [`crate::content::load`]. Each step's failure becomes its own [`LoadError`].

use super::options::Source;
use crate::content::{self, Faq};
use crate::faq_state::LoadError;
use crate::json_value::Value;
use crate::plain_format::join;
use alloc::borrow::ToOwned;
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::cell::Cell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

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
        Some(e) => join(&[&String::from(e.name()), ": ", &String::from(e.message())]),
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
    let (mut blocking, mut renderable_errors) = (Vec::new(), Vec::new());
    for diagnostic in loaded.diagnostics {
        if diagnostic.blocks_rendering() {
            blocking.push(diagnostic);
        } else if diagnostic.severity == content::Severity::Error {
            renderable_errors.push(diagnostic);
        }
    }
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

#[wasm_bindgen]
extern "C" {
    /// A promise seen through `then(resolve, reject)` taking plain functions
    /// that free themselves when called (js-sys's `then2` wants closures the
    /// caller keeps alive).
    type Thenable;
    #[wasm_bindgen(method)]
    fn then(this: &Thenable, resolve: &JsValue, reject: &JsValue);
}

/// Calls `then` once, with what `promise` settles to. Callbacks rather than
/// wasm-bindgen-futures: the executor and its queue cost more wasm than this.
/// The callback not taken is never called and stays allocated: a few bytes a load.
/// Boxed, not generic: each caller would otherwise get its own pair of
/// closure shims in the wasm.
pub fn when_settled(promise: &js_sys::Promise, then: Box<dyn FnOnce(Result<JsValue, JsValue>)>) {
    let then = Rc::new(Cell::new(Some(then)));
    let (resolve, reject) = (settle_with(then.clone(), true), settle_with(then, false));
    promise.unchecked_ref::<Thenable>().then(&resolve, &reject);
}

/// One side of [`when_settled`]: both sides are this one closure type, so the
/// wasm carries one set of closure shims.
fn settle_with(then: Rc<Cell<Option<Box<dyn FnOnce(Result<JsValue, JsValue>)>>>>, resolved: bool) -> JsValue {
    Closure::once_into_js(move |value: JsValue| {
        if let Some(then) = then.take() {
            then(if resolved { Ok(value) } else { Err(value) })
        }
    })
}

fn network_error(error: JsValue) -> LoadError {
    LoadError::Network { detail: js_error_text(&error) }
}

fn fetch_bytes(window: Option<web_sys::Window>, url: &str, done: Box<dyn FnOnce(Result<Vec<u8>, LoadError>)>) {
    let Some(window) = window else {
        return done(Err(LoadError::Network { detail: "no window".into() }));
    };
    when_settled(&window.fetch_with_str(url), Box::new(move |response| {
        let response: web_sys::Response = match response {
            Ok(response) => response.unchecked_into(),
            Err(error) => return done(Err(network_error(error))),
        };
        if !response.ok() {
            return done(Err(LoadError::Http { status: response.status(), status_text: response.status_text() }));
        }
        match response.array_buffer() {
            Ok(buffer) => when_settled(
                &buffer,
                Box::new(move |buffer| done(buffer.map(|b| js_sys::Uint8Array::new(&b).to_vec()).map_err(network_error))),
            ),
            Err(error) => done(Err(network_error(error))),
        }
    }));
}

/// Fetches (in `window`, the host page's) or takes the content and parses
/// it, then calls `done` with the parsed JSON or why not. Checking it is
/// [`check`]'s job, done by the caller inside the panic box.
pub fn load(source: Source, window: Option<web_sys::Window>, done: Box<dyn FnOnce(Result<JsValue, LoadError>)>) {
    match source {
        Source::Url(url) => {
            fetch_bytes(window, &url, Box::new(move |bytes| done(bytes.and_then(decode).and_then(|text| parse_json(&text)))))
        }
        Source::InlineJson(text) => done(parse_json(&text)),
        Source::Object(value) => done(Ok(value)),
        Source::Missing => done(Err(LoadError::Content {
            problems: vec![content::Diagnostic::new(
                content::Severity::Error,
                None,
                "data-faq-src",
                None,
                "no content: give data-faq-src, a <script type=\"application/json\"> child, or the content option".into(),
            )],
        })),
    }
}
