//! The events a widget's host element dispatches for the page (`faq:ready`,
//! `faq:open`, `faq:close`, `faq:language`, `faq:error`): which ones an
//! update produces, and with what detail. Worked out here from the state
//! before and after [`FaqState::update`], without web-sys, so it is tested
//! natively; the controller only turns each [`HostEvent`] into a
//! `CustomEvent` once the state and the view have changed.

use crate::faq_state::{FaqState, Msg, Redraw, Status};

/// What made a question open or close, as hosts read it in `detail.how`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum How {
    /// A pointer click on the question.
    Click,
    /// Enter or Space on the question (a `click` whose `detail` is 0).
    Keyboard,
    /// The page URL's fragment named the question when the widget mounted.
    Link,
    /// Find-in-page revealed the answer (`beforematch`).
    Search,
    /// The JavaScript API's `open` or `close`.
    Api,
    /// Show all / Hide all.
    ShowAll,
}

impl How {
    pub fn as_str(self) -> &'static str {
        match self {
            How::Click => "click",
            How::Keyboard => "keyboard",
            How::Link => "link",
            How::Search => "search",
            How::Api => "api",
            How::ShowAll => "show-all",
        }
    }
}

/// A value in an event's `detail`: a string, or an array of strings.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    List(Vec<String>),
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::Text(text.to_owned())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct HostEvent {
    /// The event type: `faq:ready`, `faq:open`, …
    pub name: &'static str,
    /// The `detail` object's properties, in order. Every event has two, so
    /// an array: the controller builds the object with `Object.fromEntries`
    /// (serde-wasm-bindgen's serializer weighed 1.8 KB brotli more).
    pub detail: [(&'static str, Value); 2],
}

/// Applies `msg` to `state`, as [`FaqState::update`] does, and lists the
/// events hosts get for it, in order. `how` is what sent an open or close;
/// `source` names the content for an error's message (as the console has it).
pub fn update(state: &mut FaqState, msg: Msg, how: How, source: &str) -> (Redraw, Vec<HostEvent>) {
    // Printing opens every answer for the paper only: the reader opened nothing.
    let printing = matches!(msg, Msg::BeforePrint | Msg::AfterPrint);
    let was_ready = state.faq().is_some();
    let (lang_before, open_before) = (state.lang.clone(), state.open.clone());
    let redraw = state.update(msg);
    let mut events = Vec::new();
    if redraw == Redraw::Nothing || printing {
        return (redraw, events);
    }
    let item = |name, id: &String, how: How| HostEvent { name, detail: [("id", id.as_str().into()), ("how", how.as_str().into())] };
    match (&state.status, was_ready) {
        (Status::Ready(faq), false) => {
            let items = faq.items.iter().map(|item| item.id.clone()).collect();
            events.push(HostEvent { name: "faq:ready", detail: [("items", Value::List(items)), ("language", state.lang.as_str().into())] });
            // Only the first content to arrive: a retry's is no new visit.
            if let Some(id) = state.deep_link.take().filter(|id| state.is_open(id)) {
                events.push(item("faq:open", &id, How::Link));
            }
        }
        (Status::Ready(_), true) => {
            if state.lang != lang_before {
                events.push(HostEvent {
                    name: "faq:language",
                    detail: [("from", Value::Text(lang_before)), ("to", state.lang.as_str().into())],
                });
            }
            for id in open_before.iter().filter(|id| !state.is_open(id)) {
                events.push(item("faq:close", id, how));
            }
            for id in state.open.iter().filter(|id| !open_before.contains(id)) {
                events.push(item("faq:open", id, how));
            }
        }
        (Status::Failed(error), _) => {
            events.push(HostEvent {
                name: "faq:error",
                detail: [("kind", error.kind().into()), ("message", Value::Text(error.console_message(source)))],
            });
        }
        _ => {}
    }
    (redraw, events)
}

#[cfg(all(test, not(target_arch = "wasm32")))] // native: the tests read JSON with serde_json
mod tests {
    use super::*;
    use crate::content::load;
    use crate::faq_state::LoadError;

    fn faq() -> crate::content::Faq {
        let json = r#"{"version":1,"languages":[{"code":"en","name":"English"},{"code":"es","name":"Español"}],
          "items":[{"id":"a","question":{"en":"A?","es":"¿A?"},"answer":{"en":"a","es":"a"}},
                   {"id":"b","question":{"en":"B?","es":"¿B?"},"answer":{"en":"b","es":"b"}}]}"#;
        load(serde_json::from_str(json).unwrap()).faq.unwrap()
    }

    fn names(events: &[HostEvent]) -> Vec<&str> {
        events.iter().map(|e| e.name).collect()
    }

    /// The detail as the JSON of the object the page gets, in order.
    fn json(event: &HostEvent) -> String {
        let entry = |(key, value): &(&str, Value)| {
            let value = match value {
                Value::Text(text) => serde_json::to_string(text),
                Value::List(list) => serde_json::to_string(list),
            };
            format!("{}:{}", serde_json::to_string(key).unwrap(), value.unwrap())
        };
        format!("{{{}}}", event.detail.iter().map(entry).collect::<Vec<_>>().join(","))
    }

    fn ready() -> FaqState {
        let mut state = FaqState::new(vec![]);
        update(&mut state, Msg::Loaded(Ok(faq())), How::Api, "/faq.json");
        state
    }

    #[test]
    fn ready_lists_the_ids_in_order_and_the_language_then_the_deep_link_opens_by_link() {
        let mut state = FaqState::new(vec!["es".into()]);
        state.open = vec!["b".into()];
        state.deep_link = Some("b".into());
        let (_, events) = update(&mut state, Msg::Loaded(Ok(faq())), How::Api, "/faq.json");
        assert_eq!(names(&events), ["faq:ready", "faq:open"]);
        assert_eq!(json(&events[0]), r#"{"items":["a","b"],"language":"es"}"#);
        assert_eq!(json(&events[1]), r#"{"id":"b","how":"link"}"#);
        // Content loaded again (Try again) is ready again, but no new visit by link.
        update(&mut state, Msg::Retry, How::Api, "/faq.json");
        let (_, events) = update(&mut state, Msg::Loaded(Ok(faq())), How::Api, "/faq.json");
        assert_eq!(names(&events), ["faq:ready"]);
    }

    #[test]
    fn a_fragment_naming_no_question_opens_nothing() {
        let mut state = FaqState::new(vec![]);
        state.open = vec!["nope".into()];
        state.deep_link = Some("nope".into());
        let (_, events) = update(&mut state, Msg::Loaded(Ok(faq())), How::Api, "/faq.json");
        assert_eq!(names(&events), ["faq:ready"]);
    }

    #[test]
    fn opening_and_closing_say_how_and_nothing_is_sent_when_nothing_changed() {
        let mut state = ready();
        let (_, events) = update(&mut state, Msg::Toggle("a".into()), How::Keyboard, "");
        assert_eq!(names(&events), ["faq:open"]);
        assert_eq!(json(&events[0]), r#"{"id":"a","how":"keyboard"}"#);
        let (_, events) = update(&mut state, Msg::Toggle("a".into()), How::Click, "");
        assert_eq!(json(&events[0]), r#"{"id":"a","how":"click"}"#);
        assert_eq!(names(&events), ["faq:close"]);
        assert!(update(&mut state, Msg::Close("a".into()), How::Api, "").1.is_empty());
        assert!(update(&mut state, Msg::Open("missing".into()), How::Api, "").1.is_empty());
        let (_, events) = update(&mut state, Msg::Open("b".into()), How::Search, "");
        assert_eq!(json(&events[0]), r#"{"id":"b","how":"search"}"#);
    }

    #[test]
    fn show_all_and_hide_all_send_one_event_per_question_that_changed() {
        let mut state = ready();
        update(&mut state, Msg::Open("b".into()), How::Api, "");
        let (_, events) = update(&mut state, Msg::ToggleAll, How::ShowAll, "");
        assert_eq!(names(&events), ["faq:open"]);
        assert_eq!(json(&events[0]), r#"{"id":"a","how":"show-all"}"#);
        let (_, events) = update(&mut state, Msg::ToggleAll, How::ShowAll, "");
        assert_eq!(names(&events), ["faq:close", "faq:close"]);
        assert_eq!(json(&events[1]), r#"{"id":"b","how":"show-all"}"#);
    }

    #[test]
    fn printing_sends_nothing() {
        let mut state = ready();
        assert!(update(&mut state, Msg::BeforePrint, How::Api, "").1.is_empty());
        assert!(update(&mut state, Msg::AfterPrint, How::Api, "").1.is_empty());
    }

    #[test]
    fn a_language_switch_says_from_and_to_once_ready() {
        let mut state = FaqState::new(vec![]);
        // Before the content arrives, faq:ready will carry the language.
        assert!(update(&mut state, Msg::SetLanguage("es".into()), How::Api, "").1.is_empty());
        let mut state = ready();
        let (_, events) = update(&mut state, Msg::SetLanguage("es-MX".into()), How::Api, "");
        assert_eq!(names(&events), ["faq:language"]);
        assert_eq!(json(&events[0]), r#"{"from":"en","to":"es"}"#);
        assert!(update(&mut state, Msg::SetLanguage("es".into()), How::Api, "").1.is_empty());
    }

    #[test]
    fn an_error_carries_its_kind_and_the_console_message() {
        let mut state = FaqState::new(vec![]);
        let error = LoadError::Http { status: 404, status_text: "Not Found".into() };
        let (_, events) = update(&mut state, Msg::Loaded(Err(error)), How::Api, "/faq.json");
        assert_eq!(names(&events), ["faq:error"]);
        assert_eq!(
            json(&events[0]),
            r#"{"kind":"http","message":"faq-widget: /faq.json: the server answered HTTP 404 Not Found"}"#
        );
        let kinds = [
            LoadError::Network { detail: String::new() },
            LoadError::Encoding { offset: 0 },
            LoadError::Json { detail: String::new() },
            LoadError::Content { problems: Vec::new() },
        ];
        assert_eq!(kinds.map(|e| e.kind()), ["network", "encoding", "json", "content"]);
    }
}
