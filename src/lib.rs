//! faq-widget: an embeddable, accessible, bilingual FAQ.
//!
//! The pure core (no web-sys; tested natively) is [`content`] (the file as
//! written in [`content::raw`], validation, the checked model),
//! [`rich_text`], [`link_policy`], [`language`], [`ui_strings`],
//! [`faq_state`], [`host_events`] and [`remember`]. The browser layer lives in `widget` and
//! is compiled for wasm32 only; the `faq` tool's own modules
//! ([`authoring`], [`html_render`]) are native only. See ARCHITECTURE.md for how data flows between them.

#[cfg(not(target_arch = "wasm32"))]
pub mod authoring;
pub mod content;
pub mod faq_state;
pub mod host_events;
#[cfg(not(target_arch = "wasm32"))]
pub mod html_render;
pub mod language;
pub mod link_policy;
pub mod remember;
pub mod rich_text;
pub mod ui_strings;

#[cfg(target_arch = "wasm32")]
pub mod widget;
