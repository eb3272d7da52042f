//! Strings built without `core::fmt`: the wasm never links the formatting
//! machinery (about 4 KB brotli with the panic messages it serves), so the
//! core and the widget join their messages from pieces with these instead of
//! `format!`. The `faq` tool, native only, formats as it likes.

use alloc::string::String;

/// The pieces one after another.
pub fn join(pieces: &[&str]) -> String {
    let mut out = String::with_capacity(pieces.iter().map(|p| p.len()).sum());
    for piece in pieces {
        out.push_str(piece);
    }
    out
}

/// `n` in decimal digits.
pub fn decimal(n: u64) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let mut out = String::new();
    for &digit in digits.get(at..).unwrap_or_default() {
        out.push(char::from(digit));
    }
    out
}

/// `n` in lowercase hexadecimal digits.
pub fn hex(n: u32) -> String {
    let mut out = String::new();
    let mut started = false;
    for shift in (0..8).rev() {
        let digit = (n >> (shift * 4)) & 0xF;
        if digit != 0 || started || shift == 0 {
            started = true;
            out.push(char::from_digit(digit, 16).unwrap_or('0'));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_format_writes_them() {
        for n in [0u64, 7, 10, 99, 100, 404, 65_535, 1_000_000, u32::MAX as u64, u64::MAX] {
            assert_eq!(decimal(n), n.to_string());
        }
        for n in [0u32, 9, 0xa, 0x1f, 0x2028, 0x10ffff, u32::MAX] {
            assert_eq!(hex(n), format!("{n:x}"));
        }
    }

    #[test]
    fn pieces_are_joined_in_order() {
        assert_eq!(join(&[]), "");
        assert_eq!(join(&["item ", "a", ": ", "answer (es)"]), "item a: answer (es)");
    }
}
