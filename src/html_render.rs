//! The FAQ as static, escaped HTML (`faq render`): the fallback a page
//! carries inside its `<div data-faq-src=…>` for readers without JavaScript
//! and for search engines, plus an optional schema.org `FAQPage` JSON-LD block.
//!
//! Every text and attribute value goes through [`escape`]; the only markup is
//! what this module writes around the [`rich_text`] tree, whose links have
//! already passed the link policy. Pure functions, so the escaping can be
//! tested without the binary.

use crate::content::{Faq, Localized};
use crate::language::{direction, is_rtl};
use crate::link_policy::LinkTarget;
use crate::rich_text::{self, Block, Inline};
use crate::ui_strings::UiText;

/// Text safe in HTML text and in quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // HTML parsers drop or replace NUL unpredictably; say what happens.
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// ` lang="…"` (and ` dir="…"` when the direction changes) for text in
/// `text_lang` placed inside an element in `outer_lang`; empty when they agree.
fn lang_attributes(text_lang: &str, outer_lang: &str) -> String {
    if text_lang == outer_lang {
        return String::new();
    }
    let mut attributes = format!(" lang=\"{}\"", escape(text_lang));
    if is_rtl(text_lang) != is_rtl(outer_lang) {
        attributes.push_str(&format!(" dir=\"{}\"", direction(text_lang)));
    }
    attributes
}

/// The "(opens in a new tab)" note appended inside external links.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NewTabHint<'a> {
    pub text: &'a str,
    /// The reader's language, which the text around the link may not be in
    /// when it fell back to the default language.
    pub lang: &'a str,
}

/// What the inline and block writers need to know about where they write.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Context<'a> {
    /// The language of the text being written.
    pub lang: &'a str,
    /// `Some`: external links open in a new tab and say so.
    pub new_tab: Option<NewTabHint<'a>>,
}

pub fn write_inlines(out: &mut String, inlines: &[Inline], context: &Context) {
    for inline in inlines {
        match inline {
            Inline::Text(text) => out.push_str(&escape(text)),
            Inline::Strong(children) => {
                out.push_str("<strong>");
                write_inlines(out, children, context);
                out.push_str("</strong>");
            }
            Inline::Emphasis(children) => {
                out.push_str("<em>");
                write_inlines(out, children, context);
                out.push_str("</em>");
            }
            Inline::LineBreak => out.push_str("<br>"),
            Inline::Link { href, target, children } => {
                out.push_str("<a href=\"");
                out.push_str(&escape(href));
                out.push('"');
                let hint = context.new_tab.filter(|_| *target == LinkTarget::External);
                if hint.is_some() {
                    out.push_str(" target=\"_blank\" rel=\"noopener noreferrer\"");
                }
                out.push('>');
                write_inlines(out, children, context);
                if let Some(hint) = hint {
                    out.push(' ');
                    let attributes = lang_attributes(hint.lang, context.lang);
                    if attributes.is_empty() {
                        out.push_str(&escape(hint.text));
                    } else {
                        out.push_str(&format!("<span{attributes}>{}</span>", escape(hint.text)));
                    }
                }
                out.push_str("</a>");
            }
        }
    }
}

/// Blocks one per line, so the fragment stays readable when pasted.
pub fn write_blocks(out: &mut String, blocks: &[Block], context: &Context) {
    for block in blocks {
        match block {
            Block::Paragraph(inlines) => {
                out.push_str("<p>");
                write_inlines(out, inlines, context);
                out.push_str("</p>\n");
            }
            Block::List { ordered, start, items } => {
                match (*ordered, *start) {
                    (false, _) => out.push_str("<ul>\n"),
                    (true, 1) => out.push_str("<ol>\n"),
                    (true, start) => out.push_str(&format!("<ol start=\"{start}\">\n")),
                }
                for item in items {
                    out.push_str("<li>");
                    write_inlines(out, item, context);
                    out.push_str("</li>\n");
                }
                out.push_str(if *ordered { "</ol>\n" } else { "</ul>\n" });
            }
        }
    }
}

/// An answer's tree as HTML blocks.
pub fn answer_html(blocks: &[Block], context: &Context) -> String {
    let mut out = String::new();
    write_blocks(&mut out, blocks, context);
    out
}

/// A question's (or the title's) tree as inline HTML; questions carry no
/// links, so no new-tab hint either.
pub fn question_html(inlines: &[Inline], context: &Context) -> String {
    let mut out = String::new();
    write_inlines(&mut out, inlines, context);
    out
}

/// What `faq render` was asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderOptions {
    /// The languages to write a section for, in this order.
    pub languages: Vec<String>,
    pub new_tab: bool,
    /// Append a JSON-LD `FAQPage` in this language.
    pub json_ld: Option<String>,
}

/// `faq-LANG-ID`: one id per language, so that all sections can share a page.
pub fn heading_id(lang: &str, item_id: &str) -> String {
    format!("faq-{lang}-{item_id}")
}

/// One `<section lang>` per language, then the JSON-LD block if asked for.
pub fn render_faq(faq: &Faq, options: &RenderOptions) -> String {
    let default = faq.default_language();
    let mut out = String::new();
    for lang in &options.languages {
        let lang = lang.as_str();
        let strings = faq.ui_strings(lang);
        let hint_text = strings.get(UiText::OpensInNewTab);
        let new_tab = options.new_tab.then_some(NewTabHint { text: hint_text, lang });
        out.push_str(&format!("<section lang=\"{}\"", escape(lang)));
        if is_rtl(lang) {
            out.push_str(" dir=\"rtl\"");
        }
        out.push_str(">\n");
        if let Some(title) = faq.title.resolve(lang, default) {
            let context = Context { lang: title.lang, new_tab: None };
            out.push_str(&format!("<h2{}>{}</h2>\n", lang_attributes(title.lang, lang), question_html(title.text, &context)));
        }
        for item in &faq.items {
            if let Some(question) = item.question.resolve(lang, default) {
                let context = Context { lang: question.lang, new_tab: None };
                out.push_str(&format!(
                    "<h3 id=\"{}\"{}>{}</h3>\n",
                    escape(&heading_id(lang, &item.id)),
                    lang_attributes(question.lang, lang),
                    question_html(question.text, &context)
                ));
            }
            if let Some(Localized { text, lang: answer_lang }) = item.answer.resolve(lang, default) {
                let context = Context { lang: answer_lang, new_tab };
                let attributes = lang_attributes(answer_lang, lang);
                if attributes.is_empty() {
                    out.push_str(&answer_html(text, &context));
                } else {
                    out.push_str(&format!("<div{attributes}>\n{}</div>\n", answer_html(text, &context)));
                }
            }
        }
        out.push_str("</section>\n");
    }
    if let Some(lang) = &options.json_ld {
        out.push_str(&json_ld_script(faq, lang));
    }
    out
}

/// JSON text made safe inside `<script>`: `<` can no longer start
/// `</script>` or `<!--`, and `>`/`&` are escaped too for older parsers. All
/// three can only occur inside JSON strings, where `\u00XX` means the same.
pub fn script_safe_json(json: &str) -> String {
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// The schema.org `FAQPage` for one language as a JSON value. Answers are
/// HTML, which schema.org consumers accept and which keeps links and lists.
pub fn faq_page(faq: &Faq, lang: &str) -> serde_json::Value {
    let default = faq.default_language();
    let questions: Vec<serde_json::Value> = faq
        .items
        .iter()
        .filter_map(|item| {
            let question = item.question.resolve(lang, default)?;
            let answer = item.answer.resolve(lang, default)?;
            let name = rich_text::plain_text(question.text);
            let context = Context { lang: answer.lang, new_tab: None };
            let mut entry = serde_json::json!({
                "@type": "Question",
                "name": name,
                "acceptedAnswer": {"@type": "Answer", "text": answer_html(answer.text, &context).trim_end()},
            });
            // A fallback question says which language it is really in.
            if question.lang != lang {
                entry["inLanguage"] = question.lang.into();
            }
            Some(entry)
        })
        .collect();
    serde_json::json!({
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "inLanguage": lang,
        "mainEntity": questions,
    })
}

/// The `<script type="application/ld+json">` element for [`faq_page`].
pub fn json_ld_script(faq: &Faq, lang: &str) -> String {
    let json = serde_json::to_string(&faq_page(faq, lang)).expect("a JSON value always serializes");
    format!("<script type=\"application/ld+json\">{}</script>\n", script_safe_json(&json))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content;

    const HOSTILE: &[&str] = &[
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "'><svg onload=alert(1)>",
        "</script><script>alert(1)</script>",
        "&lt;already escaped&gt;",
    ];

    fn en() -> Context<'static> {
        Context { lang: "en", new_tab: None }
    }

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    fn load(json: &str) -> Faq {
        let loaded = content::load(serde_json::from_str(json).unwrap());
        loaded.faq.unwrap_or_else(|| panic!("{:?}", loaded.diagnostics))
    }

    #[test]
    fn escape_covers_the_five_characters_and_nul() {
        assert_eq!(escape("a&b<c>d\"e'f\0"), "a&amp;b&lt;c&gt;d&quot;e&#39;f\u{FFFD}");
        assert_eq!(escape("ünïcødé 🙂\u{202E}"), "ünïcødé 🙂\u{202E}");
    }

    proptest::proptest! {
        #[test]
        fn escaped_text_has_no_markup_characters_and_decodes_back(text in "\\PC*|[<>&\"'\\x00 a;#]*") {
            let escaped = escape(&text);
            proptest::prop_assert!(!escaped.contains(['<', '>', '"', '\'', '\0']));
            let decoded = escaped
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
            proptest::prop_assert_eq!(decoded, text.replace('\0', "\u{FFFD}"));
        }
    }

    #[test]
    fn hostile_text_never_becomes_markup() {
        for payload in HOSTILE {
            let mut out = String::new();
            write_inlines(&mut out, &[text(payload), Inline::Strong(vec![text(payload)])], &en());
            assert!(!out.contains("<script") && !out.contains("<img") && !out.contains("<svg"), "{out}");
            assert!(!out.replace("<strong>", "").replace("</strong>", "").contains('<'), "{out}");
            assert!(!out.contains('"') && !out.contains('\''), "{out}");
        }
    }

    #[test]
    fn hostile_href_stays_inside_its_attribute() {
        let link = Inline::Link { href: "\"><img src=x onerror=alert(1)>".into(), target: LinkTarget::SameSite, children: vec![text("x")] };
        let mut out = String::new();
        write_inlines(&mut out, &[link], &en());
        assert_eq!(out, "<a href=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\">x</a>");
    }

    #[test]
    fn every_block_and_inline_kind() {
        let blocks = vec![
            Block::Paragraph(vec![text("a "), Inline::Strong(vec![text("b")]), Inline::LineBreak, Inline::Emphasis(vec![text("c")])]),
            Block::List { ordered: false, start: 1, items: vec![vec![text("x")], vec![text("y")]] },
            Block::List { ordered: true, start: 1, items: vec![vec![text("one")]] },
            Block::List { ordered: true, start: 3, items: vec![vec![text("three")]] },
        ];
        let mut out = String::new();
        write_blocks(&mut out, &blocks, &en());
        assert_eq!(
            out,
            "<p>a <strong>b</strong><br><em>c</em></p>\n<ul>\n<li>x</li>\n<li>y</li>\n</ul>\n<ol>\n<li>one</li>\n</ol>\n<ol start=\"3\">\n<li>three</li>\n</ol>\n"
        );
    }

    #[test]
    fn new_tab_only_for_external_links_with_the_hint_in_the_readers_language() {
        let external = Inline::Link { href: "https://example.org/?a=1&b=2".into(), target: LinkTarget::External, children: vec![text("ex")] };
        let local = Inline::Link { href: "/help".into(), target: LinkTarget::SameSite, children: vec![text("help")] };
        let hint = NewTabHint { text: "(se abre en una pestaña nueva)", lang: "es" };
        let mut out = String::new();
        write_inlines(&mut out, &[external.clone(), local], &Context { lang: "es", new_tab: Some(hint) });
        assert_eq!(
            out,
            "<a href=\"https://example.org/?a=1&amp;b=2\" target=\"_blank\" rel=\"noopener noreferrer\">ex (se abre en una pestaña nueva)</a><a href=\"/help\">help</a>"
        );
        let mut fallback = String::new();
        write_inlines(&mut fallback, &[external], &Context { lang: "en", new_tab: Some(hint) });
        assert!(fallback.ends_with(">ex <span lang=\"es\">(se abre en una pestaña nueva)</span></a>"), "{fallback}");
    }

    const FAQ: &str = r#"{
      "version": 1,
      "languages": [{"code": "en", "name": "English"}, {"code": "es", "name": "Español"}],
      "title": {"en": "Help & <support>"},
      "strings": {"es": {"opens_in_new_tab": "(nueva pestaña)"}},
      "items": [
        {"id": "one", "question": {"en": "Q1 <b>?", "es": "¿P1?"}, "answer": {"en": "A1", "es": "R1"}},
        {"id": "two", "question": {"en": "Q2?"}, "answer": {"en": "A2 </script>"}}
      ]
    }"#;

    #[test]
    fn sections_mark_fallback_text_with_its_real_language() {
        let faq = load(FAQ);
        let options = RenderOptions { languages: vec!["es".into()], new_tab: false, json_ld: None };
        assert_eq!(
            render_faq(&faq, &options),
            "<section lang=\"es\">\n\
             <h2 lang=\"en\">Help &amp; &lt;support&gt;</h2>\n\
             <h3 id=\"faq-es-one\">¿P1?</h3>\n\
             <p>R1</p>\n\
             <h3 id=\"faq-es-two\" lang=\"en\">Q2?</h3>\n\
             <div lang=\"en\">\n<p>A2 &lt;/script&gt;</p>\n</div>\n\
             </section>\n"
        );
    }

    #[test]
    fn right_to_left_sections_say_so() {
        let faq = load(r#"{"version":1,"languages":[{"code":"en","name":"English"},{"code":"ar","name":"العربية"}],
            "items":[{"id":"a","question":{"en":"Q","ar":"س"},"answer":{"en":"A"}}]}"#);
        let options = RenderOptions { languages: vec!["ar".into()], new_tab: false, json_ld: None };
        let html = render_faq(&faq, &options);
        assert!(html.starts_with("<section lang=\"ar\" dir=\"rtl\">\n<h3 id=\"faq-ar-a\">س</h3>\n<div lang=\"en\" dir=\"ltr\">"), "{html}");
    }

    #[test]
    fn json_ld_cannot_close_its_script_and_parses_back() {
        let faq = load(FAQ);
        let script = json_ld_script(&faq, "es");
        let body = script
            .strip_prefix("<script type=\"application/ld+json\">")
            .and_then(|s| s.strip_suffix("</script>\n"))
            .unwrap();
        assert!(!body.contains('<') && !body.contains('>'), "{body}");
        let parsed: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(parsed, faq_page(&faq, "es"));
        assert_eq!(parsed["@type"], "FAQPage");
        assert_eq!(parsed["inLanguage"], "es");
        assert_eq!(parsed["mainEntity"][0]["name"], "¿P1?");
        assert_eq!(parsed["mainEntity"][0]["acceptedAnswer"]["text"], "<p>R1</p>");
        assert_eq!(parsed["mainEntity"][1]["inLanguage"], "en");
        assert_eq!(parsed["mainEntity"][1]["acceptedAnswer"]["text"], "<p>A2 &lt;/script&gt;</p>");
    }

    #[test]
    fn sections_in_the_order_asked_then_json_ld() {
        let faq = load(FAQ);
        let options = RenderOptions { languages: vec!["es".into(), "en".into()], new_tab: true, json_ld: Some("en".into()) };
        let html = render_faq(&faq, &options);
        assert!(html.starts_with("<section lang=\"es\">"));
        assert!(html.contains("</section>\n<section lang=\"en\">\n<h2>Help"), "{html}");
        assert!(html.contains("</section>\n<script type=\"application/ld+json\">{\"@context\""), "{html}");
        assert!(html.ends_with("</script>\n"));
    }

    #[test]
    fn the_contents_new_tab_hint_wins_over_the_built_in() {
        let faq = load(&FAQ.replace("\"R1\"", "\"Vea [el sitio](https://example.org).\""));
        let options = RenderOptions { languages: vec!["es".into()], new_tab: true, json_ld: None };
        let html = render_faq(&faq, &options);
        assert!(
            html.contains("<p>Vea <a href=\"https://example.org\" target=\"_blank\" rel=\"noopener noreferrer\">el sitio (nueva pestaña)</a>.</p>"),
            "{html}"
        );
    }
}
