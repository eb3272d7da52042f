//! The checked content model and validation: from a file as written
//! ([`raw`]) to the [`Faq`] the widget draws.
//!
//! [`load`] checks a [`ContentFile`], collecting every problem as a
//! [`Diagnostic`] that names the item id, field and language, and builds the
//! [`Faq`] when nothing blocks it. Questions, answers and the title are parsed
//! into their [`rich_text`] trees here, once: the widget only draws them. The
//! widget, `faq check` and `faq build` all go through here, so the rules are
//! stated once.

pub mod raw;

use crate::rich_text::{self, Block, Inline};
use crate::ui_strings::{self, UiStrings, UiText};
use raw::{Entries, Field, JsonType, RawItem, RawLanguage};
use std::fmt;

pub use raw::{ContentFile, RawContent};

pub const SUPPORTED_VERSION: f64 = 1.0;
pub const MAX_ITEMS: usize = 1_000;
pub const MAX_ID_CHARS: usize = 100;
pub const MAX_QUESTION_CHARS: usize = 300;
pub const MAX_ANSWER_CHARS: usize = 50_000;
pub const MAX_NAME_CHARS: usize = 100;

#[derive(Debug, Clone, PartialEq)]
pub struct Faq {
    /// In the content's order; the first is the default.
    pub languages: Vec<Language>,
    pub title: Translations<Vec<Inline>>,
    pub strings: Vec<UiStrings>,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Language {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: String,
    pub question: Translations<Vec<Inline>>,
    pub answer: Translations<Vec<Block>>,
}

/// One text in several languages: `(language code, text)` in the content's
/// language order, only the languages the author wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Translations<T>(pub Vec<(String, T)>);

impl<T> Default for Translations<T> {
    fn default() -> Self {
        Translations(Vec::new())
    }
}

/// A text with the language it is really in, which differs from the one asked
/// for when it fell back to the default.
#[derive(Debug, PartialEq)]
pub struct Localized<'a, T> {
    pub text: &'a T,
    pub lang: &'a str,
}

impl<T> Clone for Localized<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Localized<'_, T> {}

impl<T> Translations<T> {
    pub fn exact(&self, lang: &str) -> Option<&T> {
        self.0.iter().find(|(l, _)| l == lang).map(|(_, t)| t)
    }

    /// The text in `lang`, else in the default language, else the first written.
    pub fn resolve<'a>(&'a self, lang: &str, default: &str) -> Option<Localized<'a, T>> {
        let found = self.0.iter().find(|(l, _)| l == lang);
        let found = found.or_else(|| self.0.iter().find(|(l, _)| l == default));
        found.or_else(|| self.0.first()).map(|(l, t)| Localized { text: t, lang: l })
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Faq {
    pub fn default_language(&self) -> &str {
        &self.languages[0].code
    }

    pub fn language_codes(&self) -> Vec<&str> {
        self.languages.iter().map(|l| l.code.as_str()).collect()
    }

    /// The UI texts for a language: the content's overrides over the built-ins.
    pub fn ui_strings(&self, lang: &str) -> UiStrings {
        self.strings
            .iter()
            .find(|s| s.lang == lang)
            .cloned()
            .unwrap_or_else(|| UiStrings::built_in(lang))
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The item's id, or `#N` (1-based) when the item has no usable id.
    pub item: Option<String>,
    pub field: String,
    pub lang: Option<String>,
    pub message: String,
    /// What the widget does about it; `faq check` fails on every error alike.
    pub effect: Effect,
}

/// What the widget does about a problem, so that readers keep every answer
/// that can still be shown: only a problem of the file as a whole stops it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Nothing can be shown: the widget shows its error box (and the host's
    /// own fallback content below it).
    StopsWidget,
    /// That question is left out; every other one is shown.
    LeavesOutQuestion,
    /// That part is left out and the rest is shown: a title text, a UI-text
    /// override (the built-in one is used), a language entry, a text in a
    /// language the file does not list.
    LeavesOutPart,
    /// A refused link is shown as its plain text.
    ShowsLinkAsText,
    /// Nothing is left out (a warning: a fallback translation, an unknown field).
    None,
}

impl Effect {
    /// What the widget did, as the console names it after the problem.
    pub fn described(self) -> Option<&'static str> {
        match self {
            Effect::LeavesOutQuestion => Some("question left out"),
            Effect::LeavesOutPart => Some("left out"),
            Effect::StopsWidget | Effect::ShowsLinkAsText | Effect::None => None,
        }
    }
}

impl Diagnostic {
    /// A problem; an error about one item leaves that item out, any other
    /// error stops the widget, and a warning changes nothing.
    pub fn new(severity: Severity, item: Option<&str>, field: &str, lang: Option<&str>, message: String) -> Diagnostic {
        let effect = match (severity, item) {
            (Severity::Warning, _) => Effect::None,
            (Severity::Error, Some(_)) => Effect::LeavesOutQuestion,
            (Severity::Error, None) => Effect::StopsWidget,
        };
        Diagnostic {
            severity,
            item: item.map(str::to_owned),
            field: field.to_owned(),
            lang: lang.map(str::to_owned),
            message,
            effect,
        }
    }

    /// Whether the widget shows nothing but its error box.
    pub fn blocks_rendering(&self) -> bool {
        self.effect == Effect::StopsWidget
    }

    /// "field (lang)" as shown to readers and in diagnostics.
    pub fn field_label(&self) -> String {
        match &self.lang {
            Some(lang) => format!("{} ({lang})", self.field),
            None => self.field.clone(),
        }
    }

    /// `item ID: field (lang): message`, the shape `faq check` prints after the file name.
    pub fn line(&self) -> String {
        let label = self.field_label();
        match &self.item {
            Some(item) => format!("item {item}: {label}: {}", self.message),
            None => format!("{label}: {}", self.message),
        }
    }

    /// The reader-facing sentence for this problem, in `strings`' language.
    pub fn reader_message(&self, strings: &UiStrings) -> String {
        let field = self.field_label();
        match &self.item {
            Some(item) => strings.fill(UiText::ErrorContentItem, &[("item", item), ("field", &field)]),
            None => strings.fill(UiText::ErrorContent, &[("field", &field)]),
        }
    }
}

/// [`Diagnostic::line`], for the `faq` tool's `{}`.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line())
    }
}

/// What [`load`] found: the FAQ when no error blocks it, and every problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub faq: Option<Faq>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error)
    }
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Warning)
    }
}

/// Collects diagnostics while validation walks the file.
#[derive(Default)]
struct Report {
    diagnostics: Vec<Diagnostic>,
}

impl Report {
    fn push(&mut self, severity: Severity, item: Option<&str>, field: &str, lang: Option<&str>, message: String) {
        self.diagnostics.push(Diagnostic::new(severity, item, field, lang, message));
    }
    fn error(&mut self, item: Option<&str>, field: &str, lang: Option<&str>, message: impl Into<String>) {
        self.push(Severity::Error, item, field, lang, message.into());
    }
    fn warning(&mut self, item: Option<&str>, field: &str, lang: Option<&str>, message: impl Into<String>) {
        self.push(Severity::Warning, item, field, lang, message.into());
    }
    /// An error whose effect on the widget is not the one its place implies
    /// (see [`Diagnostic::new`]).
    fn error_with(&mut self, effect: Effect, item: Option<&str>, field: &str, lang: Option<&str>, message: String) {
        self.diagnostics.push(Diagnostic { effect, ..Diagnostic::new(Severity::Error, item, field, lang, message) });
    }
    /// Errors reported since `start` (a length of `diagnostics`) get
    /// `effect`: how much a part of the file takes with it is known only once
    /// the whole part is read.
    fn set_effect_since(&mut self, start: usize, from: Effect, to: Effect) {
        for diagnostic in &mut self.diagnostics[start..] {
            if diagnostic.effect == from {
                diagnostic.effect = to;
            }
        }
    }
    /// Whether an error since `start` has `effect`.
    fn any_since(&self, start: usize, effect: Effect) -> bool {
        self.diagnostics[start..].iter().any(|d| d.effect == effect)
    }
    /// "expected WHAT, found a TYPE", the message for a value of the wrong type.
    fn expected(&mut self, item: Option<&str>, field: &str, lang: Option<&str>, what: &str, found: JsonType) {
        self.error(item, field, lang, format!("expected {what}, found {}", found.described()));
    }
}

/// `s` in double quotes with quotes, backslashes and control characters
/// escaped, so a hostile value cannot break a diagnostic line (and, unlike
/// `{:?}`, printable non-ASCII text stays as written).
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// URL-safe: ASCII letters, digits, `-` and `_`, so an id can stand in a
/// `#fragment`, an element id and a storage key without escaping.
pub fn is_url_safe_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A plausible BCP 47 tag: 2–8 letter primary subtag, then 1–8 alphanumeric subtags.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=8).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Checks a content file and builds the FAQ if nothing blocks it.
pub fn load(file: ContentFile) -> Loaded {
    let mut report = Report::default();
    let faq = read_root(file, &mut report);
    let blocked = report.diagnostics.iter().any(Diagnostic::blocks_rendering);
    Loaded { faq: if blocked { None } else { faq }, diagnostics: report.diagnostics }
}

fn read_root(file: ContentFile, report: &mut Report) -> Option<Faq> {
    let root = match file {
        Field::Valid(root) => root,
        other => {
            report.expected(None, "content", None, "an object", other.json_type());
            return None;
        }
    };
    for key in &root.unknown_fields {
        report.warning(None, key, None, "unknown field, ignored");
    }
    match root.version {
        Field::Missing => report.error(None, "version", None, "missing; this widget reads \"version\": 1"),
        Field::Valid(n) if n == SUPPORTED_VERSION => {}
        Field::Valid(n) if n.fract() == 0.0 && n.abs() < 1e15 => {
            report.error(None, "version", None, format!("unsupported version {}; this widget reads version 1", n as i64))
        }
        Field::Valid(_) => report.error(None, "version", None, "unsupported version; this widget reads version 1"),
        Field::Wrong(found) => report.expected(None, "version", None, "the number 1", found),
    }
    let start = report.diagnostics.len();
    let mut languages = read_languages(root.languages, report);
    // A bad entry among usable ones leaves out that language (read_languages
    // says so); with none usable there is nothing to show.
    if languages.is_empty() {
        report.set_effect_since(start, Effect::LeavesOutPart, Effect::StopsWidget);
    }
    let start = report.diagnostics.len();
    let mut title = match root.title {
        Field::Missing | Field::Wrong(JsonType::Null) => Translations::default(),
        texts => read_translations(texts, None, "title", &languages, report),
    };
    for (lang, text) in &title.0 {
        if text.trim().is_empty() {
            report.error(None, "title", Some(lang), "is empty");
        }
    }
    title.0.retain(|(_, text)| !text.trim().is_empty());
    let strings = read_strings(root.strings, &languages, report);
    report.set_effect_since(start, Effect::StopsWidget, Effect::LeavesOutPart);
    let items = read_items(root.items, &languages, report);
    if languages.is_empty() {
        return None;
    }
    // A language no shown question is written in is not offered (its
    // readers get the default language's texts, as for any missing one).
    languages.retain(|l| items.iter().any(|i| i.question.exact(&l.code).is_some()));
    let title = parsed(title, rich_text::parse_question);
    Some(Faq { languages, title, strings, items })
}

/// Each text parsed into its tree, once.
fn parsed<T>(texts: Translations<String>, parse: impl Fn(&str) -> T) -> Translations<T> {
    Translations(texts.0.into_iter().map(|(lang, text)| (lang, parse(&text))).collect())
}

fn read_languages(field: Field<Vec<Field<RawLanguage>>>, report: &mut Report) -> Vec<Language> {
    let list = match field {
        Field::Valid(list) => list,
        Field::Missing => {
            report.error(None, "languages", None, "missing; list at least one {\"code\", \"name\"}");
            return Vec::new();
        }
        Field::Wrong(found) => {
            report.expected(None, "languages", None, "a list", found);
            return Vec::new();
        }
    };
    if list.is_empty() {
        report.error(None, "languages", None, "is empty; list at least one {\"code\", \"name\"}");
    }
    let mut languages: Vec<Language> = Vec::new();
    let start = report.diagnostics.len();
    for (index, entry) in list.into_iter().enumerate() {
        let field = format!("languages[{index}]");
        let code_field = format!("{field}.code");
        let name_field = format!("{field}.name");
        let entry = match entry {
            Field::Valid(entry) => entry,
            other => {
                report.expected(None, &field, None, "an object", other.json_type());
                continue;
            }
        };
        let code = match entry.code {
            Field::Valid(code) if is_language_tag(&code) => code,
            Field::Valid(code) => {
                let message = format!("{} is not a language tag such as \"en\" or \"es-MX\"", quoted(&code));
                report.error(None, &code_field, None, message);
                continue;
            }
            Field::Wrong(found) => {
                report.expected(None, &code_field, None, "a string", found);
                continue;
            }
            Field::Missing => {
                report.error(None, &code_field, None, "missing");
                continue;
            }
        };
        if languages.iter().any(|l| l.code.eq_ignore_ascii_case(&code)) {
            report.error(None, &code_field, None, format!("language {} is listed twice", quoted(&code)));
            continue;
        }
        let name = match entry.name {
            Field::Valid(name) if !name.trim().is_empty() && name.chars().count() <= MAX_NAME_CHARS => name,
            Field::Valid(name) if name.trim().is_empty() => {
                report.error(None, &name_field, None, "is empty");
                code.clone()
            }
            Field::Valid(_) => {
                report.error(None, &name_field, None, format!("is longer than {MAX_NAME_CHARS} characters"));
                code.clone()
            }
            Field::Wrong(found) => {
                report.expected(None, &name_field, None, "a string", found);
                code.clone()
            }
            Field::Missing => {
                report.error(None, &name_field, None, "missing: the language's name in itself, such as \"Español\"");
                code.clone()
            }
        };
        languages.push(Language { code, name });
    }
    report.set_effect_since(start, Effect::StopsWidget, Effect::LeavesOutPart);
    languages
}

/// Whether the content's `languages` list `lang` (exactly, as keys must name it).
fn is_listed(languages: &[Language], lang: &str) -> bool {
    languages.iter().any(|l| l.code == lang)
}

/// `{lang: text}` in the content's language order; unknown languages are errors.
fn read_translations(
    field: Field<Entries<Field<String>>>,
    item: Option<&str>,
    name: &str,
    languages: &[Language],
    report: &mut Report,
) -> Translations<String> {
    let entries = match field {
        Field::Valid(entries) => entries,
        other => {
            let what = "an object of texts by language, such as {\"en\": \"…\"}";
            report.expected(item, name, None, what, other.json_type());
            return Translations::default();
        }
    };
    let mut found = Vec::new();
    for (lang, text) in entries.0 {
        if !is_listed(languages, &lang) {
            if !languages.is_empty() {
                let message = format!("language {} is not in \"languages\"", quoted(&lang));
                report.error_with(Effect::LeavesOutPart, item, name, Some(&lang), message);
            }
            continue;
        }
        match text {
            Field::Valid(text) => found.push((lang, text)),
            other => report.expected(item, name, Some(&lang), "a string", other.json_type()),
        }
    }
    let mut ordered = Vec::new();
    for Language { code, .. } in languages {
        if let Some(pos) = found.iter().position(|(l, _)| l == code) {
            ordered.push(found.swap_remove(pos));
        }
    }
    Translations(ordered)
}

fn read_strings(field: Field<Entries<Field<Entries<Field<String>>>>>, languages: &[Language], report: &mut Report) -> Vec<UiStrings> {
    let entries = match field {
        Field::Missing | Field::Wrong(JsonType::Null) => return Vec::new(),
        Field::Valid(entries) => entries,
        Field::Wrong(found) => {
            report.expected(None, "strings", None, "an object of texts by language", found);
            return Vec::new();
        }
    };
    let mut all = Vec::new();
    for (lang, texts) in entries.0 {
        if !is_listed(languages, &lang) {
            if !languages.is_empty() {
                report.error(None, "strings", Some(&lang), format!("language {} is not in \"languages\"", quoted(&lang)));
            }
            continue;
        }
        let texts = match texts {
            Field::Valid(texts) => texts,
            other => {
                report.expected(None, "strings", Some(&lang), "an object such as {\"show_all\": \"…\"}", other.json_type());
                continue;
            }
        };
        let mut strings = UiStrings::built_in(&lang);
        for (key, text) in texts.0 {
            let field = format!("strings.{key}");
            let Some(ui_text) = ui_strings::text_for_key(&key) else {
                let keys: Vec<&str> = ui_strings::TEXTS.iter().map(|known| known.1).collect();
                report.error(None, &field, Some(&lang), format!("unknown UI text; the keys are {}", keys.join(", ")));
                continue;
            };
            match text {
                Field::Valid(s) if !s.trim().is_empty() => strings.overrides.push((ui_text, s)),
                Field::Valid(_) => report.error(None, &field, Some(&lang), "is empty"),
                other => report.expected(None, &field, Some(&lang), "a string", other.json_type()),
            }
        }
        all.push(strings);
    }
    all
}

fn read_items(field: Field<Vec<Field<RawItem>>>, languages: &[Language], report: &mut Report) -> Vec<Item> {
    let list = match field {
        Field::Valid(list) => list,
        Field::Missing => {
            report.error(None, "items", None, "missing; list the questions under \"items\"");
            return Vec::new();
        }
        Field::Wrong(found) => {
            report.expected(None, "items", None, "a list", found);
            return Vec::new();
        }
    };
    if list.is_empty() {
        report.error(None, "items", None, "is empty; add at least one question");
        return Vec::new();
    }
    if list.len() > MAX_ITEMS {
        let message = format!("has {} questions; at most {MAX_ITEMS} fit in one FAQ, split it into several files", list.len());
        report.error(None, "items", None, message);
        return Vec::new();
    }
    let mut items: Vec<Item> = Vec::new();
    let mut ids = Vec::new();
    let start = report.diagnostics.len();
    for (index, entry) in list.into_iter().enumerate() {
        if let Some(item) = read_item(entry, index, languages, &mut ids, report) {
            items.push(item);
        }
    }
    if items.is_empty() {
        // Every question was left out: what left each out is what stops the widget.
        report.set_effect_since(start, Effect::LeavesOutQuestion, Effect::StopsWidget);
        return items;
    }
    for Language { code, .. } in languages {
        if items.iter().all(|i| i.question.exact(code).is_none()) {
            let message = "no question is written in this language".into();
            report.error_with(Effect::LeavesOutPart, None, "items", Some(code), message);
        }
    }
    items
}

/// One question, or `None` when a problem of its own leaves it out. `ids`
/// holds every usable id read so far, so a repeated one is found even when
/// the first question that has it was left out.
fn read_item(entry: Field<RawItem>, index: usize, languages: &[Language], ids: &mut Vec<String>, report: &mut Report) -> Option<Item> {
    let start = report.diagnostics.len();
    let position = format!("#{}", index + 1);
    let entry = match entry {
        Field::Valid(entry) => entry,
        other => {
            report.expected(Some(&position), "item", None, "an object", other.json_type());
            return None;
        }
    };
    let id = match entry.id {
        Field::Valid(id) if is_url_safe_id(&id) && id.len() <= MAX_ID_CHARS => Some(id),
        Field::Valid(id) if id.is_empty() => {
            report.error(Some(&position), "id", None, "is empty");
            None
        }
        Field::Valid(id) if id.len() > MAX_ID_CHARS => {
            report.error(Some(&position), "id", None, format!("is longer than {MAX_ID_CHARS} characters"));
            None
        }
        Field::Valid(id) => {
            let rule = "is not URL-safe: use only letters a–z, A–Z, digits, \"-\" and \"_\"";
            report.error(Some(&position), "id", None, format!("{} {rule}", quoted(&id)));
            None
        }
        Field::Wrong(found) => {
            report.expected(Some(&position), "id", None, "a string", found);
            None
        }
        Field::Missing => {
            report.error(Some(&position), "id", None, "missing");
            None
        }
    };
    if let Some(id) = &id {
        if ids.contains(id) {
            report.error(Some(id), "id", None, format!("is used by an earlier question too ({position})"));
        } else {
            ids.push(id.clone());
        }
    }
    let name = id.as_deref().unwrap_or(&position);
    let question = read_text_field(entry.question, name, "question", languages, report);
    for (lang, text) in &question.0 {
        let length = text.trim().chars().count();
        if length == 0 {
            report.error(Some(name), "question", Some(lang), "is empty");
        } else if length > MAX_QUESTION_CHARS {
            let message = format!("has {length} characters; a question may have at most {MAX_QUESTION_CHARS}");
            report.error(Some(name), "question", Some(lang), message);
        }
    }
    let answer = read_text_field(entry.answer, name, "answer", languages, report);
    let mut answer_trees = Vec::new();
    for (lang, text) in &answer.0 {
        let length = text.chars().count();
        let mut blocks = Vec::new();
        if text.trim().is_empty() {
            report.error(Some(name), "answer", Some(lang), "is empty");
        } else if length > MAX_ANSWER_CHARS {
            let message = format!("has {length} characters; an answer may have at most {MAX_ANSWER_CHARS}");
            report.error(Some(name), "answer", Some(lang), message);
        } else {
            let refused;
            (blocks, refused) = rich_text::parse_answer(text);
            for link in refused {
                let message = format!("link {} refused ({}); it shows as plain text", quoted(&link.url), link.reason);
                report.error_with(Effect::ShowsLinkAsText, Some(name), "answer", Some(lang), message);
            }
        }
        answer_trees.push((lang.clone(), blocks));
    }
    if let Some(Language { code: default, .. }) = languages.first() {
        for (field, langs) in [("question", written_in(&question)), ("answer", written_in(&answer))] {
            if langs.is_empty() {
                continue;
            }
            for Language { code, .. } in languages {
                if !langs.contains(&code.as_str()) {
                    let fallback = if langs.contains(&default.as_str()) { default.as_str() } else { langs[0] };
                    let message = format!("missing; readers of {code} see the {fallback} text");
                    report.warning(Some(name), field, Some(code), message);
                }
            }
        }
    }
    let id = id?;
    if question.is_empty() || answer.is_empty() || report.any_since(start, Effect::LeavesOutQuestion) {
        return None;
    }
    let question = parsed(question, rich_text::parse_question);
    Some(Item { id, question, answer: Translations(answer_trees) })
}

/// The languages a text is written in, in the content's order.
fn written_in<T>(texts: &Translations<T>) -> Vec<&str> {
    texts.0.iter().map(|(lang, _)| lang.as_str()).collect()
}

fn read_text_field(
    field: Field<Entries<Field<String>>>,
    item: &str,
    name: &str,
    languages: &[Language],
    report: &mut Report,
) -> Translations<String> {
    if field.is_missing() {
        report.error(Some(item), name, None, "missing");
        return Translations::default();
    }
    let is_object = matches!(field, Field::Valid(_));
    let texts = read_translations(field, Some(item), name, languages, report);
    // With no languages declared, that error alone says it all.
    if texts.is_empty() && is_object && !languages.is_empty() {
        report.error(Some(item), name, None, "has no text in any language");
    }
    texts
}

#[cfg(all(test, not(target_arch = "wasm32")))] // native: the tests read JSON with serde_json
mod tests;
