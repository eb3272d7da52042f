//! Draws a [`FaqState`] into the widget's shadow root, and redraws only what
//! a [`Redraw`] names. Content text enters the DOM only as text nodes and
//! attribute values (see [`super::dom`]). Titles, questions and answers
//! arrive as [`crate::rich_text`] trees, parsed once when the content was
//! checked, and are built from them element by element.

use super::dom::{self, append, element, set, text};
use crate::content::{Faq, Item, Localized};
use crate::faq_state::{FaqState, LoadError, Redraw, Status};
use crate::language;
use crate::link_policy::LinkTarget;
use crate::rich_text::{Block, Inline};
use crate::ui_strings::{UiStrings, UiText};
use web_sys::{Document, Element, ShadowRoot};

pub struct View {
    pub shadow: ShadowRoot,
    /// `div.faq`: carries `lang`; everything drawn is inside it.
    pub root: Element,
    pub heading_level: u8,
    pub new_tab: bool,
}

fn question_id(id: &str) -> String {
    format!("q-{id}")
}

fn answer_id(id: &str) -> String {
    format!("a-{id}")
}

/// Up to this many questions, an open answer is a region named by its
/// question, as the WAI-ARIA accordion pattern suggests; beyond it, the
/// Authoring Practices warn that so many landmarks drown the page's own.
const MAX_ANSWER_LANDMARKS: usize = 6;

fn answers_are_landmarks(faq: &Faq) -> bool {
    faq.items.len() <= MAX_ANSWER_LANDMARKS
}

/// Google quotes no text inside an element with this attribute (it honours
/// it on `div`, `span` and `section` only): the widget's own words are not
/// what a search result should show of the content.
fn no_snippet(el: &Element) {
    set(el, "data-nosnippet", "");
}

/// Language codes are checked language tags (letters, digits, `-`), so they
/// stand in an id as they are.
fn language_button_id(code: &str) -> String {
    format!("lang-{code}")
}

/// `h1`…`h6` (levels are kept in 1–6 by the options and `question_level`).
fn heading_tag(level: u8) -> &'static str {
    match level {
        0 | 1 => "h1",
        2 => "h2",
        3 => "h3",
        4 => "h4",
        5 => "h5",
        _ => "h6",
    }
}

/// `lang` (and `dir` where the script's direction differs) on an element
/// whose text is in another language than the one shown around it, so screen
/// readers pronounce it right and it lays out in its own direction.
fn mark_language(el: &Element, lang: &str, shown: &str) {
    if lang != shown {
        set(el, "lang", lang);
        if language::is_rtl(lang) != language::is_rtl(shown) {
            set(el, "dir", language::direction(lang));
        }
    }
}

fn mark_fallback<T>(el: &Element, text: &Localized<T>, shown: &str) {
    mark_language(el, text.lang, shown);
}

/// The error box: what went wrong in the reader's language, and a Try again
/// button where trying again can help.
/// Fills `root` with the error box and, below it, a slot: what the host page
/// already had (a static copy of the FAQ, a link) stays readable, as it was
/// before the script ran. A failed load and a panic both end here.
pub fn draw_error_box(root: &Element, strings: &UiStrings, message: &str, retry: bool) {
    let doc = dom::document_of(root);
    append(root, &error_box(&doc, strings, message, retry));
    append(root, &element(&doc, "slot", ""));
}

fn error_box(doc: &Document, strings: &UiStrings, message: &str, retry: bool) -> Element {
    let panel = element(doc, "div", "faq__error");
    set(&panel, "role", "alert");
    no_snippet(&panel);
    let heading = element(doc, "p", "faq__error-heading");
    text(&heading, strings.get(UiText::ErrorHeading));
    append(&panel, &heading);
    let body = element(doc, "p", "faq__error-message");
    text(&body, message);
    append(&panel, &body);
    if retry {
        let button = element(doc, "button", "faq__retry");
        set(&button, "type", "button");
        set(&button, "data-action", "retry");
        text(&button, strings.get(UiText::TryAgain));
        append(&panel, &button);
    }
    panel
}

impl View {
    fn doc(&self) -> Document {
        dom::document_of(&self.root)
    }

    fn find(&self, id: &str) -> Option<Element> {
        self.shadow.get_element_by_id(id)
    }

    pub fn redraw(&self, state: &FaqState, redraw: &Redraw) {
        if *redraw == Redraw::Nothing {
            return;
        }
        // The widget's words for this language, worked out once per redraw.
        let strings = state.ui_strings();
        match redraw {
            Redraw::Nothing => {}
            Redraw::Item(id) => {
                if let Some(faq) = state.faq() {
                    self.draw_item_state(id, state.is_open(id), answers_are_landmarks(faq));
                }
                self.draw_toggle_all(state, &strings);
            }
            Redraw::AllItems => {
                if let Some(faq) = state.faq() {
                    for item in &faq.items {
                        self.draw_item_state(&item.id, state.is_open(&item.id), answers_are_landmarks(faq));
                    }
                }
                self.draw_toggle_all(state, &strings);
            }
            Redraw::Language => self.draw_language(state, &strings),
            Redraw::Everything => self.draw_everything(state, &strings),
        }
    }

    fn draw_everything(&self, state: &FaqState, strings: &UiStrings) {
        dom::clear(&self.root);
        self.set_root_language(&state.lang);
        match &state.status {
            Status::Loading => self.draw_loading(strings),
            Status::Failed(error) => self.draw_error(strings, error),
            Status::Ready(faq) => self.draw_ready(faq, state, strings),
        }
        if matches!(state.status, Status::Loading) {
            set(&self.root, "aria-busy", "true");
        } else {
            dom::remove_attribute(&self.root, "aria-busy");
        }
    }

    fn draw_loading(&self, strings: &UiStrings) {
        let doc = self.doc();
        // A div, not a p: Google honours data-nosnippet on div, span and section only.
        let status = element(&doc, "div", "faq__status");
        set(&status, "role", "status");
        no_snippet(&status);
        text(&status, strings.get(UiText::Loading));
        append(&self.root, &status);
        // The host's own children (the no-JavaScript fallback) stay visible until content arrives.
        append(&self.root, &element(&doc, "slot", ""));
    }

    fn draw_error(&self, strings: &UiStrings, error: &LoadError) {
        draw_error_box(&self.root, strings, &error.reader_message(strings), error.is_worth_retrying());
    }

    fn set_root_language(&self, lang: &str) {
        set(&self.root, "lang", lang);
        set(&self.root, "dir", language::direction(lang));
    }

    fn question_level(&self, faq: &Faq) -> u8 {
        if faq.title.0.is_empty() {
            self.heading_level
        } else {
            (self.heading_level + 1).min(6)
        }
    }

    fn draw_ready(&self, faq: &Faq, state: &FaqState, strings: &UiStrings) {
        let doc = self.doc();
        if let Some(title) = self.title(faq, &state.lang) {
            append(&self.root, &title);
        }
        // Only controls live here: the language group and Show all / Hide all.
        let toolbar = element(&doc, "div", "faq__toolbar");
        no_snippet(&toolbar);
        if faq.languages.len() > 1 {
            let group = element(&doc, "div", "faq__languages");
            set(&group, "role", "group");
            set(&group, "aria-labelledby", "languages-label");
            let label = element(&doc, "span", "faq__languages-label");
            set(&label, "id", "languages-label");
            text(&label, strings.get(UiText::Language));
            append(&group, &label);
            for offered in &faq.languages {
                let button = element(&doc, "button", "faq__language");
                set(&button, "type", "button");
                set(&button, "id", &language_button_id(&offered.code));
                // Each name is in its own language (and direction), whatever is shown.
                set(&button, "lang", &offered.code);
                set(&button, "dir", language::direction(&offered.code));
                set(&button, "data-action", "language");
                set(&button, "data-lang", &offered.code);
                set(&button, "aria-pressed", if offered.code == state.lang { "true" } else { "false" });
                text(&button, &offered.name);
                append(&group, &button);
            }
            append(&toolbar, &group);
        }
        let toggle_all = element(&doc, "button", "faq__toggle-all");
        set(&toggle_all, "type", "button");
        set(&toggle_all, "id", "toggle-all");
        set(&toggle_all, "data-action", "toggle-all");
        append(&toolbar, &toggle_all);
        append(&self.root, &toolbar);
        let items = element(&doc, "div", "faq__items");
        set(&items, "id", "items");
        append(&self.root, &items);
        self.draw_items(faq, state, strings);
        self.draw_toggle_all(state, strings);
    }

    fn title(&self, faq: &Faq, lang: &str) -> Option<Element> {
        let title = faq.title.resolve(lang, faq.default_language())?;
        let heading = element(&self.doc(), heading_tag(self.heading_level), "faq__title");
        set(&heading, "id", "title");
        mark_fallback(&heading, &title, lang);
        self.inlines(&heading, title.text, None);
        Some(heading)
    }

    fn draw_items(&self, faq: &Faq, state: &FaqState, strings: &UiStrings) {
        let Some(list) = self.find("items") else { return };
        dom::clear(&list);
        let level = self.question_level(faq);
        for item in &faq.items {
            append(&list, &self.item(faq, item, state, strings, level));
        }
    }

    fn item(&self, faq: &Faq, item: &Item, state: &FaqState, strings: &UiStrings, level: u8) -> Element {
        let doc = self.doc();
        let default = faq.default_language();
        let wrapper = element(&doc, "div", "faq__item");
        let heading = element(&doc, heading_tag(level), "faq__heading");
        let button = element(&doc, "button", "faq__question");
        set(&button, "type", "button");
        set(&button, "id", &question_id(&item.id));
        set(&button, "aria-controls", &answer_id(&item.id));
        set(&button, "data-action", "toggle");
        set(&button, "data-id", &item.id);
        let indicator = element(&doc, "span", "faq__indicator");
        set(&indicator, "aria-hidden", "true");
        no_snippet(&indicator);
        append(&button, &indicator);
        let label = element(&doc, "span", "faq__question-text");
        if let Some(question) = item.question.resolve(&state.lang, default) {
            mark_fallback(&label, &question, &state.lang);
            self.inlines(&label, question.text, None);
        }
        append(&button, &label);
        append(&heading, &button);
        append(&wrapper, &heading);

        // A section, not a div: inside a shadow root Chromium drops the
        // button's aria-controls when it points at a plain unnamed div (see
        // ARCHITECTURE.md); an unnamed section is kept (role generic), so the
        // relation reaches assistive technology without adding a landmark.
        let panel = element(&doc, "section", "faq__answer");
        set(&panel, "id", &answer_id(&item.id));
        set(&panel, "data-id", &item.id);
        let body = element(&doc, "div", "");
        if let Some(answer) = item.answer.resolve(&state.lang, default) {
            mark_fallback(&body, &answer, &state.lang);
            let new_tab_hint = strings.get(UiText::OpensInNewTab);
            for block in answer.text {
                self.block(&body, block, Some(new_tab_hint));
            }
        }
        append(&panel, &body);
        append(&wrapper, &panel);
        self.set_item_attributes(&button, &panel, state.is_open(&item.id), answers_are_landmarks(faq));
        wrapper
    }

    fn block(&self, parent: &Element, block: &Block, new_tab_hint: Option<&str>) {
        let doc = self.doc();
        match block {
            Block::Paragraph(inlines) => {
                let p = element(&doc, "p", "");
                self.inlines(&p, inlines, new_tab_hint);
                append(parent, &p);
            }
            Block::List { ordered, start, items } => {
                let list = element(&doc, if *ordered { "ol" } else { "ul" }, "");
                if *ordered && *start != 1 {
                    set(&list, "start", &start.to_string());
                }
                for inlines in items {
                    let li = element(&doc, "li", "");
                    self.inlines(&li, inlines, new_tab_hint);
                    append(&list, &li);
                }
                append(parent, &list);
            }
        }
    }

    /// `new_tab_hint` is `None` where links are not allowed (questions, title).
    fn inlines(&self, parent: &Element, inlines: &[Inline], new_tab_hint: Option<&str>) {
        let doc = self.doc();
        for inline in inlines {
            match inline {
                Inline::Text(content) => text(parent, content),
                Inline::LineBreak => append(parent, &element(&doc, "br", "")),
                Inline::Strong(children) | Inline::Emphasis(children) => {
                    let tag = if matches!(inline, Inline::Strong(_)) { "strong" } else { "em" };
                    let el = element(&doc, tag, "");
                    self.inlines(&el, children, new_tab_hint);
                    append(parent, &el);
                }
                Inline::Link { href, target, children } => match new_tab_hint {
                    Some(hint) => {
                        let a = element(&doc, "a", "");
                        set(&a, "href", href);
                        self.inlines(&a, children, new_tab_hint);
                        if self.new_tab && *target == LinkTarget::External {
                            set(&a, "target", "_blank");
                            set(&a, "rel", "noopener noreferrer");
                            let note = element(&doc, "span", "faq__visually-hidden");
                            no_snippet(&note);
                            text(&note, &format!(" {hint}"));
                            append(&a, &note);
                        }
                        append(parent, &a);
                    }
                    None => self.inlines(parent, children, None),
                },
            }
        }
    }

    /// `landmark`: an open answer is named by its question, which makes the
    /// section a region. A closed one is never named: `hidden="until-found"`
    /// keeps its box, and Chromium would list it as an empty region.
    fn set_item_attributes(&self, button: &Element, panel: &Element, open: bool, landmark: bool) {
        set(button, "aria-expanded", if open { "true" } else { "false" });
        if open {
            dom::remove_attribute(panel, "hidden");
            if landmark {
                set(panel, "aria-labelledby", &button.get_attribute("id").unwrap_or_default());
            }
        } else {
            // Find-in-page can still search and reveal it (see `beforematch`).
            set(panel, "hidden", "until-found");
            dom::remove_attribute(panel, "aria-labelledby");
        }
    }

    fn draw_item_state(&self, id: &str, open: bool, landmark: bool) {
        if let (Some(button), Some(panel)) = (self.find(&question_id(id)), self.find(&answer_id(id))) {
            self.set_item_attributes(&button, &panel, open, landmark);
        }
    }

    fn draw_toggle_all(&self, state: &FaqState, strings: &UiStrings) {
        let Some(button) = self.find("toggle-all") else { return };
        let all_open = state.all_open();
        button.set_text_content(Some(strings.get(if all_open { UiText::HideAll } else { UiText::ShowAll })));
        set(&button, "aria-expanded", if all_open { "true" } else { "false" });
    }

    /// A language switch: every text changes, but the language buttons stay
    /// the same elements so the one the reader pressed keeps focus.
    fn draw_language(&self, state: &FaqState, strings: &UiStrings) {
        let Some(faq) = state.faq() else { return };
        self.set_root_language(&state.lang);
        if let Some(label) = self.find("languages-label") {
            label.set_text_content(Some(strings.get(UiText::Language)));
        }
        for offered in &faq.languages {
            if let Some(button) = self.find(&language_button_id(&offered.code)) {
                set(&button, "aria-pressed", if offered.code == state.lang { "true" } else { "false" });
            }
        }
        if let Some(old) = self.find("title") {
            match self.title(faq, &state.lang) {
                Some(new) => {
                    dom::replace(&old, &new);
                }
                None => old.remove(),
            }
        }
        // Questions are redrawn: a reader focused on one (the API switched
        // language) stays on the same question.
        let focused = self.shadow.active_element().and_then(|el| el.get_attribute("data-id"));
        self.draw_items(faq, state, strings);
        self.draw_toggle_all(state, strings);
        if let Some(button) = focused.and_then(|id| self.find(&question_id(&id))) {
            dom::focus(&button);
        }
    }
}
