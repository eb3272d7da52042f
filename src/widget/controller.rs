//! One mounted widget: its state, its view, the listeners that turn DOM
//! events into [`Msg`]s, and the events its host element dispatches for the
//! page (worked out by [`crate::host_events`]). Listeners are gloo's
//! [`EventListener`]s held here, so dropping the widget's list (on
//! `destroy`) removes them.

use super::dom;
use super::load;
use super::options::{MountOptions, Source};
use super::panic_box;
use super::preferences;
use super::view::View;
use crate::faq_state::{FaqState, Msg, Redraw, Status};
use crate::host_events::{self, HostEvent, How, Value};
use crate::remember;
use std::cell::{OnceCell, RefCell};
use std::rc::{Rc, Weak};
use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CustomEvent, CustomEventInit, Element, Event, EventTarget, ShadowRootInit, ShadowRootMode};

// widget.css without comments and indentation (see build.rs).
const STYLES: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.min.css"));

thread_local! {
    /// One stylesheet object adopted by every widget's shadow root, made by the first mount.
    static SHEET: OnceCell<web_sys::CssStyleSheet> = const { OnceCell::new() };
}

/// `None` where constructable stylesheets are missing (then tried again at the next mount).
fn sheet() -> Option<web_sys::CssStyleSheet> {
    SHEET.with(|cell| {
        if let Some(sheet) = cell.get() {
            return Some(sheet.clone());
        }
        let sheet = web_sys::CssStyleSheet::new().ok()?;
        sheet.replace_sync(STYLES).unwrap_or_else(|e| dom::broken("replaceSync", e));
        Some(cell.get_or_init(|| sheet).clone())
    })
}

pub struct Widget {
    pub host: Element,
    pub state: FaqState,
    view: View,
    source: Source,
    /// Which load is current, so a slow earlier one that finishes after a retry is ignored.
    load_generation: u32,
    /// Move focus into the widget when the next load finishes (the reader pressed Try again).
    focus_after_load: bool,
    /// Where the open questions are remembered; `None` with `remember: false`.
    remember_key: Option<String>,
    listeners: Vec<EventListener>,
}

impl Widget {
    /// `number` is the one the JS API will know the widget by: the order of
    /// mounting, which names inline content in the remembered state's key.
    pub fn mount(host: Element, options: MountOptions, number: u32) -> Option<Rc<RefCell<Widget>>> {
        let doc = dom::document_of(&host);
        // A host that was mounted and destroyed keeps its (open) shadow root.
        let shadow = host
            .shadow_root()
            .or_else(|| host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).ok());
        let Some(shadow) = shadow else {
            let tag = host.tag_name().to_ascii_lowercase();
            let message = format!("faq-widget: cannot attach a shadow root to <{tag}>; mount on a <div>");
            web_sys::console::error_1(&message.into());
            return None;
        };
        dom::clear(&shadow);
        if let Some(sheet) = sheet() {
            // Where adoptedStyleSheets is missing this only adds a plain property.
            shadow.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
        }
        let root = dom::element(&doc, "div", "faq");
        dom::set(&root, "tabindex", "-1");
        dom::append(&shadow, &root);
        let preferences = preferences::gather(&host, options.lang.as_deref());
        // document.URL, not location: the host's own document, read in one call.
        let url = doc.url().unwrap_or_default();
        let remember_key = options.remember.then(|| {
            let src = match &options.source {
                Source::Url(src) => Some(src.as_str()),
                _ => None,
            };
            remember::storage_key(&url, src, host.get_attribute("id").as_deref(), number)
        });
        let remembered = remember_key.as_ref().and_then(|key| preferences::remembered_open(&host, key));
        let deep_link = remember::deep_link(&url);
        let state = FaqState {
            open: remember::initial_open(remembered.as_deref(), deep_link),
            deep_link: deep_link.map(str::to_owned),
            ..FaqState::new(preferences)
        };
        let view = View { shadow: shadow.clone(), root, heading_level: options.heading_level, new_tab: options.new_tab };
        let widget = Rc::new(RefCell::new(Widget {
            host,
            state,
            view,
            source: options.source,
            load_generation: 0,
            focus_after_load: false,
            remember_key,
            listeners: Vec::new(),
        }));
        let click = listen(&widget, &shadow, "click", false);
        let beforematch = listen(&widget, &shadow, "beforematch", true);
        widget.borrow_mut().listeners.extend([click, beforematch]);
        // Printing opens every answer and then gives the reader back their
        // own; the host's window, which is the one that prints its document.
        let window = dom::window_of(&widget.borrow().host);
        if let Some(window) = window {
            let print = [listen_print(&widget, &window, "beforeprint"), listen_print(&widget, &window, "afterprint")];
            widget.borrow_mut().listeners.extend(print);
        }
        {
            let w = widget.borrow();
            panic_box::while_active(&w.view.shadow, w.state.ui_strings(), || w.view.redraw(&w.state, &Redraw::Everything));
        }
        Widget::start_load(&widget);
        Some(widget)
    }

    /// Applies a message, redraws what changed, then tells the host page
    /// (`faq:*` events). `how` is what sent it, for `faq:open`/`faq:close`.
    /// Re-entrant calls (a message sent while one is being handled) are
    /// dropped, not panicked on.
    pub fn dispatch(widget: &Rc<RefCell<Widget>>, msg: Msg, how: How) {
        let Ok(mut w) = widget.try_borrow_mut() else { return };
        if w.listeners.is_empty() {
            return; // destroyed
        }
        let is_retry = msg == Msg::Retry;
        let chose_language = matches!(msg, Msg::SetLanguage(_));
        let printing = matches!(msg, Msg::BeforePrint | Msg::AfterPrint);
        // Only a failed load's event names the content (as the console does).
        let source = if matches!(msg, Msg::Loaded(Err(_))) { load::describe(&w.source) } else { String::new() };
        let shadow = w.view.shadow.clone();
        let (redraw, events) = panic_box::while_active(&shadow, w.state.ui_strings(), || {
            let (redraw, events) = host_events::update(&mut w.state, msg, how, &source);
            w.view.redraw(&w.state, &redraw);
            (redraw, events)
        });
        if redraw == Redraw::Nothing {
            return;
        }
        if chose_language {
            preferences::remember_language(&w.host, &w.state.lang);
        }
        // Only what the reader opened or closed is stored: loading writes
        // nothing, and printing's open-everything is for the paper only.
        if let (Redraw::Item(_) | Redraw::AllItems, Some(key), false) = (&redraw, &w.remember_key, printing) {
            preferences::remember_open(&w.host, key, &remember::stored_value(&w.state.open));
        }
        w.focus_after_load |= is_retry;
        // Let go of the widget first: a listener may call the JS API.
        let host = w.host.clone();
        drop(w);
        for event in &events {
            emit(&host, event);
        }
        if is_retry {
            Widget::start_load(widget);
        }
    }

    fn start_load(widget: &Rc<RefCell<Widget>>) {
        let (source, generation, window) = {
            let mut w = widget.borrow_mut();
            w.load_generation += 1;
            (w.source.clone(), w.load_generation, dom::window_of(&w.host))
        };
        load::begin(source, window, Rc::downgrade(widget), generation);
    }

    /// A load's outcome, if the load is still the widget's current one.
    pub fn finish_load(
        weak: &Weak<RefCell<Widget>>,
        generation: u32,
        described: &str,
        parsed: Result<JsValue, crate::faq_state::LoadError>,
    ) {
        let Some(widget) = weak.upgrade() else { return };
        if widget.borrow().load_generation != generation {
            return;
        }
        let shadow = widget.borrow().view.shadow.clone();
        let (result, problems) = match parsed {
            Ok(value) => {
                let strings = widget.borrow().state.ui_strings();
                panic_box::while_active(&shadow, strings, || load::check(value))
            }
            Err(error) => (Err(error), Vec::new()),
        };
        if let Err(error) = &result {
            web_sys::console::error_1(&error.console_message(described).into());
        }
        if !problems.is_empty() {
            let mut text = format!("faq-widget: {described}: shown with problems:");
            crate::faq_state::push_lines(&mut text, &problems);
            web_sys::console::error_1(&text.into());
        }
        // A load opens nothing itself but the page URL's deep link.
        Widget::dispatch(&widget, Msg::Loaded(result), How::Link);
        let mut w = widget.borrow_mut();
        if std::mem::take(&mut w.focus_after_load) {
            let target = match w.state.status {
                // The notice itself when trying again no longer can help.
                Status::Failed(_) => dom::find(&w.view.shadow, ".faq__retry").or_else(|| Some(w.view.root.clone())),
                _ => Some(w.view.root.clone()),
            };
            if let Some(target) = target {
                dom::focus(&target);
            }
        }
    }

    pub fn destroy(&mut self) {
        self.listeners.clear();
        self.load_generation += 1;
        dom::clear(&self.view.shadow);
        // With a slot the host's own children show again, as before mounting.
        let doc = dom::document_of(&self.host);
        dom::append(&self.view.shadow, &dom::element(&doc, "slot", ""));
    }
}

/// Dispatches `event` on the host: bubbling and composed, so the page hears
/// it on the host or any ancestor, `document` included. A listener that
/// throws is reported by `dispatchEvent` itself (to the page's `onerror`)
/// and returns here as usual; the widget's state is already settled.
fn emit(host: &Element, event: &HostEvent) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    // fromEntries defines the properties: a setter a page put on
    // Object.prototype is not run, as an assignment would run it.
    let entry = |(name, value): &(&str, Value)| js_sys::Array::of2(&(*name).into(), &js_value(value));
    let entries = js_sys::Array::of2(&entry(&event.detail[0]), &entry(&event.detail[1]));
    let detail = js_sys::Object::from_entries(&entries).unwrap_or_else(|e| dom::broken("fromEntries", e));
    init.set_detail(&detail);
    let event = CustomEvent::new_with_event_init_dict(event.name, &init).unwrap_or_else(|e| dom::broken("CustomEvent", e));
    // Throws only for an event already being dispatched, which this new one is not.
    let _ = host.dispatch_event(&event);
}

fn js_value(value: &Value) -> JsValue {
    match value {
        Value::Text(text) => text.into(),
        Value::List(list) => {
            // push, not collect: js-sys's FromIterator weighed 0.4 KB more.
            let array = js_sys::Array::new();
            for item in list {
                array.push(&item.into());
            }
            array.into()
        }
    }
}

/// The message a DOM event on the shadow root asks for, if any, and what sent it.
fn event_msg(event: &Event, beforematch: bool) -> Option<(Msg, How)> {
    // Not checked with `instanceof`: a target that is no element (an event
    // dispatched on the shadow root itself) makes `closest` throw, caught as `None`.
    let target: Element = event.target()?.unchecked_into();
    if beforematch {
        // Find-in-page is about to reveal a collapsed answer: make it open in our state too.
        let panel = target.closest(".faq__answer").ok()??;
        return Some((Msg::Open(panel.get_attribute("data-id")?), How::Search));
    }
    let button = target.closest("button[data-action]").ok()??;
    let value = |name: &str| button.get_attribute(name).unwrap_or_default();
    // Enter or Space on a button fires a click with no click count.
    let pressed = if event.unchecked_ref::<web_sys::UiEvent>().detail() == 0 { How::Keyboard } else { How::Click };
    Some(match value("data-action").as_str() {
        "toggle" => (Msg::Toggle(value("data-id")), pressed),
        "toggle-all" => (Msg::ToggleAll, How::ShowAll),
        "language" => (Msg::SetLanguage(value("data-lang")), pressed),
        "retry" => (Msg::Retry, pressed),
        _ => return None,
    })
}

/// A delegated listener on the shadow root, in the capture phase: it hears an
/// event on the widget's elements before anything at the target does.
fn listen(widget: &Rc<RefCell<Widget>>, target: &EventTarget, event_type: &'static str, beforematch: bool) -> EventListener {
    let weak = Rc::downgrade(widget);
    EventListener::new_with_options(target, event_type, EventListenerOptions::run_in_capture_phase(), move |event| {
        let (Some(widget), Some((msg, how))) = (weak.upgrade(), event_msg(event, beforematch)) else { return };
        Widget::dispatch(&widget, msg, how);
    })
}

/// A listener for `beforeprint` or `afterprint` on the host's window.
fn listen_print(widget: &Rc<RefCell<Widget>>, window: &web_sys::Window, event_type: &'static str) -> EventListener {
    let weak = Rc::downgrade(widget);
    EventListener::new(window, event_type, move |_| {
        let Some(widget) = weak.upgrade() else { return };
        let msg = if event_type == "beforeprint" { Msg::BeforePrint } else { Msg::AfterPrint };
        Widget::dispatch(&widget, msg, How::Api);
    })
}
