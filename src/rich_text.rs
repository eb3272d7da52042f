//! The answer format: a small Markdown subset parsed into a tree.
//!
//! PLACEHOLDER API (paragraphs only) — to be replaced by the full subset.

use crate::link_policy::{self, LinkTarget};

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    List { ordered: bool, start: u32, items: Vec<Vec<Inline>> },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    Strong(Vec<Inline>),
    Emphasis(Vec<Inline>),
    LineBreak,
    Link { href: String, target: LinkTarget, children: Vec<Inline> },
}

/// A link that was written but refused, so it shows as its literal text.
#[derive(Debug, Clone, PartialEq)]
pub struct RefusedLink {
    pub url: String,
    pub reason: &'static str,
}

pub fn parse_answer(src: &str) -> (Vec<Block>, Vec<RefusedLink>) {
    let _ = link_policy::check_url;
    let blocks = src
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| Block::Paragraph(vec![Inline::Text(p.to_owned())]))
        .collect();
    (blocks, Vec::new())
}

pub fn parse_question(src: &str) -> Vec<Inline> {
    vec![Inline::Text(src.trim().to_owned())]
}

pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.push_str(t),
            Inline::Strong(c) | Inline::Emphasis(c) | Inline::Link { children: c, .. } => {
                out.push_str(&plain_text(c))
            }
            Inline::LineBreak => out.push('\n'),
        }
    }
    out
}
