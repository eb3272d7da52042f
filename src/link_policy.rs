//! Which link URLs an answer may carry. PLACEHOLDER — to be replaced.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkTarget {
    /// `http:`/`https:` with a host: may leave the site.
    External,
    /// Relative path, query or `#fragment`: stays on the host page's site.
    SameSite,
    Mailto,
    Tel,
}

pub fn check_url(url: &str) -> Result<LinkTarget, &'static str> {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        Ok(LinkTarget::External)
    } else if lower.starts_with("mailto:") {
        Ok(LinkTarget::Mailto)
    } else if lower.starts_with("tel:") {
        Ok(LinkTarget::Tel)
    } else if lower.contains(':') {
        Err("only http:, https:, mailto:, tel: and relative links are allowed")
    } else {
        Ok(LinkTarget::SameSite)
    }
}
