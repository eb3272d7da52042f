//! The DOM calls the widget makes: the few building calls the view repeats,
//! so each reads as one line, and reads of attributes, text and properties.
//! Every text from content goes in through [`text`] (a text node) or [`set`]
//! (an attribute value); nothing here parses HTML.

use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

/// A DOM call that cannot fail on elements we made ourselves failed anyway:
/// a bug, reported through the panic box.
#[cold]
#[track_caller]
pub fn broken(call: &'static str) -> ! {
    panic!("DOM call failed: {call}")
}

/// The window of `el`'s document (`defaultView`), or `None` for a document
/// without one (a template's, or one no longer shown). Read from the host
/// rather than the global `window`, which a static binding would fetch
/// through a lazily initialised cell.
pub fn window_of(el: &Element) -> Option<web_sys::Window> {
    document_of(el).default_view()
}

/// The document `el` belongs to: every element has one (only a document
/// itself has no owner document), so a missing one is a bug.
pub fn document_of(el: &Element) -> Document {
    el.owner_document().unwrap_or_else(|| broken("ownerDocument"))
}

/// A new element with a class (or none when `class` is empty).
pub fn element(doc: &Document, tag: &str, class: &str) -> Element {
    let el = raw(doc).create_element(tag);
    if !class.is_empty() {
        set(&el, "class", class);
    }
    el
}

pub fn set(el: &Element, name: &str, value: &str) {
    raw(el).set_attribute(name, value);
}

/// Appends `content` as a text node: never markup. `Element.append` with a
/// string makes the text node itself, in one call.
pub fn text(parent: &Element, content: &str) {
    raw(parent).append_text(content);
}

/// `Element.append`, not `appendChild`: [`text`] needs `append` anyway, so
/// the wasm imports one call instead of two. Shadow roots come here cast to
/// `Element`: `append` is the same `ParentNode` method on both.
pub fn append(parent: &Element, child: &Element) {
    raw(parent).append_node(child);
}

/// Removes every child in one DOM call (a removeChild loop cost ~10 ms on 500 questions).
pub fn clear(el: &web_sys::Node) {
    el.set_text_content(None);
}

// The calls bound here rather than taken from web-sys, for the wasm's size:
// - without wasm-bindgen's `catch` where web-sys declares them fallible but
//   none can throw for what the widget passes (its own tag, attribute and
//   selector names, its own elements; values are never parsed): a needless
//   `catch` costs an exception check at every call and a wrapper in the glue;
// - strings read back as JS values, then `as_string`: an import returning a
//   Rust `String` gets its own copy-into-the-wasm glue.
// They are methods of `Raw`, which any DOM object is cast to, because
// wasm-bindgen can only add methods to a type declared here.
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    type Raw;
    #[wasm_bindgen(method, js_name = createElement)]
    fn create_element(this: &Raw, tag: &str) -> Element;
    #[wasm_bindgen(method, js_name = setAttribute)]
    fn set_attribute(this: &Raw, name: &str, value: &str);
    #[wasm_bindgen(method, js_name = removeAttribute)]
    fn remove_attribute(this: &Raw, name: &str);
    #[wasm_bindgen(method, js_name = append)]
    fn append_node(this: &Raw, child: &Element);
    #[wasm_bindgen(method, js_name = append)]
    fn append_text(this: &Raw, text: &str);
    #[wasm_bindgen(method, js_name = querySelector)]
    fn query_selector(this: &Raw, selector: &str) -> Option<Element>;
    #[wasm_bindgen(method, js_name = replaceWith)]
    fn replace_with(this: &Raw, other: &Element);
    #[wasm_bindgen(method)]
    fn focus(this: &Raw);
    #[wasm_bindgen(method, js_name = replaceSync)]
    fn replace_sync(this: &Raw, text: &str);
    #[wasm_bindgen(method, js_name = getAttribute)]
    fn get_attribute(this: &Raw, name: &str) -> JsValue;
    #[wasm_bindgen(method, getter = textContent)]
    fn text_content(this: &Raw) -> JsValue;
    #[wasm_bindgen(method, getter = tagName)]
    fn tag_name(this: &Raw) -> JsValue;
    #[wasm_bindgen(method, getter = statusText)]
    fn status_text(this: &Raw) -> JsValue;
    /// `Storage.getItem`: throws where storage is blocked.
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_item(this: &Raw, key: &str) -> Result<JsValue, JsValue>;
    /// Where `adoptedStyleSheets` is missing this only adds a plain property.
    #[wasm_bindgen(method, setter = adoptedStyleSheets)]
    fn set_adopted_style_sheets(this: &Raw, sheets: &js_sys::Array);
}

fn raw(object: &JsValue) -> &Raw {
    object.unchecked_ref()
}

pub fn attribute(el: &Element, name: &str) -> Option<String> {
    raw(el).get_attribute(name).as_string()
}

pub fn text_content(el: &Element) -> Option<String> {
    raw(el).text_content().as_string()
}

pub fn tag_name(el: &Element) -> String {
    raw(el).tag_name().as_string().unwrap_or_default()
}

/// A fetch `Response`'s status text.
pub fn status_text(response: &JsValue) -> String {
    raw(response).status_text().as_string().unwrap_or_default()
}

/// `storage.getItem(key)`, or `None` when it is missing or storage refuses.
pub fn stored_item(storage: &JsValue, key: &str) -> Option<String> {
    raw(storage).get_item(key).ok()?.as_string()
}

pub fn remove_attribute(el: &Element, name: &str) {
    raw(el).remove_attribute(name);
}

/// `querySelector` on an element or a shadow root.
pub fn find(scope: &JsValue, selector: &str) -> Option<Element> {
    raw(scope).query_selector(selector)
}

pub fn replace(old: &Element, new: &Element) {
    raw(old).replace_with(new);
}

/// Only called on elements the view made (HTML elements: buttons and the root).
pub fn focus(el: &Element) {
    raw(el).focus();
}

pub fn replace_sync(sheet: &JsValue, text: &str) {
    raw(sheet).replace_sync(text);
}

pub fn adopt_style_sheets(shadow: &JsValue, sheets: &js_sys::Array) {
    raw(shadow).set_adopted_style_sheets(sheets);
}
