//! Property tests of the content loader and the HTML renderer over arbitrary
//! JSON: loading never panics, whatever the shape, and every text a valid
//! file carries comes out of `faq render` escaped.
#![cfg(not(target_arch = "wasm32"))] // native: runs the `faq` binary or uses proptest

use faq_widget::content::load;
use faq_widget::html_render::{render_faq, RenderOptions};
use faq_widget::content::ContentFile;
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
}

/// Strings rich in the characters that matter to JSON, HTML and Markdown.
fn nasty_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("<".to_string()), Just(">".to_string()), Just("&".to_string()), Just("\"".to_string()),
            Just("'".to_string()), Just("*".to_string()), Just("[".to_string()), Just("](".to_string()),
            Just(")".to_string()), Just("\n\n".to_string()), Just("javascript:".to_string()),
            Just("<script>".to_string()), Just("\u{202e}".to_string()), Just("\u{0}".to_string()),
            "[a-zA-Z0-9 ]{1,6}", any::<char>().prop_map(String::from),
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

/// Arbitrary JSON trees, keys drawn from the content format's own names so
/// that deep paths into validation are reached, not just the top-level type check.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let key = prop_oneof![
        Just("version"), Just("languages"), Just("code"), Just("name"), Just("title"), Just("strings"),
        Just("items"), Just("id"), Just("question"), Just("answer"), Just("en"), Just("es"), Just("show_all"),
    ]
    .prop_map(str::to_string);
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i32>().prop_map(serde_json::Value::from),
        Just(serde_json::Value::from(1)),
        nasty_text().prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            prop::collection::vec((key.clone(), inner), 0..6)
                .prop_map(|pairs| serde_json::Value::Object(pairs.into_iter().collect())),
        ]
    })
}

fn content_with(question: &str, answer: &str, name: &str) -> ContentFile {
    let json = serde_json::json!({
        "version": 1,
        "languages": [{"code": "en", "name": "English"}, {"code": "es", "name": name}],
        "title": {"en": question},
        "items": [{"id": "q", "question": {"en": question, "es": question}, "answer": {"en": answer, "es": answer}}]
    });
    serde_json::from_value(json).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn loading_any_json_never_panics(json in json_value()) {
        let file: ContentFile = serde_json::from_value(json).unwrap();
        let loaded = load(file);
        // A rendered FAQ always comes with no blocking error, and vice versa.
        prop_assert_eq!(loaded.faq.is_some(), !loaded.diagnostics.iter().any(|d| d.blocks_rendering()));
    }

    #[test]
    fn rendered_html_escapes_every_text(question in nasty_text(), answer in nasty_text(), name in nasty_text()) {
        let loaded = load(content_with(&question, &answer, &name));
        if let Some(faq) = loaded.faq {
            let options = RenderOptions { languages: vec!["en".into(), "es".into()], new_tab: true, json_ld: Some("en".into()) };
            let html = render_faq(&faq, &options);
            let body = html.split("<script type=\"application/ld+json\">").next().unwrap();
            // Only the renderer's own tags: content's "<" arrives as "&lt;".
            for tag in body.split('<').skip(1) {
                let name: String = tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
                prop_assert!(
                    ["section", "h2", "h3", "p", "ul", "ol", "li", "strong", "em", "br", "a", "div", "span"].contains(&name.as_str()),
                    "unexpected tag <{}> in {}", name, html
                );
            }
            prop_assert!(!body.to_ascii_lowercase().contains("href=\"javascript:"));
            let script = html.split("<script type=\"application/ld+json\">").nth(1).unwrap_or("");
            prop_assert_eq!(script.matches("</script>").count(), 1, "JSON-LD closed early: {}", script);
        }
    }
}
