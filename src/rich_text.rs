//! The answer format: a small, documented Markdown subset, parsed into a tree
//! of [`Block`]s and [`Inline`]s and written back by [`to_source`].
//!
//! This module owns the block rules (paragraphs, hard line breaks, bulleted
//! and numbered lists), the inline rules (strong, emphasis, links, backslash
//! escapes) and which written links become links (through [`link_policy`]).
//! Content files are not trusted, so every function here is total and runs in
//! linear time on any input, anything outside the subset stays literal text,
//! and no character an author wrote is dropped unless it is markup.
//!
//! The inline parser works in three passes over one block's text: parentheses
//! are paired, then brackets find links (whose text is parsed on its own, so
//! emphasis never crosses a link's edge), then runs of `*` and `_` are paired
//! with a delimiter stack in the manner of CommonMark, simplified. Matches are
//! recorded as open/close markers and the tree is built in one final pass,
//! where emphasis nested in emphasis of the same kind is dropped: it adds
//! nothing visible, and it keeps the tree at most a few levels deep whatever
//! the input, so nothing recurses deeply.

use crate::link_policy::{self, LinkTarget};

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    List { ordered: bool, start: u32, items: Vec<Vec<Inline>> },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    Strong(Vec<Inline>),
    Emphasis(Vec<Inline>),
    LineBreak,
    Link { href: String, target: LinkTarget, children: Vec<Inline> },
}

/// A link that was written but refused, so it shows as its literal text.
#[derive(Debug, Clone, PartialEq)]
pub struct RefusedLink {
    pub url: String,
    pub reason: &'static str,
}

/// Why a link whose URL is fine is still refused: a link must say something.
pub const EMPTY_LINK_TEXT: &str = "the link text is empty";

/// A longer digit run is paragraph text, not a list number: nine digits
/// always fit a `u32`, and clamping would change what the author wrote.
const MAX_LIST_DIGITS: usize = 9;

/// Parses an answer into blocks, with the links it refused in source order.
pub fn parse_answer(src: &str) -> (Vec<Block>, Vec<RefusedLink>) {
    let lines: Vec<&str> = src.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let mut blocks = Vec::new();
    let mut refused = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if is_blank(lines[i]) {
            i += 1;
        } else if let Some((ordered, start, _)) = list_item(lines[i]) {
            let mut items = Vec::new();
            while let Some((_, _, first)) = lines.get(i).and_then(|l| list_item(l)).filter(|m| m.0 == ordered) {
                let mut item = vec![first];
                i += 1;
                while let Some(&line) = lines.get(i).filter(|l| is_continuation(l)) {
                    item.push(line);
                    i += 1;
                }
                items.push(parse_inlines(&join_lines(&item), true, &mut refused));
            }
            blocks.push(Block::List { ordered, start, items });
        } else {
            let from = i;
            while lines.get(i).is_some_and(|l| !is_blank(l) && list_item(l).is_none()) {
                i += 1;
            }
            blocks.push(Block::Paragraph(parse_inlines(&join_lines(&lines[from..i]), true, &mut refused)));
        }
    }
    (blocks, refused)
}

/// Parses a question: inline markup only, on one line. Links stay literal
/// because the question is itself a button.
pub fn parse_question(src: &str) -> Vec<Inline> {
    let mut joined = String::new();
    for line in src.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(line);
    }
    parse_inlines(&joined, false, &mut Vec::new())
}

pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.push_str(t),
            Inline::Strong(c) | Inline::Emphasis(c) | Inline::Link { children: c, .. } => {
                out.push_str(&plain_text(c))
            }
            Inline::LineBreak => out.push('\n'),
        }
    }
    out
}

fn is_blank(line: &str) -> bool {
    line.chars().all(char::is_whitespace)
}

/// `(ordered, number, content)` when the line starts a list item.
fn list_item(line: &str) -> Option<(bool, u32, &str)> {
    let rest = line.trim_start_matches(' ');
    if line.len() - rest.len() > 3 {
        return None;
    }
    if let Some(content) = rest.strip_prefix("- ").or_else(|| rest.strip_prefix("* ")) {
        return Some((false, 1, content));
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > MAX_LIST_DIGITS {
        return None;
    }
    let content = rest[digits..].strip_prefix(". ").or_else(|| rest[digits..].strip_prefix(") "))?;
    Some((true, rest[..digits].parse().ok()?, content))
}

fn is_continuation(line: &str) -> bool {
    line.starts_with([' ', '\t']) && !is_blank(line) && list_item(line).is_none()
}

/// Joins a block's lines into the text the inline parser reads, where `\n`
/// stands for a hard line break: it cannot occur otherwise.
fn join_lines(lines: &[&str]) -> String {
    let mut out = String::new();
    let mut separator = None;
    for (k, line) in lines.iter().enumerate() {
        let last = k + 1 == lines.len();
        let backslashes = line.len() - line.trim_end_matches('\\').len();
        // An even run of backslashes is escaped backslashes, not a break.
        let backslash_break = !last && backslashes % 2 == 1;
        let hard = backslash_break || (!last && line.ends_with("  "));
        let content = if backslash_break { &line[..line.len() - 1] } else { line }.trim();
        // A soft break only joins two pieces of text, so it never leaves
        // a space at either end or before a hard break.
        match separator {
            Some('\n') => out.push('\n'),
            Some(sep) if !out.is_empty() && !content.is_empty() => out.push(sep),
            _ => {}
        }
        out.push_str(content);
        separator = Some(if hard { '\n' } else { ' ' });
    }
    out
}

/// A link found by the bracket pass: `[` at `open`, `]` at `mid`, `)` at `close`.
struct Span {
    open: usize,
    mid: usize,
    close: usize,
}

fn parse_inlines(text: &str, links: bool, refused: &mut Vec<RefusedLink>) -> Vec<Inline> {
    let spans = if links { find_links(text.as_bytes()) } else { Vec::new() };
    parse_scope(text, 0, text.len(), &spans, refused)
}

fn is_escape(bytes: &[u8], i: usize) -> bool {
    bytes[i] == b'\\' && bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation)
}

/// Finds the links, in order. Link syntax never depends on emphasis, so this
/// runs first; each pass is a single scan with stacks, so it stays linear.
fn find_links(bytes: &[u8]) -> Vec<Span> {
    let mut parens = Vec::new();
    let mut open = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            _ if is_escape(bytes, i) => i += 1,
            b'(' => open.push(i),
            b')' => {
                if let Some(o) = open.pop() {
                    parens.push((o, i));
                }
            }
            _ => {}
        }
        i += 1;
    }
    parens.sort_unstable();

    let mut spans = Vec::new();
    // Open brackets, and whether each may start a link: `![` may not, since
    // images are outside the subset.
    let mut brackets: Vec<(usize, bool)> = Vec::new();
    let mut bang = None;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            _ if is_escape(bytes, i) => i += 1,
            b'!' => bang = Some(i),
            b'[' => brackets.push((i, !(i > 0 && bang == Some(i - 1)))),
            b']' => {
                let Some((open, may_link)) = brackets.pop() else { i += 1; continue };
                let paren = parens.binary_search_by_key(&(i + 1), |p| p.0);
                if let (true, Ok(k)) = (may_link, paren) {
                    spans.push(Span { open, mid: i, close: parens[k].1 });
                    // Links do not nest, so no earlier bracket can become one.
                    brackets.clear();
                    i = parens[k].1 + 1;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    spans
}

/// One piece of a scope before the tree is built.
enum Piece {
    Text(String),
    Break,
    Node(Inline),
    /// A run of `*` or `_`. `left` characters stay literal; `ends` closes and
    /// `starts` opens nodes (innermost first; `true` is strong).
    Run { ch: u8, left: usize, ends: Vec<bool>, starts: Vec<bool> },
}

/// The inline parser's state for one scope: a block, or one link's text.
#[derive(Default)]
struct Scope {
    pieces: Vec<Piece>,
    text: String,
    /// Runs that may still open: `(piece index, 0 for '*' or 1 for '_')`.
    openers: Vec<(usize, usize)>,
    open_count: [usize; 2],
}

fn parse_scope(s: &str, from: usize, to: usize, spans: &[Span], refused: &mut Vec<RefusedLink>) -> Vec<Inline> {
    let bytes = s.as_bytes();
    let mut scope = Scope::default();
    let mut spans = spans.iter().peekable();
    let mut i = from;
    while i < to {
        if let Some(span) = spans.next_if(|sp| sp.open == i) {
            scope.link(s, span, refused);
            i = span.close + 1;
            continue;
        }
        match bytes[i] {
            _ if i + 1 < to && is_escape(bytes, i) => {
                scope.text.push(char::from(bytes[i + 1]));
                i += 2;
            }
            b'\n' => {
                scope.flush();
                scope.pieces.push(Piece::Break);
                i += 1;
            }
            ch @ (b'*' | b'_') => {
                let end = i + bytes[i..to].iter().take_while(|&&b| b == ch).count();
                let before = s[from..i].chars().next_back();
                let after = s[end..to].chars().next();
                scope.run(ch, before, after, end - i);
                i = end;
            }
            _ => {
                let special = |b: &u8| matches!(b, b'\\' | b'\n' | b'*' | b'_' | b'[');
                let end = bytes[i + 1..to].iter().position(special).map_or(to, |n| i + 1 + n);
                scope.text.push_str(&s[i..end]);
                i = end;
            }
        }
    }
    scope.finish()
}

impl Scope {
    fn flush(&mut self) {
        if !self.text.is_empty() {
            self.pieces.push(Piece::Text(std::mem::take(&mut self.text)));
        }
    }

    fn link(&mut self, s: &str, span: &Span, refused: &mut Vec<RefusedLink>) {
        let url = s[span.mid + 2..span.close].trim();
        let children = parse_scope(s, span.open + 1, span.mid, &[], refused);
        let empty = plain_text(&children).trim().is_empty();
        match link_policy::check_url(url).and_then(|t| if empty { Err(EMPTY_LINK_TEXT) } else { Ok(t) }) {
            Ok(target) => {
                self.flush();
                self.pieces.push(Piece::Node(Inline::Link { href: url.to_owned(), target, children }));
            }
            Err(reason) => {
                refused.push(RefusedLink { url: url.to_owned(), reason });
                for (k, part) in s[span.open..=span.close].split('\n').enumerate() {
                    if k > 0 {
                        self.flush();
                        self.pieces.push(Piece::Break);
                    }
                    self.text.push_str(part);
                }
            }
        }
    }

    /// A run of `len` delimiters: it may close earlier runs and then open.
    fn run(&mut self, ch: u8, before: Option<char>, after: Option<char>, len: usize) {
        let kind = usize::from(ch == b'_');
        let mut can_open = !after.map_or(true, char::is_whitespace);
        let mut can_close = !before.map_or(true, char::is_whitespace);
        if ch == b'_' {
            // Only at word edges, so snake_case_names stay as written.
            can_open &= !before.is_some_and(char::is_alphanumeric);
            can_close &= !after.is_some_and(char::is_alphanumeric);
        }
        self.flush();
        let mut left = len;
        let mut ends = Vec::new();
        while can_close && left > 0 && self.open_count[kind] > 0 {
            let Some(pos) = self.openers.iter().rposition(|o| o.1 == kind) else { break };
            // Runs between the pair can no longer match: they stay literal.
            for &(_, k) in &self.openers[pos + 1..] {
                self.open_count[k] -= 1;
            }
            self.openers.truncate(pos + 1);
            let Some(Piece::Run { left: opener_left, starts, .. }) = self.pieces.get_mut(self.openers[pos].0) else {
                break;
            };
            let strong = left >= 2 && *opener_left >= 2;
            let used = if strong { 2 } else { 1 };
            *opener_left -= used;
            left -= used;
            starts.push(strong);
            ends.push(strong);
            if *opener_left == 0 {
                self.openers.pop();
                self.open_count[kind] -= 1;
            }
        }
        if can_open && left > 0 {
            self.openers.push((self.pieces.len(), kind));
            self.open_count[kind] += 1;
        }
        self.pieces.push(Piece::Run { ch, left, ends, starts: Vec::new() });
    }

    /// Builds the tree from the markers, dropping emphasis nested in its own
    /// kind, and merging adjacent text.
    fn finish(mut self) -> Vec<Inline> {
        self.flush();
        let mut root = Vec::new();
        let mut frames: Vec<(bool, Vec<Inline>)> = Vec::new();
        // How many nodes of each kind (emphasis, strong) are open, counting
        // the dropped ones.
        let mut depth = [0usize; 2];
        for piece in self.pieces {
            match piece {
                Piece::Text(t) => push_text(top(&mut root, &mut frames), t),
                Piece::Break => top(&mut root, &mut frames).push(Inline::LineBreak),
                Piece::Node(node) => top(&mut root, &mut frames).push(node),
                Piece::Run { ch, left, ends, starts } => {
                    for strong in ends {
                        let d = &mut depth[usize::from(strong)];
                        *d = d.saturating_sub(1);
                        if *d == 0 {
                            close_frame(&mut root, &mut frames);
                        }
                    }
                    if left > 0 {
                        push_text(top(&mut root, &mut frames), char::from(ch).to_string().repeat(left));
                    }
                    for &strong in starts.iter().rev() {
                        depth[usize::from(strong)] += 1;
                        if depth[usize::from(strong)] == 1 {
                            frames.push((strong, Vec::new()));
                        }
                    }
                }
            }
        }
        // Every start has its end, so this only guards against a bug.
        while !frames.is_empty() {
            close_frame(&mut root, &mut frames);
        }
        root
    }
}

fn top<'a>(root: &'a mut Vec<Inline>, frames: &'a mut [(bool, Vec<Inline>)]) -> &'a mut Vec<Inline> {
    match frames.last_mut() {
        Some(frame) => &mut frame.1,
        None => root,
    }
}

fn close_frame(root: &mut Vec<Inline>, frames: &mut Vec<(bool, Vec<Inline>)>) {
    if let Some((strong, children)) = frames.pop() {
        let node = if strong { Inline::Strong(children) } else { Inline::Emphasis(children) };
        top(root, frames).push(node);
    }
}

fn push_text(out: &mut Vec<Inline>, text: String) {
    match out.last_mut() {
        Some(Inline::Text(last)) => last.push_str(&text),
        _ if text.is_empty() => {}
        _ => out.push(Inline::Text(text)),
    }
}

/// Writes blocks back in the answer format, escaping literal markup with
/// backslashes, so that [`parse_answer`] gives the same blocks again. Used to
/// normalise content and to test the parser against itself.
pub fn to_source(blocks: &[Block]) -> String {
    let mut out = String::new();
    for (k, block) in blocks.iter().enumerate() {
        if k > 0 {
            out.push_str("\n\n");
        }
        match block {
            Block::Paragraph(inlines) => write_lines(&mut out, &inline_source(inlines), ""),
            Block::List { ordered, start, items } => {
                for (n, item) in items.iter().enumerate() {
                    if n > 0 {
                        out.push('\n');
                    }
                    if *ordered {
                        let n = u32::try_from(n).unwrap_or(u32::MAX);
                        out.push_str(&start.saturating_add(n).min(999_999_999).to_string());
                        out.push_str(". ");
                    } else {
                        out.push_str("- ");
                    }
                    // Four spaces can never start an item, so the lines after
                    // a break always continue this one.
                    write_lines(&mut out, &inline_source(item), "    ");
                }
            }
        }
    }
    out
}

/// Writes inline source where `\n` is a hard break as `\` line ends, and
/// escapes line starts that would otherwise begin a list.
fn write_lines(out: &mut String, text: &str, indent: &str) {
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.push_str("\\\n");
            out.push_str(indent);
        }
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        let numbered = (1..=MAX_LIST_DIGITS).contains(&digits)
            && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "));
        let marker = if numbered {
            Some(digits)
        } else if line.starts_with("- ") || line.starts_with("* ") {
            Some(0)
        } else {
            None
        };
        match marker {
            Some(at) => {
                out.push_str(&line[..at]);
                out.push('\\');
                out.push_str(&line[at..]);
            }
            None => out.push_str(line),
        }
    }
}

fn inline_source(inlines: &[Inline]) -> String {
    let mut out = String::new();
    write_inlines(&mut out, inlines);
    out
}

/// The character classes the parser's flanking rules see, so a stand-in can
/// replace a real neighbour when checking a rendering.
fn class(c: char) -> char {
    if c.is_whitespace() {
        ' '
    } else if c.is_alphanumeric() {
        'a'
    } else {
        '.'
    }
}

fn first_class(inline: Option<&Inline>) -> Option<char> {
    match inline? {
        Inline::Text(t) => t.chars().next().map(class),
        Inline::LineBreak => Some(' '),
        _ => Some('.'),
    }
}

/// Writes one scope (a block's inlines, or a link's text).
fn write_inlines(out: &mut String, inlines: &[Inline]) {
    let scope_start = out.len();
    let mut last_delim = None;
    for (k, inline) in inlines.iter().enumerate() {
        let next = inlines.get(k + 1);
        let delim_before = last_delim.take();
        match inline {
            Inline::Text(t) => escape_text(out, t, matches!(next, Some(Inline::Link { .. }))),
            Inline::LineBreak => out.push('\n'),
            Inline::Link { href, children, .. } => write_link(out, href, children),
            Inline::Strong(_) | Inline::Emphasis(_) => {
                let before = out[scope_start..].chars().next_back().map(class);
                last_delim = Some(write_emphasis(out, inline, before, first_class(next), delim_before));
            }
        }
    }
}

fn write_link(out: &mut String, href: &str, children: &[Inline]) {
    out.push('[');
    write_inlines(out, children);
    out.push_str("](");
    out.push_str(href);
    out.push(')');
}

#[derive(Clone, Copy)]
enum InnerDelim {
    Star,
    Underscore,
    /// `_` where a word edge allows it, else `*`.
    Auto,
    /// `*`, but `_` right after a sibling's `*` where a word edge allows it.
    Alternate,
}

/// Writes a top-level emphasis node with the first choice of delimiters that
/// parses back to the same node between neighbours of the same classes.
///
/// Which of `*` and `_` round-trips depends on the neighbours and on how
/// adjacent runs merge; rather than encode every case, a few fixed choices
/// are tried in order. Each check parses only this node, so the cost stays
/// linear, and since emphasis never nests in its own kind the node is at most
/// two levels deep.
fn write_emphasis(out: &mut String, node: &Inline, before: Option<char>, after: Option<char>, prev_delim: Option<u8>) -> u8 {
    use InnerDelim::*;
    const CHOICES: [(u8, InnerDelim); 8] = [
        (b'*', Auto),
        (b'_', Star),
        (b'*', Alternate),
        (b'*', Star),
        (b'*', Underscore),
        (b'_', Auto),
        (b'_', Alternate),
        (b'_', Underscore),
    ];
    let mut candidate = String::new();
    for (ch, inner) in CHOICES {
        // Two `_` runs in a row would merge into one that cannot close.
        if ch == b'_' && prev_delim == Some(b'_') {
            continue;
        }
        candidate.clear();
        write_node(&mut candidate, node, ch, inner);
        if round_trips(before, &candidate, after, node) {
            out.push_str(&candidate);
            return ch;
        }
    }
    write_node(out, node, b'*', Auto);
    b'*'
}

fn write_node(out: &mut String, node: &Inline, ch: u8, inner: InnerDelim) {
    use InnerDelim::*;
    let (strong, children) = match node {
        Inline::Strong(c) => (true, c),
        Inline::Emphasis(c) => (false, c),
        _ => return,
    };
    let delim = match (ch, strong) {
        (b'*', true) => "**",
        (b'*', false) => "*",
        (_, true) => "__",
        (_, false) => "_",
    };
    out.push_str(delim);
    let mut last_delim = Some(ch);
    for (k, child) in children.iter().enumerate() {
        let next = children.get(k + 1);
        let delim_before = std::mem::take(&mut last_delim);
        match child {
            Inline::Text(t) => escape_text(out, t, matches!(next, Some(Inline::Link { .. }))),
            Inline::LineBreak => out.push('\n'),
            Inline::Link { href, children, .. } => write_link(out, href, children),
            Inline::Strong(_) | Inline::Emphasis(_) => {
                let edges = !out.chars().next_back().is_some_and(char::is_alphanumeric)
                    && first_class(next) != Some('a');
                let c = match inner {
                    Star => b'*',
                    Underscore => b'_',
                    Auto if edges && delim_before != Some(b'_') => b'_',
                    Alternate if edges && k > 0 && delim_before == Some(b'*') => b'_',
                    Auto | Alternate => b'*',
                };
                write_node(out, child, c, Star);
                last_delim = Some(c);
            }
        }
    }
    out.push_str(delim);
}

/// Whether `src` parses back to exactly `node` between stand-in neighbours.
fn round_trips(before: Option<char>, src: &str, after: Option<char>, node: &Inline) -> bool {
    let mut text = String::new();
    text.extend(before);
    text.push_str(src);
    text.extend(after);
    let parsed = parse_inlines(&text, true, &mut Vec::new());
    let mut parsed = parsed.iter();
    let neighbour = |c: Option<char>, got: Option<&Inline>| match (c, got) {
        (None, _) => true,
        (Some(c), Some(Inline::Text(t))) => t.len() == c.len_utf8() && t.starts_with(c),
        _ => false,
    };
    let before_ok = before.is_none() || neighbour(before, parsed.next());
    before_ok && parsed.next() == Some(node) && (after.is_none() || neighbour(after, parsed.next())) && parsed.next().is_none()
}

/// Escapes the characters that could be read as markup here.
fn escape_text(out: &mut String, text: &str, before_link: bool) {
    let mut prev = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let escape = match c {
            '\\' | '[' | ']' => true,
            // Between spaces a `*` can neither open nor close.
            '*' => !(prev.is_some_and(char::is_whitespace) && next.is_some_and(char::is_whitespace)),
            // Inside a word a `_` can neither open nor close.
            '_' => !(prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric)),
            // `![` would make the following link an image.
            '!' => before_link && next.is_none(),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        prev = Some(c);
    }
}
