//! What one widget is showing and how messages change it: the model and
//! update of the widget's state–view–controller split, kept free of web-sys
//! so it is tested natively.
//!
//! The controller turns DOM events, the JS API and finished loads into a
//! [`Msg`]; [`FaqState::update`] applies it and answers with the [`Redraw`]
//! the view must do, so the view touches only what changed.

use crate::content::{Diagnostic, Faq};
use crate::language;
use crate::ui_strings::{UiStrings, UiText, BUILT_IN_LANGUAGES};

/// Why content could not be shown, with what the reader and the console are told.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The request failed before any answer (offline, DNS, CORS, blocked).
    Network { detail: String },
    Http { status: u16, status_text: String },
    /// Not UTF-8: `offset` is the first bad byte.
    Encoding { offset: usize },
    Json { detail: String },
    /// Validation failed: every blocking problem, the first one shown to readers.
    Content { problems: Vec<Diagnostic> },
}

impl LoadError {
    /// Whether the same request could succeed a moment later (the network
    /// or the server), so Try again is worth offering. A file that is
    /// malformed is the same file the next time.
    pub fn is_worth_retrying(&self) -> bool {
        matches!(self, LoadError::Network { .. } | LoadError::Http { .. })
    }

    /// The kind hosts are told in `faq:error` (see [`crate::host_events`]).
    pub fn kind(&self) -> &'static str {
        match self {
            LoadError::Network { .. } => "network",
            LoadError::Http { .. } => "http",
            LoadError::Encoding { .. } => "encoding",
            LoadError::Json { .. } => "json",
            LoadError::Content { .. } => "content",
        }
    }

    /// The sentence a reader sees, in `strings`' language.
    pub fn reader_message(&self, strings: &UiStrings) -> String {
        match self {
            LoadError::Network { .. } => strings.get(UiText::ErrorNetwork).to_owned(),
            LoadError::Http { status, .. } => strings.fill(UiText::ErrorHttp, &[("status", &status.to_string())]),
            LoadError::Encoding { .. } => strings.get(UiText::ErrorEncoding).to_owned(),
            LoadError::Json { .. } => strings.get(UiText::ErrorJson).to_owned(),
            LoadError::Content { problems } => match problems.first() {
                Some(first) => first.reader_message(strings),
                None => strings.get(UiText::ErrorInternal).to_owned(),
            },
        }
    }

    /// The precise English report for `console.error`; `source` names the URL
    /// or the inline element the content came from.
    pub fn console_message(&self, source: &str) -> String {
        let detail = match self {
            LoadError::Network { detail } => format!("could not fetch it ({detail})"),
            LoadError::Http { status, status_text } => format!("the server answered HTTP {status} {status_text}"),
            LoadError::Encoding { offset } => format!("it is not valid UTF-8 (first bad byte at offset {offset})"),
            LoadError::Json { detail } => format!("it is not valid JSON ({detail})"),
            LoadError::Content { problems } => {
                let mut text = String::from("the content is invalid:");
                push_lines(&mut text, problems);
                text
            }
        };
        format!("faq-widget: {source}: {detail}")
    }
}

/// Appends each diagnostic on its own indented line, with what the widget
/// did about it where that is not the whole story ("question left out").
pub fn push_lines(out: &mut String, problems: &[Diagnostic]) {
    for problem in problems {
        out.push_str("\n  ");
        out.push_str(&problem.line());
        if let Some(effect) = problem.effect.described() {
            out.push_str(" (");
            out.push_str(effect);
            out.push(')');
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Loading,
    Ready(Faq),
    Failed(LoadError),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// A question's button was pressed.
    Toggle(String),
    /// Find-in-page revealed a collapsed answer (`beforematch`), or the API opened it.
    Open(String),
    Close(String),
    ToggleAll,
    SetLanguage(String),
    Retry,
    Loaded(Result<Faq, LoadError>),
    /// The page is about to print: every answer opens, the reader's own
    /// open set is kept aside.
    BeforePrint,
    /// Printing is over: the open set from before printing comes back.
    AfterPrint,
}

/// What the view must redraw after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Redraw {
    Nothing,
    /// One item opened or closed, and with it possibly the Show all button.
    Item(String),
    /// Every item, and the Show all button.
    AllItems,
    /// The language changed: every text, with the toggle buttons kept in place.
    Language,
    /// Everything (loading, ready or failed).
    Everything,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FaqState {
    pub status: Status,
    /// The language shown: one of the content's languages once ready.
    pub lang: String,
    /// Ids of the open items, kept across language switches and reloads.
    pub open: Vec<String>,
    /// The reader's preferences in order (option, remembered, page, browser).
    pub preferences: Vec<String>,
    /// The reader's open set while the page prints (every answer is open
    /// then); `None` when not printing.
    pub before_print: Option<Vec<String>>,
    /// The question the page URL's fragment names, until the first content
    /// arrives: hosts hear it opened "by link" (see [`crate::host_events`]).
    pub deep_link: Option<String>,
}

impl FaqState {
    pub fn new(preferences: Vec<String>) -> FaqState {
        let lang = BUILT_IN_LANGUAGES[language::negotiate(BUILT_IN_LANGUAGES, preferences.iter().map(String::as_str))];
        FaqState { status: Status::Loading, lang: lang.to_owned(), open: Vec::new(), preferences, before_print: None, deep_link: None }
    }

    pub fn faq(&self) -> Option<&Faq> {
        match &self.status {
            Status::Ready(faq) => Some(faq),
            _ => None,
        }
    }

    pub fn is_open(&self, id: &str) -> bool {
        self.open.iter().any(|o| o == id)
    }

    /// True when there are items and every one is open: the button then reads "Hide all".
    pub fn all_open(&self) -> bool {
        self.faq().is_some_and(|faq| !faq.items.is_empty() && faq.items.iter().all(|i| self.is_open(&i.id)))
    }

    pub fn ui_strings(&self) -> UiStrings {
        match self.faq() {
            Some(faq) => faq.ui_strings(&self.lang),
            None => UiStrings::built_in(&self.lang),
        }
    }

    fn set_open(&mut self, id: &str, open: bool) -> Redraw {
        let Some(faq) = self.faq() else {
            // Before the content arrives (an API call right after mount), keep
            // the request: `Loaded` keeps the ids that exist.
            self.open.retain(|o| o != id);
            if open {
                self.open.push(id.to_owned());
            }
            return Redraw::Nothing;
        };
        if faq.item(id).is_none() || self.is_open(id) == open {
            return Redraw::Nothing;
        }
        if open {
            self.open.push(id.to_owned());
        } else {
            self.open.retain(|o| o != id);
        }
        Redraw::Item(id.to_owned())
    }

    pub fn update(&mut self, msg: Msg) -> Redraw {
        match msg {
            Msg::Toggle(id) => {
                let open = !self.is_open(&id);
                self.set_open(&id, open)
            }
            Msg::Open(id) => self.set_open(&id, true),
            Msg::Close(id) => self.set_open(&id, false),
            Msg::ToggleAll => {
                let Some(faq) = self.faq() else { return Redraw::Nothing };
                let mut open = Vec::new();
                if !self.all_open() {
                    for item in &faq.items {
                        open.push(item.id.clone());
                    }
                }
                self.open = open;
                Redraw::AllItems
            }
            Msg::SetLanguage(wanted) => {
                // Borrowed, not copied, when there is no content yet.
                let content_codes;
                let codes: &[&str] = match self.faq() {
                    Some(faq) => {
                        content_codes = faq.language_codes();
                        &content_codes
                    }
                    None => BUILT_IN_LANGUAGES,
                };
                let Some(index) = language::match_one(codes, &wanted) else { return Redraw::Nothing };
                let chosen = codes[index].to_owned();
                if chosen == self.lang {
                    return Redraw::Nothing;
                }
                self.lang = chosen;
                // An explicit choice outranks everything else on a retry.
                self.preferences.insert(0, self.lang.clone());
                match self.status {
                    Status::Ready(_) => Redraw::Language,
                    _ => Redraw::Everything,
                }
            }
            Msg::Retry => {
                self.status = Status::Loading;
                Redraw::Everything
            }
            Msg::Loaded(Ok(faq)) => {
                let codes = faq.language_codes();
                let index = language::negotiate(&codes, self.preferences.iter().map(String::as_str));
                self.lang = codes[index].to_owned();
                self.open.retain(|id| faq.item(id).is_some());
                self.status = Status::Ready(faq);
                Redraw::Everything
            }
            Msg::Loaded(Err(error)) => {
                self.status = Status::Failed(error);
                Redraw::Everything
            }
            Msg::BeforePrint => {
                // A second beforeprint without an afterprint keeps the first set.
                let Some(faq) = self.faq().filter(|_| self.before_print.is_none()) else { return Redraw::Nothing };
                let all = faq.items.iter().map(|item| item.id.clone()).collect();
                self.before_print = Some(std::mem::replace(&mut self.open, all));
                Redraw::AllItems
            }
            Msg::AfterPrint => {
                let Some(open) = self.before_print.take() else { return Redraw::Nothing };
                self.open = open;
                Redraw::AllItems
            }
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))] // native: the tests read JSON with serde_json
mod tests {
    use super::*;
    use crate::content::load;

    fn faq() -> Faq {
        let json = r#"{"version":1,"languages":[{"code":"en","name":"English"},{"code":"es","name":"Español"}],
          "items":[{"id":"a","question":{"en":"A?","es":"¿A?"},"answer":{"en":"a","es":"a"}},
                   {"id":"b","question":{"en":"B?","es":"¿B?"},"answer":{"en":"b","es":"b"}}]}"#;
        load(serde_json::from_str(json).unwrap()).faq.unwrap()
    }

    fn ready(preferences: &[&str]) -> FaqState {
        let mut state = FaqState::new(preferences.iter().map(|s| s.to_string()).collect());
        assert_eq!(state.update(Msg::Loaded(Ok(faq()))), Redraw::Everything);
        state
    }

    #[test]
    fn loading_state_speaks_the_preferred_built_in_language() {
        assert_eq!(FaqState::new(vec!["es-MX".into()]).lang, "es");
        assert_eq!(FaqState::new(vec!["fr".into()]).lang, "en");
    }

    #[test]
    fn loaded_content_negotiates_among_its_own_languages() {
        assert_eq!(ready(&["fr", "es-419"]).lang, "es");
        assert_eq!(ready(&[]).lang, "en");
    }

    #[test]
    fn toggle_opens_and_closes_one_item() {
        let mut state = ready(&[]);
        assert_eq!(state.update(Msg::Toggle("a".into())), Redraw::Item("a".into()));
        assert!(state.is_open("a") && !state.is_open("b"));
        assert_eq!(state.update(Msg::Toggle("a".into())), Redraw::Item("a".into()));
        assert!(!state.is_open("a"));
        assert_eq!(state.update(Msg::Toggle("nope".into())), Redraw::Nothing);
        assert_eq!(state.update(Msg::Close("a".into())), Redraw::Nothing);
    }

    #[test]
    fn opening_before_the_content_arrives_applies_once_it_does() {
        let mut state = FaqState::new(vec![]);
        assert_eq!(state.update(Msg::Open("b".into())), Redraw::Nothing);
        state.update(Msg::Open("missing".into()));
        state.update(Msg::Open("a".into()));
        state.update(Msg::Close("a".into()));
        state.update(Msg::Loaded(Ok(faq())));
        assert_eq!(state.open, vec!["b".to_string()]);
    }

    #[test]
    fn remembered_ids_merge_with_api_calls_and_those_the_content_lacks_are_dropped() {
        // As the widget mounts: remembered "a", a stale id and words no id
        // can be (a value written by something else), and a deep link to "b".
        let mut state = FaqState::new(vec![]);
        state.open = crate::remember::initial_open(Some("a gone <b> [\"b\"]"), Some("b"));
        // An API call before the content arrives outranks the remembered state.
        state.update(Msg::Close("a".into()));
        state.update(Msg::Loaded(Ok(faq())));
        assert_eq!(state.open, vec!["b".to_string()]);
        assert_eq!(crate::remember::stored_value(&state.open), "b");
    }

    #[test]
    fn show_all_then_hide_all() {
        let mut state = ready(&[]);
        state.update(Msg::Open("a".into()));
        assert!(!state.all_open());
        assert_eq!(state.update(Msg::ToggleAll), Redraw::AllItems);
        assert!(state.all_open());
        state.update(Msg::ToggleAll);
        assert!(state.open.is_empty());
    }

    #[test]
    fn switching_language_keeps_open_items() {
        let mut state = ready(&[]);
        state.update(Msg::Open("b".into()));
        assert_eq!(state.update(Msg::SetLanguage("es-US".into())), Redraw::Language);
        assert_eq!(state.lang, "es");
        assert!(state.is_open("b"));
        assert_eq!(state.update(Msg::SetLanguage("es".into())), Redraw::Nothing);
        assert_eq!(state.update(Msg::SetLanguage("de".into())), Redraw::Nothing);
        assert_eq!(state.lang, "es");
    }

    #[test]
    fn retry_keeps_the_chosen_language_and_open_items() {
        let mut state = ready(&[]);
        state.update(Msg::Open("a".into()));
        state.update(Msg::SetLanguage("es".into()));
        assert_eq!(state.update(Msg::Retry), Redraw::Everything);
        assert_eq!(state.status, Status::Loading);
        state.update(Msg::Loaded(Ok(faq())));
        assert_eq!(state.lang, "es");
        assert!(state.is_open("a"));
    }

    #[test]
    fn printing_opens_every_answer_then_restores_the_readers_open_set() {
        let mut state = ready(&[]);
        state.update(Msg::Open("b".into()));
        assert_eq!(state.update(Msg::BeforePrint), Redraw::AllItems);
        assert_eq!(state.open, vec!["a".to_string(), "b".to_string()]);
        // Printing twice over (a second beforeprint) keeps the reader's set.
        assert_eq!(state.update(Msg::BeforePrint), Redraw::Nothing);
        assert_eq!(state.update(Msg::AfterPrint), Redraw::AllItems);
        assert_eq!(state.open, vec!["b".to_string()]);
        assert_eq!(state.before_print, None);
        assert_eq!(state.update(Msg::AfterPrint), Redraw::Nothing);
        assert_eq!(state.open, vec!["b".to_string()]);
        // Before the content arrives there is nothing to print open.
        let mut loading = FaqState::new(vec![]);
        assert_eq!(loading.update(Msg::BeforePrint), Redraw::Nothing);
        assert_eq!(loading.update(Msg::AfterPrint), Redraw::Nothing);
    }

    #[test]
    fn errors_read_in_the_readers_language_and_precisely_in_the_console() {
        let error = LoadError::Http { status: 404, status_text: "Not Found".into() };
        assert_eq!(error.reader_message(&UiStrings::built_in("es")), "El servidor no pudo enviar las preguntas (error 404).");
        assert_eq!(error.console_message("/faq.json"), "faq-widget: /faq.json: the server answered HTTP 404 Not Found");
        let mut state = FaqState::new(vec![]);
        assert_eq!(state.update(Msg::Loaded(Err(error.clone()))), Redraw::Everything);
        assert_eq!(state.status, Status::Failed(error));
        assert_eq!(state.update(Msg::ToggleAll), Redraw::Nothing);
    }
}
