//! Minifies `src/widget/widget.css` into OUT_DIR for the wasm to embed: its
//! comments and indentation are for us, not for every reader's download.
use std::{env, fs, path::Path};

fn main() {
    let source = "src/widget/widget.css";
    println!("cargo:rerun-if-changed={source}");
    let css = fs::read_to_string(source).expect("read widget.css");
    let mut without_comments = String::with_capacity(css.len());
    let mut rest = css.as_str();
    while let Some(start) = rest.find("/*") {
        without_comments.push_str(&rest[..start]);
        rest = rest[start + 2..].split_once("*/").map_or("", |(_, after)| after);
    }
    without_comments.push_str(rest);
    let mut min = String::with_capacity(without_comments.len());
    for word in without_comments.split_whitespace() {
        let joins = min.ends_with(['{', '}', ';', ':', ',', '>']) || word.starts_with(['{', '}', ';', ',', '>']);
        if !min.is_empty() && !joins {
            min.push(' ');
        }
        min.push_str(word);
    }
    // The last declaration of a block needs no `;`, and `0.5em` reads as `.5em`.
    let min = min.replace(";}", "}");
    let mut shorter = String::with_capacity(min.len());
    let mut prev = ' ';
    let mut chars = min.chars().peekable();
    while let Some(c) = chars.next() {
        let leading_zero = c == '0' && !prev.is_ascii_digit() && prev != '.' && chars.peek() == Some(&'.');
        if !leading_zero {
            shorter.push(c);
        }
        prev = c;
    }
    let min = shorter;
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("widget.min.css");
    fs::write(out, min).expect("write widget.min.css");
}
