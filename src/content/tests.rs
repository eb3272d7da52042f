use super::*;
use crate::rich_text;

fn load_str(json: &str) -> Loaded {
    load(serde_json::from_str(json).expect("test JSON parses"))
}

const GOOD: &str = r#"{
  "version": 1,
  "languages": [{"code": "en", "name": "English"}, {"code": "es", "name": "Español"}],
  "title": {"en": "FAQ", "es": "Preguntas"},
  "strings": {"es": {"show_all": "Ver todas"}},
  "items": [
    {"id": "one", "question": {"en": "Q1?", "es": "¿P1?"}, "answer": {"en": "A1", "es": "R1"}},
    {"id": "two", "question": {"en": "Q2?"}, "answer": {"en": "A2"}}
  ]
}"#;

fn errors(loaded: &Loaded) -> Vec<String> {
    loaded.errors().map(|d| d.to_string()).collect()
}

#[test]
fn valid_content_loads_with_fallback_warnings() {
    let loaded = load_str(GOOD);
    assert!(errors(&loaded).is_empty(), "{:?}", loaded.diagnostics);
    let faq = loaded.faq.as_ref().expect("faq");
    assert_eq!(faq.language_codes(), vec!["en", "es"]);
    assert_eq!(faq.items.len(), 2);
    assert_eq!(faq.ui_strings("es").get(UiText::ShowAll), "Ver todas");
    assert_eq!(faq.ui_strings("en").get(UiText::ShowAll), "Show all");
    let warnings: Vec<String> = loaded.warnings().map(|d| d.to_string()).collect();
    assert_eq!(
        warnings,
        vec![
            "item two: question (es): missing; readers of es see the en text",
            "item two: answer (es): missing; readers of es see the en text"
        ]
    );
}

#[test]
fn fallback_text_carries_its_real_language() {
    let faq = load_str(GOOD).faq.unwrap();
    let two = faq.item("two").unwrap();
    assert_eq!(two.question.resolve("es", "en"), Some(Localized { text: &rich_text::parse_question("Q2?"), lang: "en" }));
    let one = faq.item("one").unwrap();
    assert_eq!(one.question.resolve("es", "en"), Some(Localized { text: &rich_text::parse_question("¿P1?"), lang: "es" }));
}

#[test]
/// Each broken shape has its own message, and what the widget does about it:
/// stop (nothing left to show), leave out that question, or leave out that part.
fn each_broken_shape_has_its_own_message_and_effect() {
    use Effect::{LeavesOutPart as Part, LeavesOutQuestion as Question, StopsWidget as Stops};
    let cases: &[(&str, &str, Effect)] = &[
        ("[]", "content: expected an object, found a list", Stops),
        (r#"{"languages":[{"code":"en","name":"E"}],"items":[]}"#, "version: missing; this widget reads \"version\": 1", Stops),
        (r#"{"version":2,"languages":[{"code":"en","name":"E"}],"items":[]}"#, "version: unsupported version 2; this widget reads version 1", Stops),
        (r#"{"version":"1","languages":[],"items":[]}"#, "version: expected the number 1, found a string", Stops),
        (r#"{"version":1,"languages":[],"items":[]}"#, "languages: is empty; list at least one {\"code\", \"name\"}", Stops),
        (r#"{"version":1,"languages":[{"code":"en"}],"items":[]}"#, "languages[0].name: missing: the language's name in itself, such as \"Español\"", Part),
        (r#"{"version":1,"languages":[{"code":"e n","name":"x"}],"items":[]}"#, "languages[0].code: \"e n\" is not a language tag such as \"en\" or \"es-MX\"", Stops),
        (r#"{"version":1,"languages":[{"code":"en","name":"E"}],"items":{}}"#, "items: expected a list, found an object", Stops),
        (r#"{"version":1,"languages":[{"code":"en","name":"E"}],"items":[]}"#, "items: is empty; add at least one question", Stops),
        (r#"{"version":1,"languages":[{"code":"en","name":"E"}],"items":[{"id":"a b","question":{"en":"q"},"answer":{"en":"a"}}]}"#,
         "item #1: id: \"a b\" is not URL-safe: use only letters a–z, A–Z, digits, \"-\" and \"_\"", Stops),
        (r#"{"version":1,"languages":[{"code":"en","name":"E"}],"items":[{"id":"a","question":{"en":"q"},"answer":{"en":"a"}},{"id":"a","question":{"en":"q"},"answer":{"en":"a"}}]}"#,
         "item a: id: is used by an earlier question too (#2)", Question),
        (r#"{"version":1,"languages":[{"code":"en","name":"E"}],"items":[{"id":"a","question":"q","answer":{"en":"a"}}]}"#,
         "item a: question: expected an object of texts by language, such as {\"en\": \"…\"}, found a string", Stops),
        (r#"{"version":1,"languages":[{"code":"en","name":"E"}],"items":[{"id":"a","question":{"en":5},"answer":{"en":"a"}}]}"#,
         "item a: question (en): expected a string, found a number", Stops),
        (r#"{"version":1,"languages":[{"code":"en","name":"E"}],"items":[{"id":"a","question":{"en":"  "},"answer":{"en":"a"}}]}"#,
         "item a: question (en): is empty", Stops),
        (r#"{"version":1,"languages":[{"code":"en","name":"E"},{"code":"es","name":"S"}],"items":[{"id":"a","question":{"en":"q"},"answer":{"en":"a"}}]}"#,
         "items (es): no question is written in this language", Part),
        (r#"{"version":1,"languages":[{"code":"en","name":"E"}],"strings":{"en":{"show_al":"x"}},"items":[{"id":"a","question":{"en":"q"},"answer":{"en":"a"}}]}"#,
         "strings.show_al (en): unknown UI text; the keys are show_all, hide_all, language, loading, error_heading, error_network, error_http, error_json, error_encoding, error_content, error_content_item, error_internal, try_again, opens_in_new_tab", Part),
        (r#"{"version":1,"languages":[{"code":"en","name":"E"}],"items":[{"id":"a","question":{"en":"q","fr":"q"},"answer":{"en":"a"}}]}"#,
         "item a: question (fr): language \"fr\" is not in \"languages\"", Part),
    ];
    for (json, expected, effect) in cases {
        let loaded = load_str(json);
        let found = errors(&loaded);
        let Some(problem) = loaded.errors().find(|e| e.to_string() == *expected) else {
            panic!("{json}\nexpected: {expected}\nfound: {found:#?}")
        };
        assert_eq!(problem.effect, *effect, "{json}: {expected}");
        // Nothing shown exactly when something stops the widget.
        assert_eq!(loaded.faq.is_none(), loaded.diagnostics.iter().any(Diagnostic::blocks_rendering), "{json}");
    }
}

#[test]
fn one_bad_question_leaves_out_only_itself() {
    let long = "q".repeat(MAX_QUESTION_CHARS + 1);
    let json = format!(
        r#"{{"version":1,"languages":[{{"code":"en","name":"E"}}],"items":[
            {{"id":"a","question":{{"en":"A?"}},"answer":{{"en":"a"}}}},
            {{"id":"long","question":{{"en":"{long}"}},"answer":{{"en":"x"}}}},
            {{"id":"b c","question":{{"en":"B?"}},"answer":{{"en":"b"}}}},
            {{"id":"d","question":{{"en":"D?"}},"answer":5}},
            "not an item",
            {{"id":"a","question":{{"en":"Again?"}},"answer":{{"en":"again"}}}},
            {{"id":"e","question":{{"en":"E?"}},"answer":{{"en":"[x](javascript:alert(1))"}}}}
        ]}}"#
    );
    let loaded = load_str(&json);
    let faq = loaded.faq.as_ref().expect("the good questions are shown");
    let ids: Vec<&str> = faq.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["a", "e"]);
    // The first of two questions with one id is the one shown.
    assert_eq!(faq.item("a").unwrap().question.exact("en"), Some(&rich_text::parse_question("A?")));
    let effects: Vec<(String, Effect)> = loaded.errors().map(|d| (d.item.clone().unwrap_or_default(), d.effect)).collect();
    assert_eq!(
        effects,
        [
            ("long".into(), Effect::LeavesOutQuestion),
            ("#3".into(), Effect::LeavesOutQuestion),
            ("d".into(), Effect::LeavesOutQuestion),
            ("#5".into(), Effect::LeavesOutQuestion),
            ("a".into(), Effect::LeavesOutQuestion),
            ("e".into(), Effect::ShowsLinkAsText),
        ]
    );
}

#[test]
fn when_every_question_is_left_out_their_problems_stop_the_widget() {
    let json = r#"{"version":1,"languages":[{"code":"en","name":"E"}],"items":[
        {"id":"a","question":{"en":""},"answer":{"en":"a"}},
        {"id":"b","question":{"en":"B?"}}
    ]}"#;
    let loaded = load_str(json);
    assert!(loaded.faq.is_none());
    assert_eq!(errors(&loaded), ["item a: question (en): is empty", "item b: answer: missing"]);
    assert!(loaded.errors().all(Diagnostic::blocks_rendering));
}

#[test]
fn a_bad_part_of_the_file_is_left_out_and_the_rest_shown() {
    let json = r#"{"version":1,
        "languages":[{"code":"en","name":"English"},{"code":"e s","name":"x"},{"code":"es","name":"Español"},{"code":"fr","name":"Français"}],
        "title":{"en":"FAQ","es":" "},
        "strings":{"es":{"show_all":"","hide_al":"x","hide_all":"Ocultar"}},
        "items":[{"id":"a","question":{"en":"A?","es":"¿A?","de":"A?"},"answer":{"en":"a","es":"a"}}]}"#;
    let loaded = load_str(json);
    let faq = loaded.faq.as_ref().expect("shown");
    // fr has no question, so it is not offered; "e s" is no language tag.
    assert_eq!(faq.language_codes(), ["en", "es"]);
    assert_eq!(faq.title.0.iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>(), ["en"]);
    assert_eq!(faq.ui_strings("es").get(UiText::ShowAll), UiStrings::built_in("es").get(UiText::ShowAll));
    assert_eq!(faq.ui_strings("es").get(UiText::HideAll), "Ocultar");
    assert_eq!(faq.items.len(), 1);
    assert_eq!(loaded.errors().count(), 6, "{:#?}", errors(&loaded));
    assert!(loaded.errors().all(|d| d.effect == Effect::LeavesOutPart), "{:#?}", loaded.diagnostics);
}

#[test]
fn with_no_usable_language_the_entries_stop_the_widget() {
    let loaded = load_str(r#"{"version":1,"languages":[{"code":"e n","name":"E"},"es"],"items":[{"id":"a","question":{"en":"A?"},"answer":{"en":"a"}}]}"#);
    assert!(loaded.faq.is_none());
    assert_eq!(
        errors(&loaded),
        [r#"languages[0].code: "e n" is not a language tag such as "en" or "es-MX""#, "languages[1]: expected an object, found a string"]
    );
    assert!(loaded.errors().all(Diagnostic::blocks_rendering));
}

#[test]
fn limits_on_size_are_errors_not_panics() {
    let long_answer = "x".repeat(MAX_ANSWER_CHARS + 1);
    let json = format!(
        r#"{{"version":1,"languages":[{{"code":"en","name":"E"}}],"items":[{{"id":"a","question":{{"en":"q"}},"answer":{{"en":"{long_answer}"}}}}]}}"#
    );
    assert_eq!(errors(&load_str(&json)), vec![format!("item a: answer (en): has {} characters; an answer may have at most {MAX_ANSWER_CHARS}", MAX_ANSWER_CHARS + 1)]);

    let item = r#"{"id":"x","question":{"en":"q"},"answer":{"en":"a"}}"#;
    let many = vec![item; MAX_ITEMS + 1].join(",");
    let json = format!(r#"{{"version":1,"languages":[{{"code":"en","name":"E"}}],"items":[{many}]}}"#);
    assert_eq!(errors(&load_str(&json)), vec![format!("items: has {} questions; at most {MAX_ITEMS} fit in one FAQ, split it into several files", MAX_ITEMS + 1)]);

    let long_question = "q".repeat(MAX_QUESTION_CHARS + 1);
    let json = format!(
        r#"{{"version":1,"languages":[{{"code":"en","name":"E"}}],"items":[{{"id":"a","question":{{"en":"{long_question}"}},"answer":{{"en":"a"}}}}]}}"#
    );
    assert!(load_str(&json).faq.is_none());
}

#[test]
fn reader_message_names_item_and_field_in_the_readers_language() {
    let loaded = load_str(r#"{"version":1,"languages":[{"code":"en","name":"E"}],"items":[{"id":"a","question":{"en":""},"answer":{"en":"a"}}]}"#);
    let first = loaded.errors().next().unwrap();
    assert_eq!(
        first.reader_message(&UiStrings::built_in("es")),
        "El archivo de preguntas tiene un error en la pregunta “a”, en el campo “question (en)”."
    );
    assert_eq!(
        first.reader_message(&UiStrings::built_in("en")),
        "The questions file has a mistake in question “a”, field “question (en)”."
    );
}

#[test]
fn ids_and_tags() {
    assert!(is_url_safe_id("second-opinion_2"));
    assert!(!is_url_safe_id("señal"));
    assert!(!is_url_safe_id("a/b"));
    assert!(!is_url_safe_id(""));
    assert!(is_language_tag("es-419"));
    assert!(is_language_tag("zh-Hant-TW"));
    assert!(!is_language_tag("e"));
    assert!(!is_language_tag("en-"));
}

#[test]
fn limit_messages_state_the_limits() {
    let long_name = "n".repeat(MAX_NAME_CHARS + 1);
    let json = format!(r#"{{"version":1,"languages":[{{"code":"en","name":"{long_name}"}}],"items":[]}}"#);
    assert!(errors(&load_str(&json)).contains(&format!("languages[0].name: is longer than {MAX_NAME_CHARS} characters")));

    let long_id = "i".repeat(MAX_ID_CHARS + 1);
    let json = format!(
        r#"{{"version":1,"languages":[{{"code":"en","name":"E"}}],"items":[{{"id":"{long_id}","question":{{"en":"q"}},"answer":{{"en":"a"}}}}]}}"#
    );
    assert_eq!(errors(&load_str(&json)), vec![format!("item #1: id: is longer than {MAX_ID_CHARS} characters")]);

    let long_question = "q".repeat(MAX_QUESTION_CHARS + 1);
    let json = format!(
        r#"{{"version":1,"languages":[{{"code":"en","name":"E"}}],"items":[{{"id":"a","question":{{"en":"{long_question}"}},"answer":{{"en":"a"}}}}]}}"#
    );
    assert_eq!(
        errors(&load_str(&json)),
        vec![format!("item a: question (en): has {} characters; a question may have at most {MAX_QUESTION_CHARS}", MAX_QUESTION_CHARS + 1)]
    );
}

#[test]
fn quoted_values_are_escaped_in_messages() {
    let loaded = load_str(r#"{"version":1,"languages":[{"code":"e\"n","name":"E"},{"code":"en","name":"E"},{"code":"EN","name":"E"}],"items":[]}"#);
    let found = errors(&loaded);
    assert!(found.contains(&r#"languages[0].code: "e\"n" is not a language tag such as "en" or "es-MX""#.to_string()), "{found:#?}");
    assert!(found.contains(&r#"languages[2].code: language "EN" is listed twice"#.to_string()), "{found:#?}");
}
