//! Which questions were open, remembered for the session (as GOV.UK's
//! accordion remembers its sections), and how that merges with a deep link:
//! the storage key, the stored value and how it is read back. The widget's
//! `preferences` module does the sessionStorage calls with these; the rules
//! live here, without web-sys, so they are tested natively.
//!
//! The key names the page and the content, so two FAQs on one page, or one
//! FAQ on two pages, keep their own state: `faq-widget:open <page> <content>`,
//! where `<page>` is the page's URL without its query and fragment (see
//! [`page`]) and `<content>` is `src=<URL as written>` for fetched content,
//! else `id=<host id>`, else the widget's mount number on the page (inline
//! content on a host without an id).
//! The value is the open ids in the order they were opened, separated by
//! spaces (ids are URL-safe, so never contain one); all closed is `""`.

/// The page a URL names: the URL without its query and fragment, which
/// change without the page changing. (sessionStorage is per origin, so in
/// effect this is `location.pathname`.)
pub fn page(url: &str) -> &str {
    // Split on chars: the widget already has that searcher, not a char-set one.
    let before_fragment = url.split('#').next().unwrap_or_default();
    before_fragment.split('?').next().unwrap_or_default()
}

/// The question a page URL's fragment names (`faq.html#second-opinion`).
/// Not checked here: a fragment that names no question (a heading of the
/// page, or nothing) is dropped with the other unknown ids when the content
/// loads. (Browsers keep a text fragment, `#:~:text=…`, out of the URL.)
pub fn deep_link(url: &str) -> Option<&str> {
    url.split_once('#').map(|(_, fragment)| fragment)
}

/// The sessionStorage key of one widget on the page at `url`: its content is
/// `src` when fetched, else the host's `id`, else its `mount_number`.
pub fn storage_key(url: &str, src: Option<&str>, host_id: Option<&str>, mount_number: u32) -> String {
    let content = match (src, host_id.filter(|id| !id.is_empty())) {
        (Some(src), _) => format!("src={src}"),
        (None, Some(id)) => format!("id={id}"),
        (None, None) => format!("{mount_number}"),
    };
    format!("faq-widget:open {} {content}", page(url))
}

/// What is stored for these open ids.
pub fn stored_value(open: &[String]) -> String {
    open.join(" ")
}

/// The ids to open once the content arrives: the remembered ones, then the
/// deep-linked one, which opens even when the reader had closed it. Words of
/// the stored value that name no question (stale ids, or a value written by
/// something else) are dropped with the other unknown ids when the content
/// loads (`Msg::Loaded`).
pub fn initial_open(remembered: Option<&str>, deep_link: Option<&str>) -> Vec<String> {
    let mut open: Vec<String> = Vec::new();
    for id in remembered.unwrap_or_default().split(' ').chain(deep_link) {
        if !id.is_empty() && !open.iter().any(|o| o == id) {
            open.push(id.to_owned());
        }
    }
    open
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_is_the_url_without_query_or_fragment() {
        assert_eq!(page("https://example.org/help/faq.html?utm=1#second"), "https://example.org/help/faq.html");
        assert_eq!(page("https://example.org/help/faq.html#a?b"), "https://example.org/help/faq.html");
        assert_eq!(page("http://127.0.0.1:8080/"), "http://127.0.0.1:8080/");
        assert_eq!(page("about:srcdoc"), "about:srcdoc");
    }

    #[test]
    fn a_fragment_naming_an_id_is_a_deep_link() {
        assert_eq!(deep_link("https://example.org/faq#second-opinion"), Some("second-opinion"));
        assert_eq!(deep_link("https://example.org/faq?x=1#a_1"), Some("a_1"));
        assert_eq!(deep_link("https://example.org/faq?x=y"), None);
        assert_eq!(deep_link("https://example.org/faq#"), Some(""));
    }

    #[test]
    fn the_key_names_the_page_and_the_content() {
        let url = "https://example.org/help.html?lang=es#x";
        let page = "faq-widget:open https://example.org/help.html";
        assert_eq!(storage_key(url, Some("/faq/a.json"), Some("help"), 3), format!("{page} src=/faq/a.json"));
        assert_eq!(storage_key(url, None, Some("help"), 3), format!("{page} id=help"));
        assert_eq!(storage_key(url, None, Some(""), 3), format!("{page} 3"));
        assert_eq!(storage_key(url, None, None, 3), format!("{page} 3"));
        // Another query or fragment is the same page; another path or content is not.
        let same = storage_key("https://example.org/help.html", Some("/faq/a.json"), None, 1);
        assert_eq!(same, storage_key(url, Some("/faq/a.json"), None, 9));
        assert_ne!(same, storage_key("https://example.org/other.html", Some("/faq/a.json"), None, 1));
        assert_ne!(same, storage_key(url, Some("/faq/b.json"), None, 1));
        assert_ne!(storage_key(url, None, None, 1), storage_key(url, None, None, 2));
    }

    #[test]
    fn open_ids_are_stored_and_read_back_in_order() {
        let open = vec!["b".to_string(), "a".to_string()];
        assert_eq!(stored_value(&open), "b a");
        assert_eq!(initial_open(Some(&stored_value(&open)), None), open);
        // Closing every question is stored too, and reads back as none open.
        assert_eq!(stored_value(&[]), "");
        assert!(initial_open(Some(""), None).is_empty());
        assert!(initial_open(None, None).is_empty());
    }

    #[test]
    fn a_deep_link_opens_even_when_the_remembered_state_has_it_closed() {
        assert_eq!(initial_open(Some("a"), Some("b")), ["a", "b"]);
        assert_eq!(initial_open(Some(""), Some("b")), ["b"]);
        assert_eq!(initial_open(None, Some("b")), ["b"]);
        assert_eq!(initial_open(Some("b a"), Some("b")), ["b", "a"], "once");
    }
}
