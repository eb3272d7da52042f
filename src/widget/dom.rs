//! The few DOM-building calls the view repeats, so each reads as one line.
//! Every text from content goes in through [`text`] (a text node) or
//! `set_attribute`; nothing here parses HTML.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// A DOM call that cannot fail on elements we made ourselves failed anyway:
/// a bug, reported as a panic. (Not `Result::expect`: formatting the JS error
/// would pull `core::fmt` into the wasm.)
#[cold]
#[track_caller]
pub fn broken(call: &'static str) -> ! {
    super::panic_box::fail(&crate::plain_format::join(&["DOM call failed: ", call]))
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The page's `window`, read directly: `web_sys::window()` probes four
    /// global names through js-sys, which the widget (always in a page) never needs.
    #[wasm_bindgen(thread_local_v2, js_name = window)]
    static WINDOW: Option<js_sys::Object>;
}

/// The page's window, or `None` outside a window (a worker). The global
/// `window` is a `Window` wherever it exists, so it is not checked again
/// (an `instanceof` check costs an import and its glue).
pub fn window() -> Option<web_sys::Window> {
    WINDOW.with(|w| w.clone().map(JsCast::unchecked_into))
}

/// The document `el` belongs to: every element has one (only a document
/// itself has no owner document), so a missing one is a bug.
pub fn document_of(el: &Element) -> Document {
    el.owner_document().unwrap_or_else(|| broken("ownerDocument"))
}

/// A new element with a class (or none when `class` is empty).
pub fn element(doc: &Document, tag: &str, class: &str) -> Element {
    let el = doc.create_element(tag).unwrap_or_else(|_| broken("createElement"));
    if !class.is_empty() {
        set(&el, "class", class);
    }
    el
}

pub fn set(el: &Element, name: &str, value: &str) {
    el.set_attribute(name, value).unwrap_or_else(|_| broken("setAttribute"));
}

/// Appends `content` as a text node: never markup. `Element.append` with a
/// string makes the text node itself, in one call.
pub fn text(parent: &Element, content: &str) {
    parent.append_with_str_1(content).unwrap_or_else(|_| broken("append"));
}

/// `Element.append`, not `appendChild`: [`text`] needs `append` anyway, so
/// the wasm imports one call instead of two. Shadow roots come here cast to
/// `Element`: `append` is the same `ParentNode` method on both.
pub fn append(parent: &Element, child: &Element) {
    parent.append_with_node_1(child).unwrap_or_else(|_| broken("append"));
}

/// Removes every child in one DOM call (a removeChild loop cost ~10 ms on 500 questions).
pub fn clear(el: &web_sys::Node) {
    el.set_text_content(None);
}

/// Only called on elements the view made (HTML elements: buttons and the root).
pub fn focus(el: &Element) {
    let _ = el.unchecked_ref::<HtmlElement>().focus();
}
