//! The DOM layer in a real browser (headless Chromium through
//! wasm-bindgen-test): mounting, toggling, switching language, errors, and
//! content text that stays text.
#![cfg(target_arch = "wasm32")]

use faq_widget::widget::{close, destroy, mount, open};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

const CONTENT: &str = r#"{
  "version": 1,
  "languages": [{"code": "en", "name": "English"}, {"code": "es", "name": "Español"}],
  "title": {"en": "Questions", "es": "Preguntas"},
  "items": [
    {"id": "one", "question": {"en": "First <b>question</b>?", "es": "¿Primera?"},
     "answer": {"en": "Answer <img src=x onerror=alert(1)>\n\nSecond paragraph.", "es": "Respuesta."}},
    {"id": "two", "question": {"en": "Second?"}, "answer": {"en": "Only English."}}
  ]
}"#;

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn host() -> Element {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    host
}

fn options(json: &str, extra: &[(&str, JsValue)]) -> JsValue {
    let options = js_sys::Object::new();
    let content = js_sys::JSON::parse(json).unwrap();
    js_sys::Reflect::set(&options, &"content".into(), &content).unwrap();
    for (key, value) in extra {
        js_sys::Reflect::set(&options, &(*key).into(), value).unwrap();
    }
    options.into()
}

/// Lets the spawned load finish (microtasks and one macrotask).
async fn settle() {
    gloo_timers::future::TimeoutFuture::new(20).await;
}

fn shadow(host: &Element) -> ShadowRoot {
    host.shadow_root().expect("an open shadow root")
}

fn find(host: &Element, selector: &str) -> Element {
    shadow(host).query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}"))
}

fn click(el: &Element) {
    el.dyn_ref::<HtmlElement>().unwrap().click();
}

#[wasm_bindgen_test]
async fn renders_title_questions_and_collapsed_answers() {
    let host = host();
    mount(host.clone(), options(CONTENT, &[("lang", "en".into())]));
    settle().await;
    assert_eq!(find(&host, "h2.faq__title").text_content().unwrap(), "Questions");
    let button = find(&host, "h3 > button#q-one");
    assert_eq!(button.get_attribute("aria-expanded").as_deref(), Some("false"));
    assert_eq!(button.get_attribute("aria-controls").as_deref(), Some("a-one"));
    assert_eq!(button.get_attribute("type").as_deref(), Some("button"));
    let answer = find(&host, "#a-one");
    assert_eq!(answer.get_attribute("hidden").as_deref(), Some("until-found"));
    // Angle brackets in content are text, not elements.
    assert_eq!(find(&host, "#q-one .faq__question-text").text_content().unwrap(), "First <b>question</b>?");
    assert!(shadow(&host).query_selector("b, img").unwrap().is_none());
    assert!(answer.text_content().unwrap().contains("<img src=x onerror=alert(1)>"));
}

#[wasm_bindgen_test]
async fn toggling_and_show_all() {
    let host = host();
    mount(host.clone(), options(CONTENT, &[("lang", "en".into())]));
    settle().await;
    click(&find(&host, "#q-one"));
    assert_eq!(find(&host, "#q-one").get_attribute("aria-expanded").as_deref(), Some("true"));
    assert!(find(&host, "#a-one").get_attribute("hidden").is_none());
    let all = find(&host, ".faq__toggle-all");
    assert_eq!(all.text_content().unwrap(), "Show all");
    click(&all);
    assert_eq!(all.text_content().unwrap(), "Hide all");
    assert_eq!(all.get_attribute("aria-expanded").as_deref(), Some("true"));
    assert!(find(&host, "#a-two").get_attribute("hidden").is_none());
    click(&all);
    assert_eq!(find(&host, "#a-one").get_attribute("hidden").as_deref(), Some("until-found"));
    assert_eq!(all.text_content().unwrap(), "Show all");
}

#[wasm_bindgen_test]
async fn switching_language_keeps_open_items_and_marks_fallbacks() {
    let host = host();
    mount(host.clone(), options(CONTENT, &[("lang", "en".into())]));
    settle().await;
    click(&find(&host, "#q-two"));
    let spanish = find(&host, "button[data-lang=es]");
    assert_eq!(spanish.get_attribute("lang").as_deref(), Some("es"));
    click(&spanish);
    assert_eq!(find(&host, ".faq").get_attribute("lang").as_deref(), Some("es"));
    assert_eq!(spanish.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(find(&host, "button[data-lang=en]").get_attribute("aria-pressed").as_deref(), Some("false"));
    assert_eq!(find(&host, ".faq__title").text_content().unwrap(), "Preguntas");
    assert_eq!(find(&host, ".faq__languages-label").text_content().unwrap(), "Idioma");
    // Item two stays open; its untranslated text carries lang="en".
    assert_eq!(find(&host, "#q-two").get_attribute("aria-expanded").as_deref(), Some("true"));
    assert_eq!(find(&host, "#q-two .faq__question-text").get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(find(&host, "#a-two > div").get_attribute("lang").as_deref(), Some("en"));
    assert!(find(&host, "#q-one .faq__question-text").get_attribute("lang").is_none());
    // The pressed button is the same element as before, so focus can stay on it.
    assert!(spanish.is_connected());
}

#[wasm_bindgen_test]
async fn api_open_close_and_heading_level() {
    let host = host();
    let handle = mount(host.clone(), options(CONTENT, &[("headingLevel", 4.into())]));
    settle().await;
    assert!(shadow(&host).query_selector("h4.faq__title").unwrap().is_some());
    assert!(shadow(&host).query_selector("h5 > #q-one").unwrap().is_some());
    open(handle, "two");
    assert_eq!(find(&host, "#q-two").get_attribute("aria-expanded").as_deref(), Some("true"));
    close(handle, "two");
    assert_eq!(find(&host, "#q-two").get_attribute("aria-expanded").as_deref(), Some("false"));
    open(handle, "no-such-item");
}

#[wasm_bindgen_test]
async fn heading_levels_outside_one_to_six_fall_back_to_two() {
    for (level, title) in [(" 5 ", "h5"), ("7", "h2"), ("0", "h2"), ("2.5", "h2"), ("", "h2")] {
        let host = host();
        mount(host.clone(), options(CONTENT, &[("headingLevel", level.into())]));
        settle().await;
        let selector = format!("{title}.faq__title");
        assert!(shadow(&host).query_selector(&selector).unwrap().is_some(), "{level:?}");
    }
}

#[wasm_bindgen_test]
async fn content_it_cannot_show_gives_a_localised_error_without_try_again_and_keeps_the_fallback() {
    let host = host();
    host.set_inner_html("<p>fallback</p>");
    let broken = r#"{"version": 1, "languages": [{"code": "en", "name": "English"}, {"code": "es", "name": "Español"}],
      "items": [{"id": "bad id", "question": {"en": "Q"}, "answer": {"en": "A"}}]}"#;
    mount(host.clone(), options(broken, &[("lang", "es".into())]));
    settle().await;
    let error = find(&host, ".faq__error");
    assert_eq!(error.get_attribute("role").as_deref(), Some("alert"));
    assert_eq!(
        find(&host, ".faq__error-message").text_content().unwrap(),
        "El archivo de preguntas tiene un error en la pregunta “#1”, en el campo “id”."
    );
    // The same file the next time: nothing to try again.
    assert!(shadow(&host).query_selector(".faq__retry").unwrap().is_none());
    // The host's own children are slotted below the notice.
    let slot = find(&host, ".faq__error + slot");
    assert_eq!(slot.unchecked_ref::<web_sys::HtmlSlotElement>().assigned_nodes().length(), 1);
}

#[wasm_bindgen_test]
async fn mounting_twice_mounts_once_and_destroy_restores_the_host() {
    let host = host();
    host.set_inner_html("<p>fallback</p>");
    let first = mount(host.clone(), options(CONTENT, &[]));
    assert_ne!(first, 0);
    assert_eq!(mount(host.clone(), options(CONTENT, &[])), first);
    settle().await;
    assert_eq!(shadow(&host).query_selector_all(".faq").unwrap().length(), 1);
    // The fallback child is not slotted once content renders.
    assert!(shadow(&host).query_selector("slot").unwrap().is_none());
    destroy(first);
    assert!(shadow(&host).query_selector(".faq").unwrap().is_none());
    assert!(shadow(&host).query_selector("slot").unwrap().is_some());
    // And it can be mounted again, as a new widget.
    let second = mount(host.clone(), options(CONTENT, &[]));
    assert!(second != 0 && second != first);
    settle().await;
    assert!(shadow(&host).query_selector(".faq__question").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn mount_without_options_reads_inline_json_and_data_attributes() {
    let host = host();
    host.set_attribute("data-faq", "").unwrap();
    host.set_attribute("data-faq-lang", "es-MX").unwrap();
    host.set_attribute("data-faq-heading-level", "3").unwrap();
    // Only a direct child whose type is JSON (in any case) is the content.
    let wrapper = document().create_element("div").unwrap();
    wrapper.set_inner_html(r#"<script type="application/json">{"not": "the content"}</script>"#);
    host.append_child(&wrapper).unwrap();
    let other = document().create_element("script").unwrap();
    other.set_attribute("type", "text/plain").unwrap();
    other.set_text_content(Some("not JSON"));
    host.append_child(&other).unwrap();
    let script = document().create_element("script").unwrap();
    script.set_attribute("type", "Application/JSON").unwrap();
    script.set_text_content(Some(CONTENT));
    host.append_child(&script).unwrap();
    mount(host.clone(), JsValue::UNDEFINED);
    settle().await;
    assert_eq!(find(&host, "h3.faq__title").text_content().unwrap(), "Preguntas");
}

#[wasm_bindgen_test]
async fn styles_are_adopted_not_inline() {
    let host = host();
    mount(host.clone(), options(CONTENT, &[]));
    settle().await;
    let sheets = js_sys::Reflect::get(&shadow(&host), &"adoptedStyleSheets".into()).unwrap();
    assert_eq!(sheets.unchecked_into::<js_sys::Array>().length(), 1);
    assert!(shadow(&host).query_selector("style").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn the_panic_box_replaces_a_broken_widget_with_the_error_box() {
    let host = host();
    mount(host.clone(), options(CONTENT, &[("lang", "es".into())]));
    settle().await;
    // What the panic hook draws into the widget that was being updated.
    use faq_widget::ui_strings::{UiStrings, UiText};
    let mut strings = UiStrings::built_in("es");
    faq_widget::widget::panic_box::draw(&shadow(&host), &strings);
    assert!(shadow(&host).query_selector(".faq__question").unwrap().is_none());
    assert!(shadow(&host).query_selector(".faq__retry").unwrap().is_none());
    assert_eq!(find(&host, ".faq__error").get_attribute("role").as_deref(), Some("alert"));
    assert_eq!(
        find(&host, ".faq__error-message").text_content().unwrap(),
        "Ocurrió un error en esta sección de preguntas frecuentes."
    );
    // The content's own words for it, when it has them.
    strings.overrides.push((UiText::ErrorInternal, "Vuelva más tarde.".into()));
    faq_widget::widget::panic_box::draw(&shadow(&host), &strings);
    assert_eq!(find(&host, ".faq__error-message").text_content().unwrap(), "Vuelva más tarde.");
}

#[wasm_bindgen_test]
async fn right_to_left_languages_set_dir_on_the_widget_and_on_fallbacks() {
    let host = host();
    let arabic = r#"{"version": 1,
      "languages": [{"code": "en", "name": "English"}, {"code": "ar", "name": "العربية"}],
      "items": [{"id": "a", "question": {"en": "Q?", "ar": "س؟"}, "answer": {"en": "A", "ar": "ج"}},
                {"id": "b", "question": {"en": "Only English?"}, "answer": {"en": "Yes."}}]}"#;
    mount(host.clone(), options(arabic, &[("lang", "ar".into())]));
    settle().await;
    assert_eq!(find(&host, ".faq").get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(find(&host, "button[data-lang=en]").get_attribute("dir").as_deref(), Some("ltr"));
    let fallback = find(&host, "#q-b .faq__question-text");
    assert_eq!(fallback.get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(fallback.get_attribute("dir").as_deref(), Some("ltr"));
    click(&find(&host, "button[data-lang=en]"));
    assert_eq!(find(&host, ".faq").get_attribute("dir").as_deref(), Some("ltr"));
    assert!(find(&host, "#q-b .faq__question-text").get_attribute("dir").is_none());
}

/// `n` nested lists (`[[[…]]]`) or objects (`{"a":{"a":…1}}`), as JSON text.
fn nested(n: usize, objects: bool) -> String {
    if objects {
        format!("{}1{}", r#"{"a":"#.repeat(n), "}".repeat(n))
    } else {
        format!("{}{}", "[".repeat(n), "]".repeat(n))
    }
}

/// Content whose `items` are a normal first item plus `extra_items`, with
/// the first item's English answer `answer` and `top` as extra top-level fields.
fn deep_content(top: &str, answer: &str, extra_items: &str) -> String {
    format!(
        r#"{{"version": 1, "languages": [{{"code": "en", "name": "English"}}]{top},
            "items": [{{"id": "a", "question": {{"en": "Q?"}}, "answer": {{"en": {answer}}}}}{extra_items}]}}"#
    )
}

const DEEP: usize = 100_000;

/// serde-wasm-bindgen has no depth limit of its own: the content model's
/// types bound how deep reading goes (a value of the wrong type, or under an
/// unknown key, is skipped without being looked into). A hostile file nested
/// 100,000 levels deep therefore renders, or shows the error box naming the
/// problem's place; it never overflows the stack or leaves a blank widget.
#[wasm_bindgen_test]
async fn content_nested_100_000_levels_deep_in_an_unknown_field_renders() {
    let host = host();
    let top = format!(r#", "notes": {}, "more": {}"#, nested(DEEP, false), nested(DEEP, true));
    mount(host.clone(), options(&deep_content(&top, r#""A.""#, ""), &[("lang", "en".into())]));
    settle().await;
    assert!(shadow(&host).query_selector(".faq__error").unwrap().is_none());
    assert_eq!(find(&host, "#q-a .faq__question-text").text_content().unwrap(), "Q?");
    assert_eq!(find(&host, "#a-a").text_content().unwrap(), "A.");
}

#[wasm_bindgen_test]
async fn content_nested_100_000_levels_deep_in_an_answer_is_named_in_the_error_box() {
    for objects in [false, true] {
        let host = host();
        mount(host.clone(), options(&deep_content("", &nested(DEEP, objects), ""), &[("lang", "en".into())]));
        settle().await;
        assert_eq!(find(&host, ".faq__error").get_attribute("role").as_deref(), Some("alert"));
        assert_eq!(
            find(&host, ".faq__error-message").text_content().unwrap(),
            "The questions file has a mistake in question “a”, field “answer (en)”.",
            "objects: {objects}"
        );
    }
}

#[wasm_bindgen_test]
async fn content_nested_100_000_levels_deep_as_an_item_leaves_out_that_item() {
    for objects in [false, true] {
        let host = host();
        let extra = format!(", {}", nested(DEEP, objects));
        mount(host.clone(), options(&deep_content("", r#""A.""#, &extra), &[("lang", "en".into())]));
        settle().await;
        assert!(shadow(&host).query_selector(".faq__error").unwrap().is_none(), "objects: {objects}");
        let questions = shadow(&host).query_selector_all(".faq__question").unwrap();
        assert_eq!(questions.length(), 1, "objects: {objects}: item #2 is left out, item a shown");
        assert!(find(&host, "#q-a").text_content().unwrap().contains("Q?"));
    }
}

/// The same through a `<script type="application/json">` child: the widget
/// parses that text itself.
#[wasm_bindgen_test]
async fn inline_json_nested_100_000_levels_deep_is_named_in_the_error_box() {
    let host = host();
    host.set_attribute("data-faq", "").unwrap();
    let script = document().create_element("script").unwrap();
    script.set_attribute("type", "application/json").unwrap();
    let top = format!(r#", "notes": {}"#, nested(DEEP, true));
    script.set_text_content(Some(&deep_content(&top, &nested(DEEP, false), "")));
    host.append_child(&script).unwrap();
    mount(host.clone(), options_lang_only("en"));
    settle().await;
    assert_eq!(
        find(&host, ".faq__error-message").text_content().unwrap(),
        "The questions file has a mistake in question “a”, field “answer (en)”."
    );
}

fn options_lang_only(lang: &str) -> JsValue {
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"lang".into(), &lang.into()).unwrap();
    options.into()
}
