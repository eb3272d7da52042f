//! Finding an ASCII byte in text with a plain loop. core's `str` searches
//! for a `char` (`split`, `find`, `split_once`) bring its searcher and
//! `memchr` into the wasm; the widget only ever looks for ASCII separators.

/// The first position of `byte` (ASCII) in `text`.
pub fn find(text: &str, byte: u8) -> Option<usize> {
    text.bytes().position(|b| b == byte)
}

/// `text` split around the first `byte` (ASCII), which neither side keeps.
pub fn split_once(text: &str, byte: u8) -> Option<(&str, &str)> {
    let at = find(text, byte)?;
    // An ASCII byte is always a char boundary, so these never fail.
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// The parts of `text` between each `byte` (ASCII), like `str::split`.
pub fn split(text: &str, byte: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    core::iter::from_fn(move || {
        let current = rest?;
        match split_once(current, byte) {
            Some((part, after)) => {
                rest = Some(after);
                Some(part)
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    #[test]
    fn matches_core_for_ascii_separators() {
        for text in ["", "-", "a", "a-b", "-a-", "a--b", "é-ü-", "日本-語"] {
            assert_eq!(split(text, b'-').collect::<Vec<_>>(), text.split('-').collect::<Vec<_>>(), "{text:?}");
            assert_eq!(split_once(text, b'-'), text.split_once('-'), "{text:?}");
            assert_eq!(find(text, b'-'), text.find('-'), "{text:?}");
        }
    }
}
