//! Globals for the widget's one thread. `thread_local!` is std-only and the
//! drop-in build is `no_std`; wasm32-unknown-unknown without atomics runs on
//! a single thread, so a plain static is only ever touched from it.

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
