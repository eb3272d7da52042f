//! The last resort: a Rust panic draws the widget's error box (in the
//! widget's language) instead of leaving a dead widget, and names itself in
//! `console.error`. Built with `panic = "abort"`, the panicking call cannot
//! continue, and the widget's state may be mid-change, so the box has no Try
//! again button and is drawn from the DOM alone.

use super::dom;
use super::view::error_box;
use crate::ui_strings::{UiStrings, UiText};
use std::cell::{Cell, RefCell};
use web_sys::ShadowRoot;

thread_local! {
    /// The widget being drawn or updated, if any (the one a panic breaks),
    /// with its texts, taken beforehand because its state is off limits then.
    static ACTIVE: RefCell<Option<(ShadowRoot, UiStrings)>> = const { RefCell::new(None) };
    static INSTALLED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `work` with `shadow` as the widget a panic would report into, in
/// `strings`' words.
pub fn while_active<T>(shadow: &ShadowRoot, strings: UiStrings, work: impl FnOnce() -> T) -> T {
    let previous = ACTIVE.with(|a| a.replace(Some((shadow.clone(), strings))));
    let result = work();
    ACTIVE.with(|a| *a.borrow_mut() = previous);
    result
}

pub fn install() {
    if !INSTALLED.with(|i| i.replace(true)) {
        std::panic::set_hook(Box::new(report));
    }
}

fn report(info: &std::panic::PanicHookInfo) {
    let mut message = String::from("faq-widget: internal error: ");
    message.push_str(&info.to_string());
    web_sys::console::error_1(&message.into());
    if let Some((shadow, strings)) = ACTIVE.with(|a| a.try_borrow().ok().and_then(|a| a.clone())) {
        draw(&shadow, &strings);
    }
}

/// Replaces the widget's content with the error box.
pub fn draw(shadow: &ShadowRoot, strings: &UiStrings) {
    let Some(root) = shadow.query_selector(".faq").ok().flatten() else { return };
    dom::clear(&root);
    let doc = root.owner_document().unwrap_or_else(dom::document);
    dom::append(&root, &error_box(&doc, strings, strings.get(UiText::ErrorInternal), false));
}
