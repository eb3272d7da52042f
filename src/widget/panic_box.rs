//! The last resort: a Rust panic draws the widget's error box (in the
//! widget's language) instead of leaving a dead widget, and names itself in
//! one `console.error`. The panicking call cannot continue (the release
//! build aborts on panic), and the widget's state may be mid-change, so the
//! box has no Try again button and is drawn from the DOM alone.
//!
//! It is a std panic hook ([`install`]), so `cargo test` and the drop-in
//! build report panics the same way.

use super::dom;
use super::view::draw_error_box;
use crate::ui_strings::{UiStrings, UiText};
use std::cell::RefCell;
use std::panic::PanicHookInfo;
use web_sys::ShadowRoot;

thread_local! {
    /// The widget being drawn or updated, if any (the one a panic breaks),
    /// with its texts, taken beforehand because its state is off limits then.
    static ACTIVE: RefCell<Option<(ShadowRoot, UiStrings)>> = const { RefCell::new(None) };
}

/// Runs `work` with `shadow` as the widget a panic would report into, in
/// `strings`' words.
pub fn while_active<T>(shadow: &ShadowRoot, strings: UiStrings, work: impl FnOnce() -> T) -> T {
    let previous = ACTIVE.replace(Some((shadow.clone(), strings)));
    let result = work();
    ACTIVE.set(previous);
    result
}

/// Installs the panic hook; once, however many widgets are mounted.
pub fn install() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| std::panic::set_hook(Box::new(report)));
}

/// Logs the panic (what, and where) and draws the error box into the active widget.
fn report(info: &PanicHookInfo) {
    let what = info.payload_as_str().unwrap_or("a Rust panic");
    let message = match info.location() {
        Some(at) => format!("faq-widget: internal error: {what} at {}:{}", at.file(), at.line()),
        None => format!("faq-widget: internal error: {what}"),
    };
    web_sys::console::error_1(&message.into());
    // Drawn while borrowed rather than from a clone: drawing never replaces
    // ACTIVE, and a panic inside it only borrows it again, which shares.
    // A panic while ACTIVE is being replaced finds it borrowed mutably: then
    // the console line is all there is.
    ACTIVE.with(|active| {
        if let Ok(active) = active.try_borrow() {
            if let Some((shadow, strings)) = &*active {
                draw(shadow, strings);
            }
        }
    });
}

/// Replaces the widget's content with the error box.
pub fn draw(shadow: &ShadowRoot, strings: &UiStrings) {
    let Some(root) = dom::find(shadow, ".faq") else { return };
    dom::clear(&root);
    draw_error_box(&root, strings, strings.get(UiText::ErrorInternal), false);
}
