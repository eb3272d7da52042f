//! Globals for the widget's one thread, and the borrows of its `RefCell`s.
//! `thread_local!` is std-only and the drop-in build is `no_std`;
//! wasm32-unknown-unknown without atomics runs on a single thread, so a plain
//! static is only ever touched from it.

use core::ops::Deref;

pub struct SingleThreaded<T>(pub T);

// SAFETY: the wasm has one thread (no `atomics` target feature), so the
// value is never shared across threads.
unsafe impl<T> Sync for SingleThreaded<T> {}

impl<T> Deref for SingleThreaded<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// `cell.borrow()`. A clash is a bug, reported through the panic box from
/// here: one panic location in the wasm, not one per call (each is data with
/// its own line number).
pub fn shared<T>(cell: &core::cell::RefCell<T>) -> core::cell::Ref<'_, T> {
    cell.try_borrow().unwrap_or_else(|_| super::panic_box::fail("already mutably borrowed"))
}

/// `cell.borrow_mut()`, reported like [`shared`].
pub fn exclusive<T>(cell: &core::cell::RefCell<T>) -> core::cell::RefMut<'_, T> {
    cell.try_borrow_mut().unwrap_or_else(|_| super::panic_box::fail("already borrowed"))
}
