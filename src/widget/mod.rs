//! The browser layer: mounting widgets into host elements and the JS API
//! (`window.FaqWidget` wraps these exports; see `www/loader.js`).
//!
//! Everything here is thin glue over the pure core: [`controller`] owns one
//! widget's [`crate::faq_state::FaqState`], [`view`] draws it into a shadow
//! root, [`load`] turns a URL or inline JSON into content.

pub mod controller;
pub mod dom;
pub mod js_tree;
pub mod load;
pub mod options;
pub mod panic_box;
pub mod preferences;
pub mod single_thread;
pub mod view;

use alloc::borrow::ToOwned;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use controller::Widget;
use core::cell::RefCell;
use single_thread::SingleThreaded;
use wasm_bindgen::prelude::*;
use web_sys::Element;

// SAFETY: wasm32-unknown-unknown without atomics runs on one thread.
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

/// Every mounted widget by host element, so mounting twice mounts once.
static MOUNTED: SingleThreaded<RefCell<Vec<(Element, Rc<RefCell<Widget>>)>>> = SingleThreaded(RefCell::new(Vec::new()));

/// A mounted widget as the JS API sees it.
#[wasm_bindgen]
pub struct WidgetHandle {
    /// `None` when the host could not take a shadow root: every call is then a no-op.
    widget: Option<Rc<RefCell<Widget>>>,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Shows another of the content's languages (`"es"`, `"es-MX"`); unknown ones are ignored.
    #[wasm_bindgen(js_name = setLanguage)]
    pub fn set_language(&self, code: &str) {
        self.send(crate::faq_state::Msg::SetLanguage(code.to_owned()));
    }

    pub fn open(&self, id: &str) {
        self.send(crate::faq_state::Msg::Open(id.to_owned()));
    }

    pub fn close(&self, id: &str) {
        self.send(crate::faq_state::Msg::Close(id.to_owned()));
    }

    /// The language shown now.
    #[wasm_bindgen(getter)]
    pub fn language(&self) -> String {
        let widget = self.widget.as_ref().and_then(|w| w.try_borrow().ok());
        widget.map(|w| w.state.lang.clone()).unwrap_or_default()
    }

    /// Removes what the widget drew and its listeners; the host's own children show again.
    pub fn destroy(&self) {
        let Some(widget) = &self.widget else { return };
        let Ok(mut widget) = widget.try_borrow_mut() else { return };
        MOUNTED.borrow_mut().retain(|(el, _)| el != &widget.host);
        widget.destroy();
    }
}

impl WidgetHandle {
    fn send(&self, msg: crate::faq_state::Msg) {
        if let Some(widget) = &self.widget {
            Widget::dispatch(widget, msg);
        }
    }
}

/// Mounts a widget on `host` (or returns the one already there). `options`
/// is a plain object: `src`, `content`, `lang`, `headingLevel`, `newTab`;
/// anything missing is read from the host's `data-faq-*` attributes.
#[wasm_bindgen]
pub fn mount(host: Element, options: JsValue) -> WidgetHandle {
    panic_box::install();
    let mounted = MOUNTED.borrow().iter().find(|(el, _)| el == &host).map(|(_, w)| w.clone());
    if let Some(widget) = mounted {
        return WidgetHandle { widget: Some(widget) };
    }
    let options = options::MountOptions::read(&host, &options);
    let widget = Widget::mount(host.clone(), options);
    if let Some(widget) = &widget {
        MOUNTED.borrow_mut().push((host, widget.clone()));
    }
    WidgetHandle { widget }
}
