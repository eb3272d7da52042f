//! Which link URLs an answer may carry.
//!
//! The allow-list is `http:`/`https:` with a host, `mailto:`, `tel:` and
//! relative links. Everything else is refused, and so is anything that could
//! hide a scheme from this check but not from a browser or an HTML parser
//! (whitespace, control and invisible characters, backslashes, character
//! references): the widget only sets attributes, but `faq build` writes HTML,
//! and a URL dressed up like that is hostile whatever reads it.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkTarget {
    /// `http:`/`https:` with a host: may leave the site.
    External,
    /// Relative path, query or `#fragment`: stays on the host page's site.
    SameSite,
    Mailto,
    Tel,
}

/// No honest FAQ link needs more, and a cap keeps attributes and diagnostics
/// small.
pub const MAX_URL_BYTES: usize = 2_000;

const OTHER_SCHEME: &str =
    "this scheme is not allowed; use http:, https:, mailto:, tel: or a relative link";

/// Named so that authors see at once why the classic attack vectors fail.
const NAMED_SCHEMES: [(&str, &str); 4] = [
    ("javascript", "scheme \"javascript:\" is not allowed; use http:, https:, mailto:, tel: or a relative link"),
    ("data", "scheme \"data:\" is not allowed; use http:, https:, mailto:, tel: or a relative link"),
    ("vbscript", "scheme \"vbscript:\" is not allowed; use http:, https:, mailto:, tel: or a relative link"),
    ("file", "scheme \"file:\" is not allowed; use http:, https:, mailto:, tel: or a relative link"),
];

/// Checks a link URL as written in an answer (surrounding whitespace is
/// ignored) and says where the link leads, or why it is refused.
pub fn check_url(url: &str) -> Result<LinkTarget, &'static str> {
    let url = url.trim();
    if url.is_empty() {
        return Err("the URL is empty");
    }
    if url.len() > MAX_URL_BYTES {
        return Err("the URL is longer than 2,000 bytes");
    }
    let mut markup = false;
    for c in url.chars() {
        // Browsers drop tabs and newlines inside a scheme, and invisible
        // characters make the link read differently from where it goes.
        if c.is_whitespace() || c.is_control() || is_invisible(c) {
            return Err("the URL contains spaces, control characters or invisible characters");
        }
        // Browsers read `\` as `/` (`/\evil.example` leaves the site); the
        // rest would end the attribute or the tag in the HTML that `faq
        // build` writes. Reported only if nothing above is.
        markup |= matches!(c, '\\' | '<' | '>' | '"' | '\'' | '`');
    }
    if markup {
        return Err("the URL contains a backslash, angle bracket, quote or backtick");
    }
    // From here on every rule is about ASCII, so bytes are enough.
    let url = url.as_bytes();
    if has_character_reference(url) {
        return Err("the URL contains an HTML character reference such as &#58; or &colon;");
    }

    let end = url.iter().position(|b| matches!(b, b':' | b'/' | b'?' | b'#'));
    let Some((scheme, [b':', rest @ ..])) = end.and_then(|end| url.split_at_checked(end)) else {
        return match url.strip_prefix(b"//") {
            // Protocol-relative: it names another host, so it leaves the site.
            Some(rest) => check_authority(rest).map(|()| LinkTarget::External),
            None => Ok(LinkTarget::SameSite),
        };
    };
    if !is_scheme(scheme) {
        return Err("the URL has a malformed scheme before \":\"");
    }
    let is = |name: &str| scheme.eq_ignore_ascii_case(name.as_bytes());
    if is("http") || is("https") {
        let rest = rest.strip_prefix(b"//").ok_or("an http: or https: URL needs // and a host")?;
        check_authority(rest).map(|()| LinkTarget::External)
    } else if is("mailto") {
        if rest.is_empty() {
            Err("a mailto: URL needs an address")
        } else {
            Ok(LinkTarget::Mailto)
        }
    } else if is("tel") {
        let allowed = |b: &u8| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'(' | b')' | b'.');
        if rest.iter().any(u8::is_ascii_digit) && rest.iter().all(allowed) {
            Ok(LinkTarget::Tel)
        } else {
            Err("a tel: URL needs a number made of digits and + - ( ) .")
        }
    } else {
        let named = NAMED_SCHEMES.iter().find(|(name, _)| is(name));
        Err(named.map_or(OTHER_SCHEME, |(_, reason)| reason))
    }
}

/// The URL's scheme grammar; anything else before the first `:` (say
/// `%6Aavascript`) is an attempt to slip past the allow-list.
fn is_scheme(s: &[u8]) -> bool {
    match s {
        [first, rest @ ..] => {
            first.is_ascii_alphabetic() && rest.iter().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        }
        [] => false,
    }
}

/// Checks what follows `//`: a host is required, and user info is refused
/// because `https://bank.example@evil.example` reads as the wrong host.
fn check_authority(after_slashes: &[u8]) -> Result<(), &'static str> {
    const BAD: &str = "the URL has a malformed host or port";
    let end = after_slashes.iter().position(|b| matches!(b, b'/' | b'?' | b'#'));
    let authority = after_slashes.get(..end.unwrap_or(after_slashes.len())).unwrap_or_default();
    if authority.contains(&b'@') {
        return Err("the URL has user info before @, which can disguise where the link goes");
    }
    let (host, port) = match authority {
        [b'[', ipv6 @ ..] => {
            let close = ipv6.iter().position(|&b| b == b']').ok_or(BAD)?;
            match ipv6.split_at_checked(close) {
                Some((address, [_])) => (address, &[][..]),
                Some((address, [_, b':', port @ ..])) => (address, port),
                _ => return Err(BAD),
            }
        }
        _ => match authority.iter().rposition(|&b| b == b':') {
            Some(colon) => match authority.split_at_checked(colon) {
                Some((host, [_, port @ ..])) => (host, port),
                _ => (authority, &[][..]),
            },
            None => (authority, &[][..]),
        },
    };
    if host.is_empty() {
        return Err("the URL has no host");
    }
    if !port.iter().all(u8::is_ascii_digit) {
        return Err(BAD);
    }
    Ok(())
}

/// `&#…` (decoded even without `;`) or a named reference like `&colon;`.
fn has_character_reference(url: &[u8]) -> bool {
    let mut rest = url;
    while let [b, after @ ..] = rest {
        rest = after;
        if *b != b'&' {
            continue;
        }
        let name = after.iter().take_while(|c| c.is_ascii_alphanumeric()).count();
        if matches!(after.first(), Some(b'#')) || (name > 0 && matches!(after.get(name), Some(b';'))) {
            return true;
        }
    }
    false
}

/// Format characters that render as nothing or reorder text.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{AD}' | '\u{61C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use LinkTarget::*;

    #[test]
    fn allows_the_four_kinds_of_link() {
        let cases = [
            ("https://example.com", External),
            ("http://example.com/a/b?c=d&e=f#g", External),
            ("HTTPS://EXAMPLE.COM", External),
            ("https://example.com:8080/x", External),
            ("https://[::1]:8080/x", External),
            ("https://[2001:db8::1]", External),
            ("https://bücher.example/", External),
            ("https://en.wikipedia.org/wiki/Rust_(programming_language)", External),
            ("https://medium.com/@someone", External),
            ("//cdn.example.com/x", External),
            ("mailto:help@example.com", Mailto),
            ("MailTo:help@example.com?subject=Hi", Mailto),
            ("tel:+1-555-0100", Tel),
            ("tel:(555)123.4567", Tel),
            ("/faq", SameSite),
            ("./faq.html", SameSite),
            ("../faq.html", SameSite),
            ("faq.html", SameSite),
            ("?q=refunds", SameSite),
            ("#shipping", SameSite),
            ("a/b:c", SameSite),
            ("./javascript:alert(1)", SameSite),
            // Percent-encoding after the scheme position is only a path.
            ("javascript%3Aalert(1)", SameSite),
        ];
        for (url, want) in cases {
            assert_eq!(check_url(url), Ok(want), "{url}");
        }
    }

    #[test]
    fn trims_the_ends_only() {
        assert_eq!(check_url("  https://example.com \n"), Ok(External));
        assert_eq!(check_url("\u{A0}#top\u{3000}"), Ok(SameSite));
        assert!(check_url("https://exa mple.com").is_err());
    }

    #[test]
    fn refuses_other_schemes() {
        for url in [
            "ftp://example.com",
            "blob:https://example.com/x",
            "about:blank",
            "chrome://settings",
            "intent://x",
            "ws://example.com",
            "foo:bar",
        ] {
            assert_eq!(check_url(url), Err(OTHER_SCHEME), "{url}");
        }
        assert!(check_url("file:///etc/passwd").unwrap_err().contains("\"file:\""));
    }

    #[test]
    fn refuses_script_schemes_however_written() {
        let cases = [
            ("javascript:alert(1)", "javascript"),
            ("JAVASCRIPT:alert(1)", "javascript"),
            ("JaVaScRiPt:alert(1)", "javascript"),
            (" javascript:alert(1)", "javascript"),
            ("\n\tjavascript:alert(1)", "javascript"),
            ("\u{A0}javascript:alert(1)", "javascript"),
            ("javascript://%0Aalert(1)", "javascript"),
            ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "data"),
            ("DATA:text/html,<script>", "angle"),
            ("vbscript:msgbox(1)", "vbscript"),
            ("VBScript:msgbox(1)", "vbscript"),
        ];
        for (url, word) in cases {
            let reason = check_url(url).unwrap_err();
            assert!(reason.contains(word), "{url:?}: {reason}");
        }
    }

    #[test]
    fn refuses_owasp_style_obfuscations() {
        for url in [
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "java\rscript:alert(1)",
            "java\u{0}script:alert(1)",
            "\u{1}javascript:alert(1)",
            "javascript\u{7F}:alert(1)",
            "\u{80}javascript:alert(1)",
            "java script:alert(1)",
            "javascript :alert(1)",
            "\u{200B}javascript:alert(1)",
            "java\u{AD}script:alert(1)",
            "\u{FEFF}javascript:alert(1)",
            "\u{202E}javascript:alert(1)",
            "javascript&#58;alert(1)",
            "javascript&#058alert(1)",
            "javascript&#x3A;alert(1)",
            "javascript&colon;alert(1)",
            "&#106;avascript:alert(1)",
            "&#0000106&#0000097vascript:alert(1)",
            "&#x6A;avascript:alert(1)",
            "jav&#x09;ascript:alert(1)",
            "jav&#x0A;ascript:alert(1)",
            "jav&Tab;ascript:alert(1)",
            "%6Aavascript:alert(1)",
            "java%0Ascript:alert(1)",
            "java%09script:alert(1)",
            "1javascript:alert(1)",
            "<javascript:alert(1)>",
            "\"javascript:alert(1)\"",
            "'javascript:alert(1)'",
            "`javascript:alert(1)`",
            "javascript:alert('x')",
            "\\\\evil.example\\x",
            "/\\evil.example",
            "http:\\\\evil.example",
            ":alert(1)",
        ] {
            assert!(check_url(url).is_err(), "{url:?} must be refused");
        }
    }

    #[test]
    fn refuses_broken_allowed_schemes() {
        for url in [
            "https:example.com",
            "http:/example.com",
            "https://",
            "https:///path",
            "https://?q",
            "https://:443/",
            "//",
            "///path",
            "https://user@example.com",
            "https://bank.example@evil.example/",
            "https://example.com:port/",
            "https://[::1/",
            "https://[::1]x/",
            "mailto:",
            "tel:",
            "tel:call-me",
            "tel:()",
            "tel:+1 555 0100",
        ] {
            assert!(check_url(url).is_err(), "{url:?} must be refused");
        }
    }

    /// Where the host and port end, exactly: the checks scan bytes, so the
    /// edges of each piece are pinned here.
    #[test]
    fn host_and_port_edges() {
        for url in ["https://[::1]:", "https://a:", "//a:1:2", "https://a.example:80?x@y", "https://a/@b"] {
            assert_eq!(check_url(url), Ok(External), "{url}");
        }
        for (url, word) in [
            ("https://:", "no host"),
            ("https://[]", "no host"),
            ("https://[::1]]", "malformed host"),
            ("//a@b", "user info"),
            ("tel:1&#", "character reference"),
            ("a&b;", "character reference"),
            ("&#", "character reference"),
        ] {
            assert!(check_url(url).unwrap_err().contains(word), "{url}");
        }
        assert_eq!(check_url("x:&"), Err(OTHER_SCHEME));
        assert_eq!(check_url("a&b"), Ok(SameSite));
    }

    #[test]
    fn refuses_empty_long_and_entity_urls() {
        assert_eq!(check_url(""), Err("the URL is empty"));
        assert_eq!(check_url(" \t\n"), Err("the URL is empty"));
        let path = "a".repeat(MAX_URL_BYTES - "https://x.example/".len());
        assert_eq!(check_url(&format!("https://x.example/{path}")), Ok(External));
        assert!(check_url(&format!("https://x.example/{path}a")).unwrap_err().contains("2,000"));
        assert!(check_url("?a=1&amp;b=2").is_err());
        assert_eq!(check_url("?a=1&b=2&c"), Ok(SameSite));
    }
}
