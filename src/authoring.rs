//! Markdown authoring files to content JSON (`faq build`).
//!
//! Authors write one Markdown file per language:
//!
//! ```text
//! # Optional title
//!
//! ## Question text {#id}
//!
//! Answer in the answer format of `rich_text`, up to the next `## ` heading.
//! ```
//!
//! [`build`] turns the files into the content JSON that the widget fetches,
//! matching questions across languages by their explicit `{#id}`. Everything
//! here is pure: the `faq` binary does the reading and writing. The assembled
//! tree goes through [`content::load`], so `faq build` refuses exactly what
//! `faq check` would, with each problem traced back to a file and line.

use crate::content::raw::{Entries, Field, RawContent, RawItem, RawLanguage};
use crate::content::{self, Diagnostic, Severity};
use std::fmt;
use std::path::Path;

/// One language's Markdown file.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The language tag, such as `es`.
    pub lang: &'a str,
    /// The language's name in itself, such as `Español`.
    pub name: &'a str,
    /// How diagnostics name the file: its path as the author typed it.
    pub label: &'a str,
    pub text: &'a str,
}

/// A problem and where the author can fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    pub file: String,
    /// 1-based; `None` when the problem is about something the file lacks.
    pub line: Option<usize>,
    /// In the content model's shape, so `faq build` and `faq check` print alike.
    pub diagnostic: Diagnostic,
}

impl Located {
    pub fn severity(&self) -> Severity {
        self.diagnostic.severity
    }
}

/// `FILE:LINE: item ID: field (lang): message`, as compilers print, so that
/// editors can jump to the line.
impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.diagnostic),
            None => write!(f, "{}: {}", self.file, self.diagnostic),
        }
    }
}

/// What [`build`] made: the JSON text when no error stops it, and every problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Built {
    /// Pretty-printed with a trailing newline, ready to write.
    pub json: Option<String>,
    pub diagnostics: Vec<Located>,
}

/// Names for the languages authors are likely to use, so that the common
/// case needs no `--name`.
const LANGUAGE_NAMES: &[(&str, &str)] = &[
    ("ar", "العربية"),
    ("en", "English"),
    ("es", "Español"),
    ("fr", "Français"),
    ("ht", "Kreyòl ayisyen"),
    ("ko", "한국어"),
    ("pt", "Português"),
    ("ru", "Русский"),
    ("tl", "Tagalog"),
    ("vi", "Tiếng Việt"),
    ("zh", "中文"),
];

/// The name a language calls itself, for the built-in ones; a regional tag
/// (`es-MX`) gets its base language's name.
pub fn built_in_language_name(code: &str) -> Option<&'static str> {
    let primary = code.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    LANGUAGE_NAMES.iter().find(|(c, _)| *c == primary).map(|(_, name)| *name)
}

/// The language code in a Markdown file's name: the last dot-part before
/// `.md`, so `second-opinion.es.md` and `es.md` are both `es`. `None` for
/// other files, so that `faq build faq.json` cannot pass for a language.
pub fn language_from_path(path: &Path) -> Option<String> {
    if !path.extension()?.eq_ignore_ascii_case("md") {
        return None;
    }
    let stem = path.file_stem()?.to_str()?;
    let code = stem.rsplit('.').next()?;
    (!code.is_empty()).then(|| code.to_owned())
}

/// One question as written in one file.
#[derive(Debug, Clone, PartialEq)]
struct Question {
    line: usize,
    id: String,
    text: String,
    answer: String,
}

/// One file, read.
#[derive(Debug, Default, PartialEq)]
struct Document {
    title: Option<(usize, String)>,
    questions: Vec<Question>,
}

fn located(file: &str, line: Option<usize>, severity: Severity, item: Option<&str>, field: &str, lang: Option<&str>, message: String) -> Located {
    Located {
        file: file.to_owned(),
        line,
        diagnostic: Diagnostic::new(severity, item, field, lang, message),
    }
}

/// How a diagnostic names an item: its id, quoted and escaped when it is not
/// URL-safe, so that a hostile id cannot forge or hide a diagnostic line.
fn item_name(id: &str) -> String {
    if content::is_url_safe_id(id) {
        id.to_owned()
    } else {
        format!("{id:?}")
    }
}

/// `Question text {#id}` → (`Question text`, `id`).
fn split_heading_id(heading: &str) -> Option<(&str, &str)> {
    let heading = heading.trim_end();
    let without_brace = heading.strip_suffix('}')?;
    let open = without_brace.rfind("{#")?;
    Some((without_brace[..open].trim(), without_brace[open + 2..].trim()))
}

/// Blank-line runs become one blank line and the ends are trimmed; the other
/// lines stay exactly as written, trailing spaces included, since two
/// trailing spaces are a hard break.
fn answer_text(lines: &[&str]) -> String {
    let mut kept: Vec<&str> = Vec::new();
    for line in lines {
        let blank = line.trim().is_empty();
        if blank && kept.last().map_or(true, |last| last.is_empty()) {
            continue;
        }
        kept.push(if blank { "" } else { line });
    }
    while kept.last() == Some(&"") {
        kept.pop();
    }
    kept.join("\n")
}

fn parse_document(source: &Source, problems: &mut Vec<Located>) -> Document {
    let text = source.text.strip_prefix('\u{feff}').unwrap_or(source.text);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let file = source.label;
    let lang = Some(source.lang);
    let mut document = Document::default();
    // The question being read, `None` before the first one; a heading without
    // an id still opens a (discarded) question so its answer is not mistaken
    // for stray text.
    let mut current: Option<(Option<Question>, Vec<&str>)> = None;
    let mut stray_text_reported = false;
    fn finish(current: Option<(Option<Question>, Vec<&str>)>, document: &mut Document) {
        if let Some((Some(mut question), lines)) = current {
            question.answer = answer_text(&lines);
            document.questions.push(question);
        }
    }
    for (index, line) in text.split('\n').enumerate() {
        let number = index + 1;
        if let Some(heading) = line.strip_prefix("## ").or((line.trim_end() == "##").then_some("")) {
            finish(current.take(), &mut document);
            let question = match split_heading_id(heading) {
                Some((_, id)) if document.questions.iter().any(|q| q.id == id) => {
                    let first = document.questions.iter().find(|q| q.id == id).map_or(0, |q| q.line);
                    problems.push(located(file, Some(number), Severity::Error, Some(&item_name(id)), "id", None, format!("is used by an earlier question too (line {first})")));
                    None
                }
                Some((text, id)) => Some(Question { line: number, id: id.to_owned(), text: text.to_owned(), answer: String::new() }),
                None => {
                    problems.push(located(
                        file,
                        Some(number),
                        Severity::Error,
                        None,
                        "question",
                        lang,
                        "has no id: end the heading with one, such as {#refunds}, so links to it and the other languages can find it".into(),
                    ));
                    None
                }
            };
            current = Some((question, Vec::new()));
        } else if let Some(title) = line.strip_prefix("# ").or((line.trim_end() == "#").then_some("")) {
            if current.is_some() || document.title.is_some() || stray_text_reported {
                problems.push(located(file, Some(number), Severity::Error, None, "title", lang, "only one \"# \" title may be given, before the first question".into()));
            } else {
                document.title = Some((number, title.trim().to_owned()));
            }
        } else if let Some((_, lines)) = &mut current {
            lines.push(line);
        } else if !line.trim().is_empty() && !stray_text_reported {
            stray_text_reported = true;
            problems.push(located(
                file,
                Some(number),
                Severity::Error,
                None,
                "text",
                lang,
                "comes before the first question; start each question with \"## Question text {#id}\"".into(),
            ));
        }
    }
    finish(current.take(), &mut document);
    document
}

fn string(text: &str) -> Field<String> {
    Field::Valid(text.to_owned())
}

/// Where to point the author for a problem found in the assembled content.
fn locate(
    diagnostic: Diagnostic,
    sources: &[Source],
    documents: &[Document],
    item_ids: &[String],
) -> Located {
    let index = diagnostic
        .lang
        .as_deref()
        .and_then(|lang| sources.iter().position(|s| s.lang == lang))
        .unwrap_or(0);
    // Items without a usable id are named by position (`#3`) in the item
    // list, which is the first file's order.
    let id = diagnostic.item.as_deref().map(|item| {
        item.strip_prefix('#')
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| item_ids.get(n.checked_sub(1)?))
            .map_or(item, String::as_str)
    });
    let line_in = |document: &Document| match id {
        Some(id) => document.questions.iter().find(|q| q.id == id).map(|q| q.line),
        None if diagnostic.field == "title" => document.title.as_ref().map(|(line, _)| *line),
        None => None,
    };
    let (file, line) = match line_in(&documents[index]) {
        Some(line) => (index, Some(line)),
        // A problem with the item as a whole is found at its first-file heading.
        None if diagnostic.lang.is_none() => (0, line_in(&documents[0])),
        None => (index, None),
    };
    Located { file: sources[file].label.to_owned(), line, diagnostic }
}

/// The content JSON for Markdown files, one per language, the first being
/// the default language; no JSON when any problem is an error.
pub fn build(sources: &[Source]) -> Built {
    let mut problems = Vec::new();
    let mut kept: Vec<Source> = Vec::new();
    for source in sources {
        match kept.iter().find(|k| k.lang.eq_ignore_ascii_case(source.lang)) {
            Some(earlier) => problems.push(located(
                source.label,
                None,
                Severity::Error,
                None,
                "language",
                Some(source.lang),
                format!("is given by {} too; give each language one file", earlier.label),
            )),
            None => kept.push(*source),
        }
    }
    let sources = kept;
    let documents: Vec<Document> = sources.iter().map(|s| parse_document(s, &mut problems)).collect();
    let Some(first) = documents.first() else {
        return Built { json: None, diagnostics: problems };
    };
    let default_lang = sources[0].lang;

    for (source, document) in sources.iter().zip(&documents).skip(1) {
        for question in &document.questions {
            if !first.questions.iter().any(|q| q.id == question.id) {
                problems.push(located(
                    source.label,
                    Some(question.line),
                    Severity::Error,
                    Some(&item_name(&question.id)),
                    "question",
                    Some(source.lang),
                    format!("is not in {}, the first file; items match across languages by id", sources[0].label),
                ));
            }
        }
        match (&first.title, &document.title) {
            (Some(_), None) => problems.push(located(
                source.label,
                None,
                Severity::Warning,
                None,
                "title",
                Some(source.lang),
                format!("missing; readers of {} see the {default_lang} title", source.lang),
            )),
            (None, Some((line, _))) => problems.push(located(
                source.label,
                Some(*line),
                Severity::Warning,
                None,
                "title",
                Some(source.lang),
                format!("{} has no title, so its readers see this one", sources[0].label),
            )),
            _ => {}
        }
    }

    let in_each_language = |text: fn(&Question) -> &str, id: &str| {
        let texts = sources
            .iter()
            .zip(&documents)
            .filter_map(|(source, document)| {
                let question = document.questions.iter().find(|q| q.id == id)?;
                Some((source.lang.to_owned(), string(text(question))))
            })
            .collect();
        Field::Valid(Entries(texts))
    };
    let item_ids: Vec<String> = first.questions.iter().map(|q| q.id.clone()).collect();
    let items = item_ids
        .iter()
        .map(|id| {
            Field::Valid(RawItem {
                id: string(id),
                question: in_each_language(|q| &q.text, id),
                answer: in_each_language(|q| &q.answer, id),
            })
        })
        .collect();
    let languages = sources
        .iter()
        .map(|s| Field::Valid(RawLanguage { code: string(s.lang), name: string(s.name) }))
        .collect();
    let titles: Vec<(String, Field<String>)> = sources
        .iter()
        .zip(&documents)
        .filter_map(|(source, document)| Some((source.lang.to_owned(), string(&document.title.as_ref()?.1))))
        .collect();
    let root = RawContent {
        version: Field::Valid(content::SUPPORTED_VERSION),
        languages: Field::Valid(languages),
        title: if titles.is_empty() { Field::Missing } else { Field::Valid(Entries(titles)) },
        items: Field::Valid(items),
        ..RawContent::default()
    };

    let loaded = content::load(Field::Valid(root.clone()));
    problems.extend(loaded.diagnostics.into_iter().map(|d| locate(d, &sources, &documents, &item_ids)));
    let json = if problems.iter().any(|p| p.severity() == Severity::Error) {
        None
    } else {
        Some(to_pretty_json(&root))
    };
    Built { json, diagnostics: problems }
}

/// Pretty JSON (2-space indent, real UTF-8, trailing newline), keys in the
/// model's field order.
pub fn to_pretty_json(content: &RawContent) -> String {
    let mut text = serde_json::to_string_pretty(content).expect("content always serializes");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rich_text;

    fn source<'a>(lang: &'a str, label: &'a str, text: &'a str) -> Source<'a> {
        Source { lang, name: built_in_language_name(lang).unwrap_or(lang), label, text }
    }

    fn lines(built: &Built) -> Vec<String> {
        built.diagnostics.iter().map(|d| format!("{:?}: {d}", d.severity())).collect()
    }

    const EN: &str = "# Help\n\n## Who are you? {#who}\n\nWe are *us*.\n\n## Why? {#why}\n\nBecause.\n";
    const ES: &str = "# Ayuda\n\n## ¿Quiénes son? {#who}\n\nSomos *nosotros*.\n\n## ¿Por qué? {#why}\n\nPorque.\n";

    #[test]
    fn two_languages_build_the_documented_json() {
        let built = build(&[source("en", "en.md", EN), source("es", "es.md", ES)]);
        assert!(built.diagnostics.is_empty(), "{:?}", lines(&built));
        let expected = r#"{
  "version": 1,
  "languages": [
    {
      "code": "en",
      "name": "English"
    },
    {
      "code": "es",
      "name": "Español"
    }
  ],
  "title": {
    "en": "Help",
    "es": "Ayuda"
  },
  "items": [
    {
      "id": "who",
      "question": {
        "en": "Who are you?",
        "es": "¿Quiénes son?"
      },
      "answer": {
        "en": "We are *us*.",
        "es": "Somos *nosotros*."
      }
    },
    {
      "id": "why",
      "question": {
        "en": "Why?",
        "es": "¿Por qué?"
      },
      "answer": {
        "en": "Because.",
        "es": "Porque."
      }
    }
  ]
}
"#;
        assert_eq!(built.json.as_deref(), Some(expected));
    }

    #[test]
    fn output_loads_back_into_the_same_faq() {
        let built = build(&[source("en", "en.md", EN), source("es", "es.md", ES)]);
        let faq = content::load(serde_json::from_str(built.json.as_deref().unwrap()).unwrap()).faq.unwrap();
        let question = faq.item("who").unwrap().question.exact("es").unwrap();
        assert_eq!(rich_text::plain_text(question), "¿Quiénes son?");
        assert_eq!(rich_text::plain_text(faq.title.exact("en").unwrap()), "Help");
    }

    #[test]
    fn answers_keep_lines_and_collapse_blank_runs() {
        let text = "## Q {#q}\r\n\r\n\r\nline one  \r\nline two\r\n   \r\n\r\n- a\r\n- b\r\n\r\n\r\n";
        let built = build(&[source("en", "en.md", text)]);
        let file: content::ContentFile = serde_json::from_str(built.json.as_deref().unwrap()).unwrap();
        let Field::Valid(raw) = &file else { panic!("an object") };
        let Field::Valid(items) = &raw.items else { panic!("items") };
        let Field::Valid(item) = &items[0] else { panic!("an item") };
        let Field::Valid(answers) = &item.answer else { panic!("answers") };
        assert_eq!(answers.0, vec![("en".to_string(), string("line one  \nline two\n\n- a\n- b"))]);
        let faq = content::load(file).faq.unwrap();
        assert_eq!(faq.items[0].answer.exact("en"), Some(&rich_text::parse_answer("line one  \nline two\n\n- a\n- b").0));
    }

    #[test]
    fn no_title_means_no_title_key_and_a_bom_is_ignored() {
        let built = build(&[source("en", "en.md", "\u{feff}## Q {#q}\nA\n")]);
        let json = built.json.unwrap();
        assert!(!json.contains("title"), "{json}");
        assert!(json.contains("\"id\": \"q\""));
    }

    #[test]
    fn heading_without_id_is_an_error_at_its_line() {
        let built = build(&[source("en", "en.md", "# T\n\n## Has an id {#a}\n\nA.\n\n## No id here\n\nB.\n")]);
        assert_eq!(built.json, None);
        assert_eq!(
            lines(&built),
            vec!["Error: en.md:7: question (en): has no id: end the heading with one, such as {#refunds}, so links to it and the other languages can find it"]
        );
    }

    #[test]
    fn stray_text_and_a_second_title_are_errors() {
        let built = build(&[source("en", "en.md", "# T\nintro\nmore\n# Again\n## Q {#q}\nA\n# Late\n")]);
        assert_eq!(
            lines(&built),
            vec![
                "Error: en.md:2: text (en): comes before the first question; start each question with \"## Question text {#id}\"",
                "Error: en.md:4: title (en): only one \"# \" title may be given, before the first question",
                "Error: en.md:7: title (en): only one \"# \" title may be given, before the first question",
            ]
        );
    }

    #[test]
    fn ids_match_across_files_by_id() {
        let es = "## ¿Por qué? {#why}\n\nPorque.\n\n## Extra {#extra}\n\nNo.\n";
        let built = build(&[source("en", "en.md", EN), source("es", "es.md", es)]);
        assert_eq!(built.json, None);
        assert_eq!(
            lines(&built),
            vec![
                "Error: es.md:5: item extra: question (es): is not in en.md, the first file; items match across languages by id",
                "Warning: es.md: title (es): missing; readers of es see the en title",
                "Warning: es.md: item who: question (es): missing; readers of es see the en text",
                "Warning: es.md: item who: answer (es): missing; readers of es see the en text",
            ]
        );
    }

    #[test]
    fn a_missing_translation_only_warns_and_keeps_the_first_files_order() {
        let es = "## ¿Por qué? {#why}\n\nPorque.\n";
        let built = build(&[source("en", "en.md", EN), source("es", "es.md", es)]);
        let json = built.json.expect("warnings do not stop the build");
        assert!(json.find("\"who\"").unwrap() < json.find("\"why\"").unwrap());
        assert_eq!(built.diagnostics.iter().filter(|d| d.severity() == Severity::Warning).count(), 3);
    }

    #[test]
    fn content_problems_point_at_the_file_and_line() {
        let en = "## Q {#bad id}\n\nA\n\n## {#empty}\n\nA\n\n## Dup {#d}\n\nA\n\n## Dup again {#d}\n\nB\n\n## No answer {#na}\n";
        let built = build(&[source("en", "en.md", en)]);
        assert_eq!(
            lines(&built),
            vec![
                "Error: en.md:13: item d: id: is used by an earlier question too (line 9)",
                "Error: en.md:1: item #1: id: \"bad id\" is not URL-safe: use only letters a–z, A–Z, digits, \"-\" and \"_\"",
                "Error: en.md:5: item empty: question (en): is empty",
                "Error: en.md:17: item na: answer (en): is empty",
            ]
        );
    }

    #[test]
    fn hostile_ids_are_quoted_in_diagnostics() {
        let es = "## A {#x\u{202E}y}\n\nB\n\n## A {#x\u{202E}y}\n\nB\n";
        let built = build(&[source("en", "en.md", "## Q {#q}\n\nA\n"), source("es", "es.md", es)]);
        assert_eq!(
            lines(&built)[..2],
            [
                "Error: es.md:5: item \"x\\u{202e}y\": id: is used by an earlier question too (line 1)",
                "Error: es.md:1: item \"x\\u{202e}y\": question (es): is not in en.md, the first file; items match across languages by id",
            ]
        );
    }

    proptest::proptest! {
        /// Whatever an author types, build answers with JSON or with errors,
        /// and its JSON always passes the content checks it was built with.
        #[test]
        fn any_markdown_builds_or_explains_why(text in "(## |# |\\{#|[a-c]|\\}|\n|\r| |\\PC)*") {
            let built = build(&[source("en", "en.md", &text), source("es", "es.md", &text)]);
            let has_errors = built.diagnostics.iter().any(|d| d.severity() == Severity::Error);
            proptest::prop_assert_eq!(built.json.is_some(), !has_errors);
            if let Some(json) = built.json {
                let loaded = content::load(serde_json::from_str(&json).unwrap());
                proptest::prop_assert!(loaded.faq.is_some());
            }
        }
    }

    #[test]
    fn the_same_language_twice_is_an_error() {
        let built = build(&[source("en", "a.en.md", EN), source("EN", "b.en.md", EN)]);
        assert_eq!(built.json, None);
        assert_eq!(lines(&built), vec!["Error: b.en.md: language (EN): is given by a.en.md too; give each language one file"]);
    }

    #[test]
    fn language_codes_and_names_from_file_names() {
        assert_eq!(language_from_path(Path::new("www/second-opinion.es.md")).as_deref(), Some("es"));
        assert_eq!(language_from_path(Path::new("es.md")).as_deref(), Some("es"));
        assert_eq!(language_from_path(Path::new("faq.pt-BR.MD")).as_deref(), Some("pt-BR"));
        assert_eq!(language_from_path(Path::new("faq.en.json")), None);
        assert_eq!(language_from_path(Path::new("en")), None);
        assert_eq!(built_in_language_name("pt-BR"), Some("Português"));
        assert_eq!(built_in_language_name("ht"), Some("Kreyòl ayisyen"));
        assert_eq!(built_in_language_name("xx"), None);
    }

    #[test]
    fn json_writer_keeps_key_order_and_whole_numbers() {
        let texts = Entries(vec![("z".to_string(), string("ñ\"<")), ("a".to_string(), string("b"))]);
        let content = RawContent { version: Field::Valid(1.0), title: Field::Valid(texts), ..RawContent::default() };
        let expected = "{\n  \"version\": 1,\n  \"title\": {\n    \"z\": \"ñ\\\"<\",\n    \"a\": \"b\"\n  }\n}\n";
        assert_eq!(to_pretty_json(&content), expected);
        let fraction = RawContent { version: Field::Valid(0.5), ..RawContent::default() };
        assert_eq!(to_pretty_json(&fraction), "{\n  \"version\": 0.5\n}\n");
    }
}
