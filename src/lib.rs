//! faq-widget: an embeddable, accessible, bilingual FAQ.
//!
//! The pure core (no web-sys; tested natively) is [`json_value`],
//! [`content`], [`rich_text`], [`link_policy`], [`language`],
//! [`ui_strings`] and [`faq_state`], with small text helpers
//! ([`plain_format`], [`ascii_split`], [`utf8_check`]). The browser layer
//! lives in `widget` and is compiled for wasm32 only. See ARCHITECTURE.md for
//! how data flows between them.

extern crate alloc;

pub mod ascii_split;
#[cfg(not(target_arch = "wasm32"))]
pub mod authoring;
pub mod content;
pub mod faq_state;
#[cfg(not(target_arch = "wasm32"))]
pub mod html_render;
pub mod json_value;
pub mod language;
pub mod link_policy;
pub mod plain_format;
pub mod rich_text;
pub mod ui_strings;
pub mod utf8_check;

#[cfg(target_arch = "wasm32")]
pub mod widget;
