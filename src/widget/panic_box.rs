//! The last resort: a Rust panic draws the widget's error box (in the
//! widget's language) instead of leaving a dead widget, and names itself in
//! `console.error`. Built with `panic = "abort"`, the panicking call cannot
//! continue, so the hook draws with plain DOM calls and no shared state.

use crate::faq_state::LoadError;
use crate::ui_strings::{UiStrings, UiText};
use std::cell::RefCell;
use web_sys::ShadowRoot;

thread_local! {
    /// The shadow root being drawn or updated, if any: the one a panic breaks.
    static ACTIVE: RefCell<Option<ShadowRoot>> = const { RefCell::new(None) };
}

/// Runs `work` with `shadow` as the widget a panic would report into.
pub fn while_active<T>(shadow: &ShadowRoot, work: impl FnOnce() -> T) -> T {
    let previous = ACTIVE.with(|a| a.replace(Some(shadow.clone())));
    let result = work();
    ACTIVE.with(|a| *a.borrow_mut() = previous);
    result
}

pub fn install() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| std::panic::set_hook(Box::new(report)));
}

fn report(info: &std::panic::PanicHookInfo) {
    let detail = info.to_string();
    let shadow = ACTIVE.with(|a| a.try_borrow().ok().and_then(|a| a.clone()));
    web_sys::console::error_1(&LoadError::Internal { detail }.console_message("panic").into());
    if let Some(shadow) = shadow {
        draw(&shadow);
    }
}

/// Replaces the widget's content with the error box.
pub fn draw(shadow: &ShadowRoot) {
    let Some(root) = shadow.query_selector(".faq").ok().flatten() else { return };
    let lang = root.get_attribute("lang").unwrap_or_default();
    let strings = UiStrings::built_in(&lang);
    let Some(doc) = root.owner_document() else { return };
    while let Some(child) = root.first_child() {
        let _ = root.remove_child(&child);
    }
    let panel = doc.create_element("div");
    let heading = doc.create_element("p");
    let message = doc.create_element("p");
    if let (Ok(panel), Ok(heading), Ok(message)) = (panel, heading, message) {
        panel.set_class_name("faq__error");
        let _ = panel.set_attribute("role", "alert");
        heading.set_class_name("faq__error-heading");
        heading.set_text_content(Some(strings.get(UiText::ErrorHeading)));
        message.set_class_name("faq__error-message");
        message.set_text_content(Some(strings.get(UiText::ErrorInternal)));
        let _ = panel.append_child(&heading);
        let _ = panel.append_child(&message);
        let _ = root.append_child(&panel);
    }
}
