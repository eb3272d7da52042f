//! The `faq` authoring tool: `check` validates content JSON, `build` makes it
//! from Markdown, `render` writes the static HTML fallback.
//!
//! This file owns the command line, file I/O, output formats and exit codes;
//! the rules live in the library (`content`, `authoring`, `html_render`) so
//! the widget and the tool cannot disagree.

use clap::{Args, Parser, Subcommand};
use faq_widget::authoring::{self, Located, Source};
use faq_widget::content::{self, Faq, Severity};
use faq_widget::html_render::{self, RenderOptions};
use faq_widget::language;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "faq",
    version,
    about = "Check, build and render content for the faq-widget FAQ",
    long_about = "Check, build and render content for the faq-widget FAQ.\n\n\
        Write one Markdown file per language, turn them into the content JSON the \
        widget loads with `faq build`, validate JSON edited by hand with `faq check`, \
        and paste the output of `faq render` inside the widget's host element as the \
        fallback for readers without JavaScript and for search engines.\n\n\
        Exit status: 0 when all is well (warnings allowed), 1 when the content has \
        errors, 2 for usage errors and files that cannot be read or written."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Check(CheckArgs),
    Build(BuildArgs),
    Render(RenderArgs),
}

/// Validate content JSON files and list every problem
#[derive(Args)]
#[command(long_about = "Validate content JSON files and list every problem.\n\n\
    Prints one line per problem, errors first, as `error: FILE: item ID: field (lang): message` \
    or `warning: …`, then a summary per file such as `FILE: 2 errors, 1 warning` or \
    `FILE: ok, 1 warning`. Warnings (a missing translation, an unknown field) do not fail \
    the check; every error does. The widget copes with each as best it can, so that \
    readers keep every answer that can still be shown: a problem in one question (a \
    missing, repeated or unsafe id; a question or answer that is missing, empty, too \
    long or of the wrong type) leaves out that question; a bad title text, UI-text \
    override or language entry, a text in a language `languages` does not list, or a \
    language no question is written in, is left out; a refused link shows as plain \
    text. Only a problem of the file as a whole (not an object, an unknown `version`, \
    no usable language, no question left to show) makes it show its error message \
    instead of the questions.\n\n\
    Exit status: 0 if no file has errors, 1 if any has, 2 if a file cannot be read.")]
struct CheckArgs {
    /// Content JSON files to check
    #[arg(value_name = "FILE.json", required = true)]
    files: Vec<PathBuf>,
}

/// Make content JSON from Markdown files, one per language
#[derive(Args)]
#[command(long_about = "Make content JSON from Markdown files, one per language.\n\n\
    The language code is the last dot-part of the file name before `.md` \
    (`faq.es.md` and `es.md` are Spanish); the first file is the default language. \
    Each file looks like:\n\n\
    \x20   # Optional title\n\n\
    \x20   ## Question text {#id}\n\n\
    \x20   Answer paragraphs, lists, **bold**, *italic* and [links](https://example.org),\n\
    \x20   up to the next `## ` heading.\n\n\
    Every question heading ends with an explicit `{#id}`: questions match across \
    languages by id, and the id is what links and the widget's memory use. The item \
    order is the first file's. A question missing from a later file is a warning (its \
    readers see the default language); one the first file lacks is an error.\n\n\
    Problems print as `faq check` prints them, with `FILE:LINE:` in front. Nothing is \
    written when there is an error.\n\n\
    Exit status: 0 when written, 1 on content errors, 2 for usage errors and I/O failures.")]
struct BuildArgs {
    /// Markdown files, one per language, the default language first
    #[arg(value_name = "LANG.md", required = true)]
    files: Vec<PathBuf>,
    /// Where to write the JSON; `-` for standard output
    #[arg(short, long, value_name = "FILE.json")]
    output: PathBuf,
    /// A language's name in itself, for a code without a built-in one or to
    /// replace it (built in: ar, en, es, fr, ht, ko, pt, ru, tl, vi, zh)
    #[arg(long = "name", value_name = "CODE=NAME", value_parser = parse_name)]
    names: Vec<(String, String)>,
}

/// Write the FAQ as static HTML for readers without JavaScript
#[derive(Args)]
#[command(long_about = "Write the FAQ as static HTML for readers without JavaScript.\n\n\
    Prints an HTML fragment to paste inside the widget's host element \
    (`<div data-faq-src=\"…\">HERE</div>`). Once the widget starts, its shadow root \
    hides the fragment; readers without JavaScript and search engines read it as it is. Each \
    language gets a `<section lang=\"…\">` with the title as `<h2>` and each question \
    as `<h3 id=\"faq-LANG-ID\">` followed by its answer; text that falls back to the \
    default language carries its real `lang`. All text is HTML-escaped.\n\n\
    Content with errors that stop the widget is refused: the problems print on \
    standard error and the exit status is 1.")]
struct RenderArgs {
    /// Content JSON file
    #[arg(value_name = "FILE.json")]
    file: PathBuf,
    /// Only this language (default: every language, the default one first)
    #[arg(long, value_name = "CODE")]
    lang: Option<String>,
    /// Append a schema.org FAQPage as <script type="application/ld+json">
    #[arg(
        long,
        long_help = "Append a schema.org FAQPage as <script type=\"application/ld+json\">, in the \
            --lang language or else the default language.\n\n\
            Google stopped showing FAQ rich results in May 2026, so this block no longer \
            changes how Google shows the page; it only helps other consumers of \
            structured data (other search engines, assistants, crawlers)."
    )]
    json_ld: bool,
    /// Make external links open in a new tab, saying so in the link text
    #[arg(long)]
    new_tab: bool,
}

fn parse_name(arg: &str) -> Result<(String, String), String> {
    match arg.split_once('=') {
        Some((code, name)) if content::is_language_tag(code.trim()) && !name.trim().is_empty() => {
            Ok((code.trim().to_owned(), name.trim().to_owned()))
        }
        _ => Err(format!("expected CODE=NAME such as es=Español, got {arg:?}")),
    }
}

/// One line of output: `error: …` or `warning: …`.
struct Report {
    severity: Severity,
    text: String,
}

impl Report {
    fn error(text: String) -> Report {
        Report { severity: Severity::Error, text }
    }
    fn warning(text: String) -> Report {
        Report { severity: Severity::Warning, text }
    }
}

impl From<Located> for Report {
    fn from(located: Located) -> Report {
        Report { severity: located.severity(), text: located.to_string() }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", self.text)
    }
}

fn plural(count: usize, word: &str) -> String {
    format!("{count} {word}{}", if count == 1 { "" } else { "s" })
}

/// Prints the reports, errors first, and the summary; true if any is an error.
fn print_reports(out: &mut dyn Write, subject: &str, mut reports: Vec<Report>) -> bool {
    reports.sort_by_key(|r| r.severity);
    let errors = reports.iter().filter(|r| r.severity == Severity::Error).count();
    let warnings = reports.len() - errors;
    // A closed pipe (`faq check x | head`) should not turn into a panic.
    for report in &reports {
        let _ = writeln!(out, "{report}");
    }
    let summary = match (errors, warnings) {
        (0, 0) => "ok".to_owned(),
        (0, w) => format!("ok, {}", plural(w, "warning")),
        (e, 0) => plural(e, "error"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    };
    let _ = writeln!(out, "{subject}: {summary}");
    errors > 0
}

/// A usage or I/O failure: exit status 2.
struct Fatal(String);

fn read_bytes(path: &Path) -> Result<Vec<u8>, Fatal> {
    std::fs::read(path).map_err(|e| Fatal(format!("cannot read {}: {e}", path.display())))
}

/// Bytes as text, or the error naming where the encoding breaks.
fn decode<'a>(label: &str, bytes: &'a [u8]) -> Result<&'a str, Report> {
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
        Report::error(format!(
            "{label}:{line}: is not valid UTF-8: byte {offset} (0x{:02X}) does not start a valid character; save the file as UTF-8",
            bytes[offset]
        ))
    })
}

/// Reads and validates a content file: the file-level problems (encoding,
/// JSON syntax) and, when it parsed, what the content model found.
fn load_content(path: &Path) -> Result<(Vec<Report>, Option<content::Loaded>), Fatal> {
    let label = path.display().to_string();
    let bytes = read_bytes(path)?;
    let mut reports = Vec::new();
    let text = match decode(&label, &bytes) {
        Ok(text) => text,
        Err(report) => return Ok((vec![report], None)),
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            reports.push(Report::warning(format!("{label}: starts with a byte-order mark; browsers accept it, but remove it")));
            rest
        }
        None => text,
    };
    let file: content::ContentFile = match serde_json::from_str(text) {
        Ok(file) => file,
        Err(e) => {
            // serde_json's message ends with " at line L column C"; the
            // location goes up front instead, where editors look for it.
            let message = e.to_string();
            let suffix = format!(" at line {} column {}", e.line(), e.column());
            let message = message.strip_suffix(&suffix).unwrap_or(&message);
            // Valid JSON that the content model refuses whole (a field given
            // twice) is not a syntax error: say so.
            let what = if e.is_data() { "cannot be read as content" } else { "is not valid JSON" };
            reports.push(Report::error(format!("{label}:{}:{}: {what}: {message}", e.line(), e.column())));
            return Ok((reports, None));
        }
    };
    let loaded = content::load(file);
    reports.extend(loaded.diagnostics.iter().map(|d| Report { severity: d.severity, text: format!("{label}: {d}") }));
    Ok((reports, Some(loaded)))
}

fn check(args: &CheckArgs) -> u8 {
    let mut status = 0;
    let stdout = std::io::stdout();
    for path in &args.files {
        match load_content(path) {
            Ok((reports, _)) => {
                if print_reports(&mut stdout.lock(), &path.display().to_string(), reports) {
                    status = status.max(1);
                }
            }
            Err(Fatal(message)) => {
                eprintln!("faq: {message}");
                status = 2;
            }
        }
    }
    status
}

fn build(args: &BuildArgs) -> Result<u8, Fatal> {
    let mut texts = Vec::new();
    let mut encoding_problems = Vec::new();
    let mut langs = Vec::new();
    for path in &args.files {
        let label = path.display().to_string();
        let lang = authoring::language_from_path(path).filter(|l| content::is_language_tag(l)).ok_or_else(|| {
            Fatal(format!("cannot tell the language of {label}: end the file name with a language code, such as faq.en.md or es.md"))
        })?;
        let bytes = read_bytes(path)?;
        match decode(&label, &bytes) {
            Ok(text) => texts.push(text.to_owned()),
            Err(report) => {
                encoding_problems.push(report);
                texts.push(String::new());
            }
        }
        langs.push(lang);
    }
    for (code, _) in &args.names {
        if !langs.iter().any(|l| l == code) {
            return Err(Fatal(format!("--name {code}=…: no input file is in {code:?} (the files are in {})", langs.join(", "))));
        }
    }
    let mut names = Vec::new();
    for (path, lang) in args.files.iter().zip(&langs) {
        let given = args.names.iter().rev().find(|(code, _)| code == lang).map(|(_, name)| name.as_str());
        let name = given.or_else(|| authoring::built_in_language_name(lang)).ok_or_else(|| {
            Fatal(format!("no built-in name for language {lang:?} (from {}); give one with --name {lang}=NAME", path.display()))
        })?;
        names.push(name);
    }
    let labels: Vec<String> = args.files.iter().map(|p| p.display().to_string()).collect();
    let sources: Vec<Source> = (0..args.files.len())
        .map(|i| Source { lang: &langs[i], name: names[i], label: &labels[i], text: &texts[i] })
        .collect();

    let to_stdout = args.output.as_os_str() == "-";
    let output_label = if to_stdout { "standard output".to_owned() } else { args.output.display().to_string() };
    // Diagnostics go to stderr: stdout may be the JSON itself. A file that
    // is not text would only add noise about its "missing" questions.
    if !encoding_problems.is_empty() {
        print_reports(&mut std::io::stderr().lock(), &output_label, encoding_problems);
        eprintln!("faq: nothing written");
        return Ok(1);
    }
    let built = authoring::build(&sources);
    let reports = built.diagnostics.into_iter().map(Report::from).collect();
    let failed = print_reports(&mut std::io::stderr().lock(), &output_label, reports);
    let json = match built.json {
        Some(json) if !failed => json,
        _ => {
            eprintln!("faq: nothing written");
            return Ok(1);
        }
    };
    let written = if to_stdout {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(json.as_bytes()).and_then(|()| stdout.flush())
    } else {
        std::fs::write(&args.output, json.as_bytes())
    };
    written.map_err(|e| Fatal(format!("cannot write {output_label}: {e}")))?;
    Ok(0)
}

fn render(args: &RenderArgs) -> Result<u8, Fatal> {
    let label = args.file.display().to_string();
    let (reports, loaded) = load_content(&args.file)?;
    // A static copy is made to stand in for the widget, so it is made only of
    // content that is whole: an error that would leave anything out (the
    // widget's way of coping with it) stops it too. A refused link shows as
    // text in both.
    let whole = |loaded: &content::Loaded| {
        loaded.errors().all(|d| d.effect == content::Effect::ShowsLinkAsText)
    };
    let faq: Option<Faq> = loaded.filter(whole).and_then(|l| l.faq);
    let Some(faq) = faq else {
        print_reports(&mut std::io::stderr().lock(), &label, reports);
        eprintln!("faq: nothing rendered; fix the errors above first");
        return Ok(1);
    };
    if !reports.is_empty() {
        print_reports(&mut std::io::stderr().lock(), &label, reports);
    }
    let codes = faq.language_codes();
    let languages: Vec<String> = match &args.lang {
        Some(wanted) => match language::match_one(&codes, wanted) {
            Some(index) => vec![codes[index].to_owned()],
            None => return Err(Fatal(format!("{label} has no language {wanted:?}; it has {}", codes.join(", ")))),
        },
        None => codes.iter().map(|c| (*c).to_owned()).collect(),
    };
    let json_ld = args.json_ld.then(|| languages.first().cloned().unwrap_or_else(|| faq.default_language().to_owned()));
    let options = RenderOptions { languages, new_tab: args.new_tab, json_ld };
    let html = html_render::render_faq(&faq, &options);
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(html.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|e| Fatal(format!("cannot write standard output: {e}")))?;
    Ok(0)
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = match &cli.command {
        Command::Check(args) => Ok(check(args)),
        Command::Build(args) => build(args),
        Command::Render(args) => render(args),
    };
    match status {
        Ok(code) => ExitCode::from(code),
        Err(Fatal(message)) => {
            eprintln!("faq: {message}");
            ExitCode::from(2)
        }
    }
}
