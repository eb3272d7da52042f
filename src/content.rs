//! The content model (`version: 1`) and its validation.
//!
//! A content file arrives as a [`Value`] tree; [`load`] checks it, collecting
//! every problem as a [`Diagnostic`] that names the item id, field and
//! language, and builds the [`Faq`] the widget renders when nothing blocks it.
//! The widget, `faq check` and `faq build` all go through here, so the rules
//! are stated once.

use crate::json_value::Value;
use crate::rich_text;
use crate::ui_strings::{self, UiStrings, UiText};
use crate::plain_format::{decimal, join};
use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

pub const SUPPORTED_VERSION: f64 = 1.0;
pub const MAX_ITEMS: usize = 1_000;
pub const MAX_ID_CHARS: usize = 100;
pub const MAX_QUESTION_CHARS: usize = 300;
pub const MAX_ANSWER_CHARS: usize = 50_000;
pub const MAX_NAME_CHARS: usize = 100;

/// The limits as messages print them: literal digits, so no message formats
/// a number that never changes. Checked against the numbers at compile time.
const MAX_ITEMS_TEXT: &str = "1000";
const MAX_ID_TEXT: &str = "100";
const MAX_QUESTION_TEXT: &str = "300";
const MAX_ANSWER_TEXT: &str = "50000";
const MAX_NAME_TEXT: &str = "100";
const _: () = assert!(
    reads_as(MAX_ITEMS_TEXT, MAX_ITEMS)
        && reads_as(MAX_ID_TEXT, MAX_ID_CHARS)
        && reads_as(MAX_QUESTION_TEXT, MAX_QUESTION_CHARS)
        && reads_as(MAX_ANSWER_TEXT, MAX_ANSWER_CHARS)
        && reads_as(MAX_NAME_TEXT, MAX_NAME_CHARS)
);

/// Whether `text` is `n` in decimal digits, as `decimal` writes it.
const fn reads_as(text: &str, n: usize) -> bool {
    let digits = text.as_bytes();
    let mut value = 0;
    let mut at = 0;
    while at < digits.len() {
        if !digits[at].is_ascii_digit() || (at == 0 && digits[at] == b'0' && digits.len() > 1) {
            return false;
        }
        value = value * 10 + (digits[at] - b'0') as usize;
        at += 1;
    }
    !digits.is_empty() && value == n
}

#[derive(Debug, Clone, PartialEq)]
pub struct Faq {
    /// In the content's order; the first is the default.
    pub languages: Vec<Language>,
    pub title: Translations,
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
    pub question: Translations,
    /// Source text in the answer format of [`rich_text`].
    pub answer: Translations,
}

/// One text in several languages: `(language code, text)` in the content's
/// language order, only the languages the author wrote.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Translations(pub Vec<(String, String)>);

/// A text with the language it is really in, which differs from the one asked
/// for when it fell back to the default.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Localized<'a> {
    pub text: &'a str,
    pub lang: &'a str,
}

impl Translations {
    pub fn exact(&self, lang: &str) -> Option<&str> {
        self.0.iter().find(|(l, _)| l == lang).map(|(_, t)| t.as_str())
    }

    /// The text in `lang`, else in the default language, else the first written.
    pub fn resolve<'a>(&'a self, lang: &str, default: &str) -> Option<Localized<'a>> {
        let found = self.0.iter().find(|(l, _)| l == lang);
        let found = found.or_else(|| self.0.iter().find(|(l, _)| l == default));
        found.or_else(|| self.0.first()).map(|(l, t)| Localized { text: t, lang: l })
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
    /// An error the widget can still render around (a refused link shows as
    /// text); `faq check` still fails on it.
    pub renderable: bool,
}

impl Diagnostic {
    /// A problem that blocks rendering (errors) or does not (warnings).
    pub fn new(severity: Severity, item: Option<&str>, field: &str, lang: Option<&str>, message: String) -> Diagnostic {
        Diagnostic {
            severity,
            item: item.map(str::to_owned),
            field: field.to_owned(),
            lang: lang.map(str::to_owned),
            message,
            renderable: false,
        }
    }

    pub fn blocks_rendering(&self) -> bool {
        self.severity == Severity::Error && !self.renderable
    }

    /// "field (lang)" as shown to readers and in diagnostics.
    pub fn field_label(&self) -> String {
        match &self.lang {
            Some(lang) => join(&[&self.field, " (", lang, ")"]),
            None => self.field.clone(),
        }
    }

    /// `item ID: field (lang): message`, the shape `faq check` prints after the file name.
    pub fn line(&self) -> String {
        let label = self.field_label();
        match &self.item {
            Some(item) => join(&["item ", item, ": ", &label, ": ", &self.message]),
            None => join(&[&label, ": ", &self.message]),
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

/// Collects diagnostics while walking the tree.
///
/// Validation reports from some fifty places. The recurring message shapes
/// (one literal, "expected …, found …", a quoted value) each have an
/// out-of-line method that assembles the message itself, so a call site
/// passes only borrowed text: each shape was measured smaller in the wasm
/// this way than built at every site.
#[derive(Default)]
struct Report {
    diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// The one place a diagnostic is built: its message arrives as pieces, so
    /// the many call sites pass borrowed text instead of each allocating a
    /// `String` (kept out of line, so it is not copied into each of them).
    #[inline(never)]
    fn push(&mut self, severity: Severity, renderable: bool, item: Option<&str>, field: &str, lang: Option<&str>, message: &[&str]) {
        let diagnostic = Diagnostic::new(severity, item, field, lang, join(message));
        self.diagnostics.push(Diagnostic { renderable, ..diagnostic });
    }
    fn error(&mut self, item: Option<&str>, field: &str, lang: Option<&str>, message: &[&str]) {
        self.push(Severity::Error, false, item, field, lang, message);
    }
    fn warning(&mut self, item: Option<&str>, field: &str, lang: Option<&str>, message: &[&str]) {
        self.push(Severity::Warning, false, item, field, lang, message);
    }
    /// [`Report::error`] with a message in one piece, the most common kind
    /// (one array built here, not at each call).
    #[inline(never)]
    fn error_text(&mut self, item: Option<&str>, field: &str, lang: Option<&str>, message: &str) {
        self.error(item, field, lang, &[message]);
    }
    /// "expected WHAT, found a TYPE", the message for a value of the wrong type.
    #[inline(never)]
    fn error_expected(&mut self, item: Option<&str>, field: &str, lang: Option<&str>, what: &str, found: &Value) {
        self.error(item, field, lang, &["expected ", what, ", found ", found.type_name()]);
    }
    /// A message naming a value from the content: BEFORE, the value [`quoted`], AFTER.
    #[inline(never)]
    fn error_quoting(&mut self, item: Option<&str>, field: &str, lang: Option<&str>, before: &str, value: &str, after: &str) {
        self.error(item, field, lang, &[before, &quoted(value), after]);
    }
    /// [`Report::warning`] with a message in one piece.
    #[inline(never)]
    fn warning_text(&mut self, item: Option<&str>, field: &str, lang: Option<&str>, message: &str) {
        self.warning(item, field, lang, &[message]);
    }
}

/// `s` in double quotes with quotes, backslashes and control characters
/// escaped, so a hostile value cannot break a diagnostic line. (Not `{:?}`:
/// its Unicode tables would weigh on the wasm.)
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') => {
                out.push_str(&join(&["\\u{", &crate::plain_format::hex(c as u32), "}"]))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn char_count(s: &str) -> usize {
    // Counts UTF-8 lead bytes: `chars().count()` would link a larger routine into the wasm.
    s.bytes().filter(|b| (b & 0xC0) != 0x80).count()
}

/// URL-safe: ASCII letters, digits, `-` and `_`, so an id can stand in a
/// `#fragment`, an element id and a storage key without escaping.
pub fn is_url_safe_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A plausible BCP 47 tag: 2–8 letter primary subtag, then 1–8 alphanumeric subtags.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = crate::ascii_split::split(tag, b'-');
    let primary = parts.next().unwrap_or("");
    (2..=8).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Checks a content tree and builds the FAQ if nothing blocks it.
pub fn load(root: &Value) -> Loaded {
    let mut report = Report::default();
    let faq = read_root(root, &mut report);
    let blocked = report.diagnostics.iter().any(Diagnostic::blocks_rendering);
    Loaded { faq: if blocked { None } else { faq }, diagnostics: report.diagnostics }
}

const KNOWN_ROOT_KEYS: &[&str] = &["version", "languages", "title", "strings", "items", "$schema"];

fn read_root(root: &Value, report: &mut Report) -> Option<Faq> {
    let Value::Object(entries) = root else {
        report.error_expected(None, "content", None, "an object", root);
        return None;
    };
    for (key, _) in entries {
        if !KNOWN_ROOT_KEYS.contains(&key.as_str()) {
            report.warning_text(None, key, None, "unknown field, ignored");
        }
    }
    match root.get("version") {
        None => report.error_text(None, "version", None, "missing; this widget reads \"version\": 1"),
        Some(Value::Number(n)) if *n == SUPPORTED_VERSION => {}
        // A whole number (`fract` is std-only, so compared through an integer).
        Some(Value::Number(n)) if *n > -1e15 && *n < 1e15 && *n == (*n as i64) as f64 => {
            let sign = if *n < 0.0 { "-" } else { "" };
            let magnitude = decimal((*n as i64).unsigned_abs());
            report.error(None, "version", None, &["unsupported version ", sign, &magnitude, "; this widget reads version 1"])
        }
        Some(Value::Number(_)) => {
            report.error_text(None, "version", None, "unsupported version; this widget reads version 1")
        }
        Some(other) => report.error_expected(None, "version", None, "the number 1", other),
    }
    let languages = read_languages(root.get("languages"), report);
    let title = match root.get("title") {
        None | Some(Value::Null) => Translations::default(),
        Some(v) => read_translations(v, None, "title", &languages, report),
    };
    for (lang, text) in &title.0 {
        if text.trim().is_empty() {
            report.error_text(None, "title", Some(lang), "is empty");
        }
    }
    let strings = read_strings(root.get("strings"), &languages, report);
    let items = read_items(root.get("items"), &languages, report);
    if languages.is_empty() {
        return None;
    }
    Some(Faq { languages, title, strings, items })
}

fn read_languages(value: Option<&Value>, report: &mut Report) -> Vec<Language> {
    let list = match value {
        Some(Value::Array(list)) => list,
        None => {
            report.error_text(None, "languages", None, "missing; list at least one {\"code\", \"name\"}");
            return Vec::new();
        }
        Some(other) => {
            report.error_expected(None, "languages", None, "a list", other);
            return Vec::new();
        }
    };
    if list.is_empty() {
        report.error_text(None, "languages", None, "is empty; list at least one {\"code\", \"name\"}");
    }
    let mut languages: Vec<Language> = Vec::new();
    for (index, entry) in list.iter().enumerate() {
        let field = join(&["languages[", &decimal(index as u64), "]"]);
        let code_field = join(&[&field, ".code"]);
        let name_field = join(&[&field, ".name"]);
        if !matches!(entry, Value::Object(_)) {
            report.error_expected(None, &field, None, "an object", entry);
            continue;
        }
        let code = match entry.get("code") {
            Some(Value::String(code)) if is_language_tag(code) => code.clone(),
            Some(Value::String(code)) => {
                report.error_quoting(None, &code_field, None, "", code, " is not a language tag such as \"en\" or \"es-MX\"");
                continue;
            }
            Some(other) => {
                report.error_expected(None, &code_field, None, "a string", other);
                continue;
            }
            None => {
                report.error_text(None, &code_field, None, "missing");
                continue;
            }
        };
        if languages.iter().any(|l| l.code.eq_ignore_ascii_case(&code)) {
            report.error_quoting(None, &code_field, None, "language ", &code, " is listed twice");
            continue;
        }
        let name = match entry.get("name") {
            Some(Value::String(name)) if !name.trim().is_empty() && char_count(name) <= MAX_NAME_CHARS => name.clone(),
            Some(Value::String(name)) if name.trim().is_empty() => {
                report.error_text(None, &name_field, None, "is empty");
                code.clone()
            }
            Some(Value::String(_)) => {
                report.error(None, &name_field, None, &["is longer than ", MAX_NAME_TEXT, " characters"]);
                code.clone()
            }
            Some(other) => {
                report.error_expected(None, &name_field, None, "a string", other);
                code.clone()
            }
            None => {
                report.error_text(None, &name_field, None, "missing: the language's name in itself, such as \"Español\"");
                code.clone()
            }
        };
        languages.push(Language { code, name });
    }
    languages
}

/// Whether the content's `languages` list `lang` (exactly, as keys must name it).
fn is_listed(languages: &[Language], lang: &str) -> bool {
    languages.iter().any(|l| l.code == lang)
}

/// `{lang: text}` in the content's language order; unknown languages are errors.
fn read_translations(
    value: &Value,
    item: Option<&str>,
    field: &str,
    languages: &[Language],
    report: &mut Report,
) -> Translations {
    let Value::Object(entries) = value else {
        let what = "an object of texts by language, such as {\"en\": \"…\"}";
        report.error_expected(item, field, None, what, value);
        return Translations::default();
    };
    let mut found = Vec::new();
    for (lang, text) in entries {
        if !is_listed(languages, lang) {
            if !languages.is_empty() {
                report.error_quoting(item, field, Some(lang), "language ", lang, " is not in \"languages\"");
            }
            continue;
        }
        match text {
            Value::String(text) => found.push((lang.clone(), text.clone())),
            other => report.error_expected(item, field, Some(lang), "a string", other),
        }
    }
    let mut ordered = Vec::new();
    for Language { code, .. } in languages {
        if let Some(pos) = found.iter().rposition(|(l, _)| l == code) {
            ordered.push(found.swap_remove(pos));
        }
    }
    Translations(ordered)
}

fn read_strings(value: Option<&Value>, languages: &[Language], report: &mut Report) -> Vec<UiStrings> {
    let entries = match value {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Object(entries)) => entries,
        Some(other) => {
            report.error_expected(None, "strings", None, "an object of texts by language", other);
            return Vec::new();
        }
    };
    let mut all = Vec::new();
    for (lang, texts) in entries {
        if !is_listed(languages, lang) {
            if !languages.is_empty() {
                report.error_quoting(None, "strings", Some(lang), "language ", lang, " is not in \"languages\"");
            }
            continue;
        }
        let Value::Object(texts) = texts else {
            report.error_expected(None, "strings", Some(lang), "an object such as {\"show_all\": \"…\"}", texts);
            continue;
        };
        let mut strings = UiStrings::built_in(lang);
        for (key, text) in texts {
            let field = join(&["strings.", key]);
            let Some(ui_text) = ui_strings::text_for_key(key) else {
                let mut message = String::from("unknown UI text; the keys are ");
                for (index, known) in ui_strings::TEXTS.iter().enumerate() {
                    if index > 0 {
                        message.push_str(", ");
                    }
                    message.push_str(known.1);
                }
                report.error(None, &field, Some(lang), &[&message]);
                continue;
            };
            match text {
                Value::String(s) if !s.trim().is_empty() => strings.overrides.push((ui_text, s.clone())),
                Value::String(_) => report.error_text(None, &field, Some(lang), "is empty"),
                other => report.error_expected(None, &field, Some(lang), "a string", other),
            }
        }
        all.push(strings);
    }
    all
}

fn read_items(value: Option<&Value>, languages: &[Language], report: &mut Report) -> Vec<Item> {
    let list = match value {
        Some(Value::Array(list)) => list,
        None => {
            report.error_text(None, "items", None, "missing; list the questions under \"items\"");
            return Vec::new();
        }
        Some(other) => {
            report.error_expected(None, "items", None, "a list", other);
            return Vec::new();
        }
    };
    if list.is_empty() {
        report.error_text(None, "items", None, "is empty; add at least one question");
        return Vec::new();
    }
    if list.len() > MAX_ITEMS {
        report.error(
            None,
            "items",
            None,
            &[
                "has ",
                &decimal(list.len() as u64),
                " questions; at most ",
                MAX_ITEMS_TEXT,
                " fit in one FAQ, split it into several files",
            ],
        );
        return Vec::new();
    }
    let mut items: Vec<Item> = Vec::new();
    for (index, entry) in list.iter().enumerate() {
        if let Some(item) = read_item(entry, index, languages, &items, report) {
            items.push(item);
        }
    }
    for Language { code, .. } in languages {
        if !items.is_empty() && items.iter().all(|i| i.question.exact(code).is_none()) {
            report.error_text(None, "items", Some(code), "no question is written in this language");
        }
    }
    items
}

fn read_item(entry: &Value, index: usize, languages: &[Language], earlier: &[Item], report: &mut Report) -> Option<Item> {
    let position = join(&["#", &decimal(index as u64 + 1)]);
    if !matches!(entry, Value::Object(_)) {
        report.error_expected(Some(&position), "item", None, "an object", entry);
        return None;
    }
    let id = match entry.get("id") {
        Some(Value::String(id)) if is_url_safe_id(id) && id.len() <= MAX_ID_CHARS => Some(id.clone()),
        Some(Value::String(id)) if id.is_empty() => {
            report.error_text(Some(&position), "id", None, "is empty");
            None
        }
        Some(Value::String(id)) if id.len() > MAX_ID_CHARS => {
            report.error(Some(&position), "id", None, &["is longer than ", MAX_ID_TEXT, " characters"]);
            None
        }
        Some(Value::String(id)) => {
            let rule = " is not URL-safe: use only letters a–z, A–Z, digits, \"-\" and \"_\"";
            report.error_quoting(Some(&position), "id", None, "", id, rule);
            None
        }
        Some(other) => {
            report.error_expected(Some(&position), "id", None, "a string", other);
            None
        }
        None => {
            report.error_text(Some(&position), "id", None, "missing");
            None
        }
    };
    if let Some(id) = &id {
        if earlier.iter().any(|i| &i.id == id) {
            report.error(Some(id), "id", None, &["is used by an earlier question too (", &position, ")"]);
        }
    }
    let name = id.as_deref().unwrap_or(&position);
    let question = read_text_field(entry, name, "question", languages, report);
    for (lang, text) in &question.0 {
        let length = char_count(text.trim());
        if length == 0 {
            report.error_text(Some(name), "question", Some(lang), "is empty");
        } else if length > MAX_QUESTION_CHARS {
            report.error(Some(name), "question", Some(lang), &["has ", &decimal(length as u64), " characters; a question may have at most ", MAX_QUESTION_TEXT]);
        }
    }
    let answer = read_text_field(entry, name, "answer", languages, report);
    for (lang, text) in &answer.0 {
        let length = char_count(text);
        if text.trim().is_empty() {
            report.error_text(Some(name), "answer", Some(lang), "is empty");
        } else if length > MAX_ANSWER_CHARS {
            report.error(Some(name), "answer", Some(lang), &["has ", &decimal(length as u64), " characters; an answer may have at most ", MAX_ANSWER_TEXT]);
        } else {
            for refused in rich_text::parse_answer(text).1 {
                let message = ["link ", &quoted(&refused.url), " refused (", refused.reason, "); it shows as plain text"];
                report.push(Severity::Error, true, Some(name), "answer", Some(lang), &message);
            }
        }
    }
    if let Some(Language { code: default, .. }) = languages.first() {
        for (field, texts) in [("question", &question), ("answer", &answer)] {
            if texts.0.is_empty() {
                continue;
            }
            for Language { code, .. } in languages {
                if texts.exact(code).is_none() {
                    let fallback = texts.resolve(code, default).map(|l| l.lang).unwrap_or(default);
                    report.warning(Some(name), field, Some(code), &["missing; readers of ", code, " see the ", fallback, " text"]);
                }
            }
        }
    }
    let id = id?;
    if question.0.is_empty() || answer.0.is_empty() {
        return None;
    }
    Some(Item { id, question, answer })
}

fn read_text_field(entry: &Value, item: &str, field: &str, languages: &[Language], report: &mut Report) -> Translations {
    match entry.get(field) {
        Some(value) => {
            let texts = read_translations(value, Some(item), field, languages, report);
            // With no languages declared, that error alone says it all.
            if texts.0.is_empty() && matches!(value, Value::Object(_)) && !languages.is_empty() {
                report.error_text(Some(item), field, None, "has no text in any language");
            }
            texts
        }
        None => {
            report.error_text(Some(item), field, None, "missing");
            Translations::default()
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))] // native: the tests read JSON with serde_json
mod tests;
