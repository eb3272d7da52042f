//! From a [`Source`] to checked content: fetch, decode, `JSON.parse`, then
//! [`crate::content::load`]. Each step's failure becomes its own [`LoadError`].

use super::options::Source;
use crate::content::{self, Faq};
use crate::faq_state::LoadError;
use crate::json_value::Value;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use super::controller::Widget;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What `console.error` and the error box name as the content's origin.
fn describe(source: &Source) -> String {
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
    /// The global `String` function; it throws for an object whose `toString` does.
    #[wasm_bindgen(catch, js_name = String)]
    fn to_js_string(value: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method)]
    fn then(this: &Thenable, resolve: &JsValue, reject: &JsValue);
}

/// A load in flight: the widget it is for, which of its loads it is (a
/// retry starts a new one), and the step it waits at.
struct Pending {
    widget: Weak<RefCell<Widget>>,
    generation: u32,
    /// The source as `console.error` names it ([`describe`]).
    described: String,
    step: Step,
}

/// What a load waits for. One enum and one [`resume`] instead of a boxed
/// closure per step: each closure type cost its own vtable, shims and drop
/// code in the wasm.
enum Step {
    /// `fetch` was called: the response is next.
    Response,
    /// The response was fine: its bytes are next.
    Body,
    /// The outcome is known, and handled on a later turn (see [`begin`]).
    Finish(Result<JsValue, LoadError>),
}

/// Starts load number `generation` of `widget` from `source` (fetched in
/// `window`, the host page's); the widget gets the parsed JSON or why not
/// through [`Widget::finish_load`]. Checking the JSON is the widget's job,
/// done inside the panic box.
pub fn begin(source: Source, window: Option<web_sys::Window>, widget: Weak<RefCell<Widget>>, generation: u32) {
    let described = describe(&source);
    let pending = |step| Pending { widget, generation, described, step };
    let outcome = match source {
        Source::Url(url) => match window {
            Some(window) => return wait(&window.fetch_with_str(&url), pending(Step::Response)),
            None => Err(LoadError::Network { detail: "no window".into() }),
        },
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
    };
    // Known at once, while the caller (mount, a click) still holds the
    // widget: finished on a later turn so the borrows never overlap.
    wait(&js_sys::Promise::resolve(&JsValue::UNDEFINED), pending(Step::Finish(outcome)));
}

/// Resumes `pending` once `promise` settles. Callbacks rather than
/// wasm-bindgen-futures: the executor and its queue cost more wasm than this.
/// The callback not taken is never called and stays allocated: a few bytes a load.
fn wait(promise: &js_sys::Promise, pending: Pending) {
    let pending = Rc::new(Cell::new(Some(pending)));
    let (resolve, reject) = (settle_with(pending.clone(), true), settle_with(pending, false));
    promise.unchecked_ref::<Thenable>().then(&resolve, &reject);
}

/// One side of [`wait`]: both sides are this one closure type, so the wasm
/// carries one set of closure shims.
fn settle_with(pending: Rc<Cell<Option<Pending>>>, resolved: bool) -> JsValue {
    Closure::once_into_js(move |value: JsValue| {
        if let Some(pending) = pending.take() {
            resume(pending, if resolved { Ok(value) } else { Err(value) })
        }
    })
}

fn network_error(error: JsValue) -> LoadError {
    LoadError::Network { detail: js_error_text(&error) }
}

/// The next step of a load, with what its promise settled to.
fn resume(pending: Pending, settled: Result<JsValue, JsValue>) {
    let Pending { widget, generation, described, step } = pending;
    let outcome = match (step, settled) {
        (Step::Response, Ok(response)) => {
            let response: web_sys::Response = response.unchecked_into();
            if !response.ok() {
                Err(LoadError::Http { status: response.status(), status_text: response.status_text() })
            } else {
                match response.array_buffer() {
                    Ok(body) => return wait(&body, Pending { widget, generation, described, step: Step::Body }),
                    Err(error) => Err(network_error(error)),
                }
            }
        }
        (Step::Body, Ok(body)) => decode(js_sys::Uint8Array::new(&body).to_vec()).and_then(|text| parse_json(&text)),
        (Step::Response | Step::Body, Err(error)) => Err(network_error(error)),
        (Step::Finish(outcome), _) => outcome,
    };
    Widget::finish_load(&widget, generation, &described, outcome);
}
