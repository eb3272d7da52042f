//! The DOM calls the widget repeats, each as one line: elements with a
//! class, attributes, text, finding and clearing. They are web-sys's own
//! methods; where web-sys returns a `Result` for a call that cannot fail for
//! what the widget passes (its own tags, attribute names and selectors, its
//! own elements), an `Err` is a bug, reported through the panic box
//! ([`broken`]). Every text from content goes in through [`text`] (a text
//! node) or [`set`] (an attribute value); nothing here parses HTML.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement, Node, ShadowRoot};

/// A DOM call that cannot fail for what the widget passes failed anyway: a
/// bug, reported through the panic box with what the browser said.
#[cold]
#[track_caller]
pub fn broken(call: &str, error: JsValue) -> ! {
    panic!("DOM call {call} failed: {error:?}")
}

/// The window of `el`'s document (`defaultView`), or `None` for a document
/// without one (a template's, or one no longer shown). Read from the host,
/// not the global `window`: a host in another document (an iframe's,
/// written to by its parent) belongs to that document's window.
pub fn window_of(el: &Element) -> Option<web_sys::Window> {
    document_of(el).default_view()
}

/// The document `el` belongs to: every element has one (only a document
/// itself has no owner document), so a missing one is a bug.
pub fn document_of(el: &Element) -> Document {
    el.owner_document().expect("an element has an owner document")
}

/// A new element with a class (or none when `class` is empty).
pub fn element(doc: &Document, tag: &str, class: &str) -> Element {
    let el = doc.create_element(tag).unwrap_or_else(|e| broken("createElement", e));
    if !class.is_empty() {
        set(&el, "class", class);
    }
    el
}

pub fn set(el: &Element, name: &str, value: &str) {
    el.set_attribute(name, value).unwrap_or_else(|e| broken("setAttribute", e));
}

pub fn remove_attribute(el: &Element, name: &str) {
    el.remove_attribute(name).unwrap_or_else(|e| broken("removeAttribute", e));
}

/// Appends `content` as a text node: never markup. `Element.append` with a
/// string makes the text node itself, in one call.
pub fn text(parent: &Element, content: &str) {
    parent.append_with_str_1(content).unwrap_or_else(|e| broken("append", e));
}

/// Appends `child` to an element or a shadow root.
pub fn append(parent: &Node, child: &Node) {
    parent.append_child(child).unwrap_or_else(|e| broken("appendChild", e));
}

/// Removes every child in one DOM call (a removeChild loop cost ~10 ms on 500 questions).
pub fn clear(node: &Node) {
    node.set_text_content(None);
}

/// `querySelector` in a widget's shadow root.
pub fn find(shadow: &ShadowRoot, selector: &str) -> Option<Element> {
    shadow.query_selector(selector).unwrap_or_else(|e| broken("querySelector", e))
}

pub fn replace(old: &Element, new: &Element) {
    old.replace_with_with_node_1(new).unwrap_or_else(|e| broken("replaceWith", e));
}

/// Only called on elements the view made (HTML elements: buttons and the
/// root). Cast without `instanceof`: in a host from another document the
/// element's class is that window's `HTMLElement`, not ours.
pub fn focus(el: &Element) {
    el.unchecked_ref::<HtmlElement>().focus().unwrap_or_else(|e| broken("focus", e));
}
