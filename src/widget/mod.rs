//! The browser layer: mounting widgets into host elements and the JS API
//! (`window.FaqWidget` wraps these exports; see `www/loader.js`).
//!
//! Everything here is thin glue over the pure core: [`controller`] owns one
//! widget's [`crate::faq_state::FaqState`], [`view`] draws it into a shadow
//! root, [`load`] turns a URL or inline JSON into content.

pub mod controller;
pub mod dom;
pub mod load;
pub mod options;
pub mod panic_box;
pub mod preferences;
pub mod view;

use controller::Widget;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::Element;

// SAFETY: wasm32-unknown-unknown without atomics runs on one thread.
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

thread_local! {
    /// Every mounted widget by host element, with the number the JS API knows
    /// it by, so mounting twice mounts once.
    static MOUNTED: RefCell<Vec<(u32, Element, Rc<RefCell<Widget>>)>> = const { RefCell::new(Vec::new()) };
    /// The number the last mounted widget got (0 means "no widget").
    static LAST_NUMBER: Cell<u32> = const { Cell::new(0) };
}

/// The mounted widget numbered `number`, if it is still mounted.
fn widget(number: u32) -> Option<Rc<RefCell<Widget>>> {
    MOUNTED.with_borrow(|mounted| mounted.iter().find(|(n, _, _)| *n == number).map(|(_, _, w)| w.clone()))
}

fn send(number: u32, msg: crate::faq_state::Msg) {
    if let Some(widget) = widget(number) {
        // Every call through here is the JS API's.
        Widget::dispatch(&widget, msg, crate::host_events::How::Api);
    }
}

// The JS API's handle (`www/loader.js`) holds a widget's number and calls
// these; a number, not an exported struct, because wasm-bindgen's class glue
// (wrapping, finalizers, borrow checks) weighed 0.4 KB brotli for four calls.

/// Mounts a widget on `host` (or finds the one already there) and returns
/// its number, or 0 when the host cannot take a shadow root. `options` is a
/// plain object: `src`, `content`, `lang`, `headingLevel`, `newTab`,
/// `remember`; anything missing is read from the host's `data-faq-*`
/// attributes.
#[wasm_bindgen]
pub fn mount(host: Element, options: JsValue) -> u32 {
    panic_box::install();
    let mounted = MOUNTED.with_borrow(|mounted| mounted.iter().find(|(_, el, _)| el == &host).map(|(n, _, _)| *n));
    if let Some(number) = mounted {
        return number;
    }
    let options = options::MountOptions::read(&host, &options);
    let number = LAST_NUMBER.get() + 1;
    let Some(widget) = Widget::mount(host.clone(), options, number) else { return 0 };
    LAST_NUMBER.set(number);
    MOUNTED.with_borrow_mut(|mounted| mounted.push((number, host, widget)));
    number
}

/// Shows another of the content's languages (`"es"`, `"es-MX"`); unknown ones are ignored.
#[wasm_bindgen(js_name = setLanguage)]
pub fn set_language(widget: u32, code: &str) {
    send(widget, crate::faq_state::Msg::SetLanguage(code.to_owned()));
}

#[wasm_bindgen]
pub fn open(widget: u32, id: &str) {
    send(widget, crate::faq_state::Msg::Open(id.to_owned()));
}

#[wasm_bindgen]
pub fn close(widget: u32, id: &str) {
    send(widget, crate::faq_state::Msg::Close(id.to_owned()));
}

/// Removes what the widget drew and its listeners; the host's own children
/// show again, and the number stops working.
#[wasm_bindgen]
pub fn destroy(widget: u32) {
    let Some(widget_rc) = self::widget(widget) else { return };
    let Ok(mut widget_state) = widget_rc.try_borrow_mut() else { return };
    MOUNTED.with_borrow_mut(|mounted| mounted.retain(|(n, _, _)| *n != widget));
    widget_state.destroy();
}
