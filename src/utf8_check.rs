//! Strict UTF-8 checking for fetched content, with the offset of the first
//! bad byte for the console. core's `str::from_utf8` answers the same but is
//! unrolled for speed: about 0.5 KB brotli of wasm, for a check that runs
//! once per content file.

/// Where the first byte sequence that is not UTF-8 starts (what
/// `Utf8Error::valid_up_to` reports), or `None` when all of `bytes` is UTF-8:
/// no overlong forms, no surrogates, nothing above U+10FFFF, no sequence cut
/// short at the end.
pub fn first_invalid(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    while let Some(&lead) = bytes.get(at) {
        // The sequence's length, the payload bits of its lead byte, and the
        // smallest code point it may encode (anything less is overlong).
        let (len, mut code, min) = match lead {
            0x00..=0x7F => (1, u32::from(lead), 0),
            0xC2..=0xDF => (2, u32::from(lead & 0x1F), 0x80),
            0xE0..=0xEF => (3, u32::from(lead & 0x0F), 0x800),
            0xF0..=0xF4 => (4, u32::from(lead & 0x07), 0x1_0000),
            _ => return Some(at),
        };
        for offset in 1..len {
            match bytes.get(at + offset) {
                Some(&next) if next & 0xC0 == 0x80 => code = (code << 6) | u32::from(next & 0x3F),
                _ => return Some(at),
            }
        }
        if code < min || code > 0x10_FFFF || (0xD800..=0xDFFF).contains(&code) {
            return Some(at);
        }
        at += len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn core_answer(bytes: &[u8]) -> Option<usize> {
        core::str::from_utf8(bytes).err().map(|e| e.valid_up_to())
    }

    #[test]
    fn agrees_with_core_on_edge_cases() {
        let cases: &[&[u8]] = &[
            b"",
            b"plain ASCII",
            "¿Qué es una segunda opinión? 日本 🎗️".as_bytes(),
            b"\xC0\x80",             // overlong NUL
            b"\xE0\x80\xAF",         // overlong slash
            b"\xED\xA0\x80",         // surrogate
            b"\xF4\x90\x80\x80",     // above U+10FFFF
            b"\xF5\x80\x80\x80",     // lead byte never used
            b"ok \xE2\x82",          // cut short at the end
            b"ok \xE2\x82 more",     // cut short in the middle
            b"\x80 lone continuation",
            b"\xEF\xBB\xBFwith BOM",
            b"\xF0\x9F\x8E\x97\xEF\xB8\x8F\xFF",
        ];
        for bytes in cases {
            assert_eq!(first_invalid(bytes), core_answer(bytes), "{bytes:?}");
        }
    }

    #[test]
    fn agrees_with_core_on_every_short_sequence() {
        // Every 1- and 2-byte input, and every 3-byte input whose bytes come
        // from the values where UTF-8's rules change.
        let edges = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF];
        for a in 0..=255u8 {
            assert_eq!(first_invalid(&[a]), core_answer(&[a]));
            for b in 0..=255u8 {
                assert_eq!(first_invalid(&[a, b]), core_answer(&[a, b]), "{a:#x} {b:#x}");
            }
        }
        for a in edges {
            for b in edges {
                for c in edges {
                    for d in edges {
                        let bytes = [a, b, c, d];
                        assert_eq!(first_invalid(&bytes), core_answer(&bytes), "{bytes:x?}");
                        assert_eq!(first_invalid(&bytes[..3]), core_answer(&bytes[..3]), "{bytes:x?}");
                    }
                }
            }
        }
    }
}
