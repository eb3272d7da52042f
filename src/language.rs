//! Choosing the language a reader sees, from an ordered list of preferences.
//!
//! The widget gathers the preferences (its `data-faq-lang`, the remembered
//! choice, the host page's `<html lang>`, `navigator.languages`) and this
//! module picks the first one the content offers. Matching follows BCP 47
//! "lookup" loosely: case-insensitive, and a regional preference (`es-MX`)
//! matches its base language (`es`) or another region of it (`es-US`).

/// The primary language subtag as written: `"ES"` for `" ES-mx"`. Compared
/// with `eq_ignore_ascii_case`, so nothing is allocated.
fn primary_subtag(tag: &str) -> &str {
    let tag = tag.trim();
    let end = tag.bytes().position(|b| b == b'-' || b == b'_').unwrap_or(tag.len());
    tag.get(..end).unwrap_or_default()
}

/// Equal ignoring case, with `_` read as `-` (`es_MX` is a common misspelling).
fn same_tag(a: &str, b: &str) -> bool {
    let normal = |c: u8| if c == b'_' { b'-' } else { c.to_ascii_lowercase() };
    let (a, b) = (a.trim().as_bytes(), b.trim().as_bytes());
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| normal(*x) == normal(*y))
}

/// The index in `available` that best answers one preference: an exact tag
/// first, then the same primary language.
pub fn match_one(available: &[&str], preference: &str) -> Option<usize> {
    let wanted = primary_subtag(preference);
    if wanted.is_empty() || wanted == "*" {
        return None;
    }
    available
        .iter()
        .position(|tag| same_tag(tag, preference))
        .or_else(|| available.iter().position(|tag| primary_subtag(tag).eq_ignore_ascii_case(wanted)))
}

/// The index of the first preference that `available` can serve, else 0 (the
/// content's default language).
pub fn negotiate<'a>(available: &[&str], preferences: impl IntoIterator<Item = &'a str>) -> usize {
    preferences
        .into_iter()
        .find_map(|preference| match_one(available, preference))
        .unwrap_or(0)
}

/// Scripts written right to left, by primary language subtag.
const RTL_LANGUAGES: &[&str] = &["ar", "ckb", "dv", "fa", "he", "iw", "ps", "sd", "ug", "ur", "yi"];

pub fn is_rtl(lang: &str) -> bool {
    let primary = primary_subtag(lang);
    RTL_LANGUAGES.iter().any(|rtl| rtl.eq_ignore_ascii_case(primary))
}

/// The `dir` attribute value for text in `lang`.
pub fn direction(lang: &str) -> &'static str {
    if is_rtl(lang) {
        "rtl"
    } else {
        "ltr"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_tag_wins_over_base_language() {
        assert_eq!(match_one(&["es", "es-MX"], "es-mx"), Some(1));
        assert_eq!(match_one(&["es", "es-MX"], "es"), Some(0));
    }

    #[test]
    fn region_subtag_matches_base_language() {
        assert_eq!(match_one(&["en", "es"], "es-MX"), Some(1));
        assert_eq!(match_one(&["en", "es"], "ES_us"), Some(1));
        assert_eq!(match_one(&["en", "es-US"], "es"), Some(1));
    }

    #[test]
    fn no_match_for_other_or_empty_languages() {
        assert_eq!(match_one(&["en", "es"], "fr-CA"), None);
        assert_eq!(match_one(&["en", "es"], ""), None);
        assert_eq!(match_one(&["en", "es"], "*"), None);
        // "e" is not a prefix match for "en".
        assert_eq!(match_one(&["en", "es"], "e"), None);
    }

    #[test]
    fn direction_follows_the_script_of_the_language() {
        assert_eq!(direction("ar-EG"), "rtl");
        assert_eq!(direction("he"), "rtl");
        assert_eq!(direction("es-MX"), "ltr");
        assert!(!is_rtl("arn")); // Mapudungun: Latin script, not Arabic.
    }

    #[test]
    fn first_servable_preference_wins_else_default() {
        assert_eq!(negotiate(&["en", "es"], ["fr", "es-419", "en"]), 1);
        assert_eq!(negotiate(&["en", "es"], ["de", "fr"]), 0);
        assert_eq!(negotiate(&["en", "es"], []), 0);
    }
}
