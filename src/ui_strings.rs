//! The widget's own words (buttons, status and error messages) in English and
//! Spanish, and the per-language overrides a content file may give.


#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UiText {
    ShowAll,
    HideAll,
    Language,
    Loading,
    ErrorHeading,
    ErrorNetwork,
    ErrorHttp,
    ErrorJson,
    ErrorEncoding,
    ErrorContent,
    ErrorContentItem,
    ErrorInternal,
    TryAgain,
    OpensInNewTab,
}

/// Every text with its key in the content file's `strings` and its built-in
/// English and Spanish. `{status}`, `{field}` and `{item}` are filled in.
pub const TEXTS: &[(UiText, &str, &str, &str)] = &[
    (UiText::ShowAll, "show_all", "Show all", "Mostrar todo"),
    (UiText::HideAll, "hide_all", "Hide all", "Ocultar todo"),
    (UiText::Language, "language", "Language", "Idioma"),
    (UiText::Loading, "loading", "Loading questions…", "Cargando preguntas…"),
    (
        UiText::ErrorHeading,
        "error_heading",
        "These questions could not be shown.",
        "No se pudieron mostrar estas preguntas.",
    ),
    (
        UiText::ErrorNetwork,
        "error_network",
        "The server could not be reached. Check your internet connection and try again.",
        "No se pudo conectar con el servidor. Revise su conexión a internet e inténtelo de nuevo.",
    ),
    (
        UiText::ErrorHttp,
        "error_http",
        "The server could not send the questions (error {status}).",
        "El servidor no pudo enviar las preguntas (error {status}).",
    ),
    (
        UiText::ErrorJson,
        "error_json",
        "The questions file is damaged: it is not valid JSON.",
        "El archivo de preguntas está dañado: no es JSON válido.",
    ),
    (
        UiText::ErrorEncoding,
        "error_encoding",
        "The questions file is damaged: it is not valid UTF-8 text.",
        "El archivo de preguntas está dañado: no es texto UTF-8 válido.",
    ),
    (
        UiText::ErrorContent,
        "error_content",
        "The questions file has a mistake in “{field}”.",
        "El archivo de preguntas tiene un error en “{field}”.",
    ),
    (
        UiText::ErrorContentItem,
        "error_content_item",
        "The questions file has a mistake in question “{item}”, field “{field}”.",
        "El archivo de preguntas tiene un error en la pregunta “{item}”, en el campo “{field}”.",
    ),
    (
        UiText::ErrorInternal,
        "error_internal",
        "Something went wrong inside this FAQ.",
        "Ocurrió un error en esta sección de preguntas frecuentes.",
    ),
    (UiText::TryAgain, "try_again", "Try again", "Intentar de nuevo"),
    (
        UiText::OpensInNewTab,
        "opens_in_new_tab",
        "(opens in a new tab)",
        "(se abre en una pestaña nueva)",
    ),
];

/// The languages with built-in texts; any other falls back to English.
pub const BUILT_IN_LANGUAGES: &[&str] = &["en", "es"];

/// `TEXTS` is in `UiText`'s order, so a text's row is found by its number.
const _: () = {
    let mut row = 0;
    while row < TEXTS.len() {
        assert!(TEXTS[row].0 as usize == row, "TEXTS must list the texts in UiText's order");
        row += 1;
    }
};

fn row(text: UiText) -> Option<&'static (UiText, &'static str, &'static str, &'static str)> {
    TEXTS.get(text as usize)
}

pub fn key_of(text: UiText) -> &'static str {
    row(text).map(|t| t.1).unwrap_or("")
}

pub fn text_for_key(key: &str) -> Option<UiText> {
    TEXTS.iter().find(|t| t.1 == key).map(|t| t.0)
}

/// The built-in text for a language tag; Spanish for any `es-*`, else English.
pub fn built_in(lang: &str, text: UiText) -> &'static str {
    let spanish = crate::language::match_one(&["es"], lang).is_some();
    row(text).map(|t| if spanish { t.3 } else { t.2 }).unwrap_or("")
}

/// The texts for one language: the content's overrides over the built-ins.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UiStrings {
    pub lang: String,
    pub overrides: Vec<(UiText, String)>,
}

impl UiStrings {
    pub fn built_in(lang: &str) -> UiStrings {
        UiStrings { lang: lang.to_owned(), overrides: Vec::new() }
    }

    pub fn get(&self, text: UiText) -> &str {
        self.overrides
            .iter()
            .find(|(t, _)| *t == text)
            .map(|(_, s)| s.as_str())
            .unwrap_or_else(|| built_in(&self.lang, text))
    }

    /// The text with each `{name}` replaced by its value, values inserted as
    /// they are (the widget puts the result in a text node).
    pub fn fill(&self, text: UiText, values: &[(&str, &str)]) -> String {
        let mut out = String::new();
        let mut rest = self.get(text);
        while let Some((before, after)) = rest.split_once('{') {
            out.push_str(before);
            let filled = after.split_once('}').and_then(|(name, after)| {
                let (_, value) = values.iter().find(|(known, _)| *known == name)?;
                Some((value, after))
            });
            match filled {
                Some((value, after)) => {
                    out.push_str(value);
                    rest = after;
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_has_both_languages_and_a_unique_key() {
        for (i, (text, key, en, es)) in TEXTS.iter().enumerate() {
            assert!(!en.is_empty() && !es.is_empty(), "{key}");
            assert_ne!(en, es, "{key} is not translated");
            assert_eq!(text_for_key(key), Some(*text));
            assert!(TEXTS[i + 1..].iter().all(|t| t.1 != *key && t.0 != *text), "{key} twice");
        }
    }

    #[test]
    fn spanish_for_regional_spanish_english_otherwise() {
        assert_eq!(built_in("es-MX", UiText::ShowAll), "Mostrar todo");
        assert_eq!(built_in("fr", UiText::ShowAll), "Show all");
    }

    #[test]
    fn overrides_win_and_placeholders_fill() {
        let strings = UiStrings {
            lang: "es".into(),
            overrides: vec![(UiText::ShowAll, "Ver todas".into())],
        };
        assert_eq!(strings.get(UiText::ShowAll), "Ver todas");
        assert_eq!(strings.get(UiText::HideAll), "Ocultar todo");
        assert_eq!(
            strings.fill(UiText::ErrorHttp, &[("status", "404")]),
            "El servidor no pudo enviar las preguntas (error 404)."
        );
    }
}
