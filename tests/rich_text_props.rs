//! Property tests of the answer format: the parser is total, its trees are
//! canonical and safe, it keeps every letter the author wrote, and
//! `to_source` writes trees that parse back to their settled form.
#![cfg(not(target_arch = "wasm32"))] // native: runs the `faq` binary or uses proptest

use faq_widget::link_policy::check_url;
use faq_widget::rich_text::{parse_answer, parse_question, plain_text, settled, to_source, Block, Inline, EMPTY_LINK_TEXT};
use proptest::prelude::*;

/// Markup-heavy text: the syntax characters, fragments that form links and
/// list markers, and arbitrary characters (control, RTL, astral...).
fn source() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        6 => prop::sample::select(vec![
            "*", "**", "_", "[", "]", "(", ")", "\\", "!", "#", "<", ">", "`", "\n", "\r\n", " ", "  \n",
            "\n\n", "-", "- ", "1", "1. ", "2) ", ".", "a", "b", "Z", "é", "ß", "](", "https://x.example/",
            "#top", "javascript:", "mailto:a@b", "\t", "    ", "snake_case",
        ])
        .prop_map(str::to_owned),
        2 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(fragment, 0..80).prop_map(|parts| parts.concat())
}

/// Only what emphasis and links are made of, to stress their interplay.
fn emphasis_source() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec!["*", "**", "_", "a", "b", " ", ".", "\n", "[", "](#x)", "!", "\\"]),
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

/// The letters a reader can see, in order: text, then a link's URL after its
/// text as in the source. ASCII digits are left out because list numbers are
/// markup.
fn letters_of_tree(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.extend(t.chars().filter(|&c| is_letter(c))),
            Inline::Strong(c) | Inline::Emphasis(c) => letters_of_tree(c, out),
            Inline::Link { href, children, .. } => {
                letters_of_tree(children, out);
                out.extend(href.chars().filter(|&c| is_letter(c)));
            }
            Inline::LineBreak => {}
        }
    }
}

fn is_letter(c: char) -> bool {
    c.is_alphanumeric() && !c.is_ascii_digit()
}

fn block_inlines(blocks: &[Block]) -> Vec<&[Inline]> {
    let mut all = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraph(inlines) => all.push(inlines.as_slice()),
            Block::List { items, .. } => all.extend(items.iter().map(Vec::as_slice)),
        }
    }
    all
}

/// Canonical and safe: merged non-empty text, no empty emphasis, no
/// emphasis inside its own kind, no nested links, every link allowed and
/// with visible text.
fn check_tree(inlines: &[Inline], in_em: bool, in_strong: bool, in_link: bool) -> Result<(), TestCaseError> {
    for pair in inlines.windows(2) {
        prop_assert!(!matches!(pair, [Inline::Text(_), Inline::Text(_)]), "adjacent texts in {:?}", inlines);
    }
    for inline in inlines {
        match inline {
            Inline::Text(t) => {
                prop_assert!(!t.is_empty(), "empty text");
                prop_assert!(!t.contains('\n'), "newline in text {:?}", t);
            }
            Inline::Emphasis(c) => {
                prop_assert!(!c.is_empty() && !in_em, "bad emphasis {:?}", inline);
                check_tree(c, true, in_strong, in_link)?;
            }
            Inline::Strong(c) => {
                prop_assert!(!c.is_empty() && !in_strong, "bad strong {:?}", inline);
                check_tree(c, in_em, true, in_link)?;
            }
            Inline::Link { href, target, children } => {
                prop_assert!(!in_link, "nested link");
                prop_assert_eq!(check_url(href), Ok(*target));
                prop_assert_eq!(href.trim(), href.as_str());
                prop_assert!(!plain_text(children).trim().is_empty(), "link without text");
                check_tree(children, false, false, true)?;
            }
            Inline::LineBreak => {}
        }
    }
    Ok(())
}

fn plain_text_of(blocks: &[Block]) -> Vec<String> {
    block_inlines(blocks).into_iter().map(plain_text).collect()
}

fn check_answer(src: &str) -> Result<(), TestCaseError> {
    let (blocks, refused) = parse_answer(src);
    for block in &blocks {
        match block {
            Block::Paragraph(inlines) => prop_assert!(!inlines.is_empty(), "empty paragraph"),
            Block::List { items, start, .. } => {
                prop_assert!(!items.is_empty(), "empty list");
                prop_assert!(*start < 1_000_000_000);
            }
        }
    }
    for inlines in block_inlines(&blocks) {
        check_tree(inlines, false, false, false)?;
    }
    for link in &refused {
        prop_assert!(check_url(&link.url).is_err() || link.reason == EMPTY_LINK_TEXT, "{:?}", link);
    }

    let mut want = String::new();
    want.extend(src.chars().filter(|&c| is_letter(c)));
    let mut got = String::new();
    for inlines in block_inlines(&blocks) {
        letters_of_tree(inlines, &mut got);
    }
    prop_assert_eq!(got, want, "letters lost, added or reordered: {:?}", blocks);

    // What the writer writes parses back to the settled tree, which only
    // tangles of delimiters make differ from the tree as parsed.
    let written = to_source(&blocks);
    let (again, refused_again) = parse_answer(&written);
    let settled = settled(&blocks);
    prop_assert_eq!(&again, &settled, "to_source wrote {:?}", written);
    prop_assert_eq!(plain_text_of(&settled), plain_text_of(&blocks), "settling changed the text");
    prop_assert!(refused_again.is_empty(), "written links refused: {:?}", refused_again);
    Ok(())
}

fn check_question(src: &str) -> Result<(), TestCaseError> {
    let inlines = parse_question(src);
    check_tree(&inlines, false, false, false)?;
    let text = plain_text(&inlines);
    prop_assert_eq!(text.trim(), text.as_str(), "question not trimmed");
    prop_assert!(!text.contains('\n'), "line break in question");
    let mut stack: Vec<&Inline> = inlines.iter().collect();
    while let Some(inline) = stack.pop() {
        prop_assert!(!matches!(inline, Inline::Link { .. }), "link in question");
        if let Inline::Strong(c) | Inline::Emphasis(c) = inline {
            stack.extend(c);
        }
    }
    let want: String = src.chars().filter(|&c| is_letter(c)).collect();
    let got: String = text.chars().filter(|&c| is_letter(c)).collect();
    prop_assert_eq!(got, want);
    Ok(())
}

proptest! {
    // Failures are kept as unit tests in `rich_text`, not as files here.
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn answers_parse_safely_keep_letters_and_round_trip(src in source()) {
        check_answer(&src)?;
    }

    #[test]
    fn emphasis_and_links_round_trip(src in emphasis_source()) {
        check_answer(&src)?;
    }

    #[test]
    fn questions_parse_safely_without_links(src in source()) {
        check_question(&src)?;
    }

    #[test]
    fn any_string_is_handled(src in ".{0,200}") {
        check_answer(&src)?;
        check_question(&src)?;
    }
}

/// 256 cases in `make test`; `make fuzz` sets PROPTEST_CASES for a longer run.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
}
