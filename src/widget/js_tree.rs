//! Reads a parsed JSON value (from `JSON.parse`) into the core's [`Value`]
//! tree by walking it with js-sys. Measured against serde-wasm-bindgen, this
//! keeps serde's error machinery (and the float formatting it pulls in) out
//! of the wasm; see BENCHMARKS.md.

use crate::json_value::Value;
use js_sys::{Array, Object};
use wasm_bindgen::{JsCast, JsValue};

/// Deeper than any content file needs; stops a hostile `[[[[…]]]]` from
/// exhausting the wasm stack.
pub const MAX_DEPTH: u32 = 32;

/// The error past [`MAX_DEPTH`], written out so no number is formatted at
/// run time; the assertion below keeps the two in step.
const TOO_DEEP: &str = "nested more than 32 levels deep";
const _: () = assert!(MAX_DEPTH == 32, "update TOO_DEEP with MAX_DEPTH");

/// `Err` names the path where nesting went past [`MAX_DEPTH`].
pub fn read(value: &JsValue) -> Result<Value, String> {
    read_at(value, 0)
}

fn read_at(value: &JsValue, depth: u32) -> Result<Value, String> {
    if depth > MAX_DEPTH {
        return Err(String::from(TOO_DEEP));
    }
    Ok(if let Some(b) = value.as_bool() {
        Value::Bool(b)
    } else if let Some(n) = value.as_f64() {
        Value::Number(n)
    } else if let Some(s) = value.as_string() {
        Value::String(s)
    } else if Array::is_array(value) {
        let array: &Array = value.unchecked_ref();
        let mut items = Vec::with_capacity(array.length() as usize);
        // Indexed with `get`, not `iter()`: js-sys's iterator is another
        // import and more code, for the same walk.
        for index in 0..array.length() {
            items.push(read_at(&array.get(index), depth + 1)?);
        }
        Value::Array(items)
    } else if value.is_object() {
        let mut entries = Vec::new();
        let pairs = Object::entries(value.unchecked_ref());
        for index in 0..pairs.length() {
            let pair: Array = pairs.get(index).unchecked_into();
            let key = pair.get(0).as_string().unwrap_or_default();
            entries.push((key, read_at(&pair.get(1), depth + 1)?));
        }
        Value::Object(entries)
    } else {
        Value::Null
    })
}
