//! The last resort: a Rust panic draws the widget's error box (in the
//! widget's language) instead of leaving a dead widget, and names itself in
//! `console.error`. The panicking call cannot continue (the wasm aborts), and
//! the widget's state may be mid-change, so the box has no Try again button
//! and is drawn from the DOM alone.
//!
//! The drop-in build is `no_std` and this module is its panic handler; under
//! `cargo test` (std) it is a panic hook instead. Either way only the panic's
//! literal message and location are read, never formatted arguments, so
//! `core::fmt` stays out of the wasm.

use super::dom;
use super::single_thread::{exclusive, SingleThreaded};
use super::view::error_box;
use crate::plain_format::{decimal, join};
use crate::ui_strings::{UiStrings, UiText};
use core::cell::RefCell;
use core::panic::Location;
use web_sys::ShadowRoot;

/// The widget being drawn or updated, if any (the one a panic breaks), with
/// its texts, taken beforehand because its state is off limits then.
static ACTIVE: SingleThreaded<RefCell<Option<(ShadowRoot, UiStrings)>>> = SingleThreaded(RefCell::new(None));

/// Runs `work` with `shadow` as the widget a panic would report into, in
/// `strings`' words.
pub fn while_active<T>(shadow: &ShadowRoot, strings: UiStrings, work: impl FnOnce() -> T) -> T {
    let previous = core::mem::replace(&mut *exclusive(&ACTIVE), Some((shadow.clone(), strings)));
    let result = work();
    *exclusive(&ACTIVE) = previous;
    result
}

/// Logs `what` (and where) and draws the error box into the active widget.
fn report(what: &str, location: Option<&Location>) {
    let place = match location {
        Some(l) => join(&[" at ", l.file(), ":", &decimal(u64::from(l.line()))]),
        None => alloc::string::String::new(),
    };
    web_sys::console::error_1(&join(&["faq-widget: internal error: ", what, &place]).into());
    // Drawn while borrowed rather than from a clone: drawing never replaces
    // ACTIVE, and a panic inside it only borrows it again, which shares.
    if let Ok(active) = ACTIVE.try_borrow() {
        if let Some((shadow, strings)) = &*active {
            draw(shadow, strings);
        }
    }
}

/// A bug found without a panic (a DOM call that cannot fail did): reported
/// like one, with `what` as the message.
#[cold]
#[track_caller]
pub fn fail(what: &str) -> ! {
    #[cfg(feature = "bundle")]
    {
        report(what, Some(Location::caller()));
        core::arch::wasm32::unreachable()
    }
    #[cfg(not(feature = "bundle"))]
    panic!("{what}")
}

#[cfg(feature = "bundle")]
#[panic_handler]
fn on_panic(info: &core::panic::PanicInfo) -> ! {
    report(info.message().as_str().unwrap_or("a Rust panic"), info.location());
    core::arch::wasm32::unreachable()
}

/// Under std: installs the same report as a panic hook (once).
pub fn install() {
    #[cfg(not(feature = "bundle"))]
    {
        extern crate std;
        static INSTALLED: SingleThreaded<core::cell::Cell<bool>> = SingleThreaded(core::cell::Cell::new(false));
        if !INSTALLED.replace(true) {
            std::panic::set_hook(alloc::boxed::Box::new(|info| {
                report(info.payload_as_str().unwrap_or("a Rust panic"), info.location())
            }));
        }
    }
}

/// Replaces the widget's content with the error box.
pub fn draw(shadow: &ShadowRoot, strings: &UiStrings) {
    let Some(root) = dom::find(shadow, ".faq") else { return };
    dom::clear(&root);
    let doc = dom::document_of(&root);
    dom::append(&root, &error_box(&doc, strings, strings.get(UiText::ErrorInternal), false));
}
