//! The content file as written: serde types that say what a file may hold,
//! read by serde_json in the `faq` tool and by serde-wasm-bindgen in the
//! widget, and written back by `faq build`.
//!
//! They are permissive on purpose. Every field is a [`Field`], which keeps a
//! value of the wrong JSON type as the [`JsonType`] it was instead of failing,
//! and a missing key as [`Field::Missing`], so that one pass over a file can
//! report every problem in it; texts by language are [`Entries`], which keep
//! the file's key order. Validation (`content::load`) then turns these into
//! the checked model.
//!
//! Nesting depth is guarded by the types themselves: they are at most six
//! levels deep, and a value of the wrong type, or under a key the model does
//! not know, is skipped with [`IgnoredAny`] rather than read. serde_json
//! skips such a value with a loop, not recursion, and serde-wasm-bindgen
//! without looking inside the JavaScript value at all. So however deeply a
//! hostile file nests, reading it never recurses deeper than the model, and
//! the problem is reported where it is ("expected a string, found a list"):
//! `tests/cli.rs` and the widget's browser tests hold both readers to that
//! with content nested 100,000 levels deep.

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::fmt;
use std::marker::PhantomData;

/// The whole file: `{"version": 1, "languages": […], "title": {…}, "strings": {…}, "items": […]}`.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct RawContent {
    #[serde(skip_serializing_if = "Field::is_missing", serialize_with = "whole_number")]
    pub version: Field<f64>,
    #[serde(skip_serializing_if = "Field::is_missing")]
    pub languages: Field<Vec<Field<RawLanguage>>>,
    /// `null` reads as no title.
    #[serde(skip_serializing_if = "Field::is_missing")]
    pub title: Field<Entries<Field<String>>>,
    /// The widget's own words replaced, by language then by key (`show_all`…);
    /// `null` reads as none.
    #[serde(skip_serializing_if = "Field::is_missing")]
    pub strings: Field<Entries<Field<Entries<Field<String>>>>>,
    #[serde(skip_serializing_if = "Field::is_missing")]
    pub items: Field<Vec<Field<RawItem>>>,
    /// Keys the model does not know (`$schema` aside), in file order: each is
    /// a warning, never an error, so a newer file still loads.
    #[serde(skip)]
    pub unknown_fields: Vec<String>,
}

/// One entry of `languages`: `{"code": "es", "name": "Español"}`.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct RawLanguage {
    #[serde(skip_serializing_if = "Field::is_missing")]
    pub code: Field<String>,
    #[serde(skip_serializing_if = "Field::is_missing")]
    pub name: Field<String>,
}

/// One question: `{"id": "…", "question": {"en": "…"}, "answer": {"en": "…"}}`.
/// Other keys are ignored.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct RawItem {
    #[serde(skip_serializing_if = "Field::is_missing")]
    pub id: Field<String>,
    #[serde(skip_serializing_if = "Field::is_missing")]
    pub question: Field<Entries<Field<String>>>,
    #[serde(skip_serializing_if = "Field::is_missing")]
    pub answer: Field<Entries<Field<String>>>,
}

/// The JSON type of a value, as messages name it ("found a number").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonType {
    Null,
    Boolean,
    Number,
    String,
    List,
    Object,
}

impl JsonType {
    pub fn described(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Boolean => "a boolean",
            JsonType::Number => "a number",
            JsonType::String => "a string",
            JsonType::List => "a list",
            JsonType::Object => "an object",
        }
    }
}

/// A field as the file has it.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Field<T> {
    /// The key is not there.
    #[default]
    Missing,
    /// A value of another JSON type than `T` reads from (`null` included).
    Wrong(JsonType),
    Valid(T),
}

impl<T> Field<T> {
    pub fn is_missing(&self) -> bool {
        matches!(self, Field::Missing)
    }
}

impl<T: Shape> Field<T> {
    /// The JSON type the file has here; an absent key reads as `null`, as a
    /// list entry (never absent) or a message about a missing value wants.
    pub fn json_type(&self) -> JsonType {
        match self {
            Field::Missing => JsonType::Null,
            Field::Wrong(found) => *found,
            Field::Valid(_) => T::TYPE,
        }
    }
}

impl<T> From<T> for Field<T> {
    fn from(value: T) -> Self {
        Field::Valid(value)
    }
}

/// The JSON type a model type reads from, so [`Field`] knows when to read a
/// value and when to keep only its type.
pub trait Shape {
    const TYPE: JsonType;
}

impl Shape for String {
    const TYPE: JsonType = JsonType::String;
}
impl Shape for f64 {
    const TYPE: JsonType = JsonType::Number;
}
impl<T> Shape for Vec<T> {
    const TYPE: JsonType = JsonType::List;
}
impl<V> Shape for Entries<V> {
    const TYPE: JsonType = JsonType::Object;
}
impl Shape for RawContent {
    const TYPE: JsonType = JsonType::Object;
}
impl Shape for RawLanguage {
    const TYPE: JsonType = JsonType::Object;
}
impl Shape for RawItem {
    const TYPE: JsonType = JsonType::Object;
}

impl<'de, T: Deserialize<'de> + Shape> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FieldVisitor(PhantomData))
    }
}

struct FieldVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de> + Shape> FieldVisitor<T> {
    /// `T` read from `value` when it is of `T`'s type; else that type alone.
    fn read<D: Deserializer<'de>>(found: JsonType, value: D) -> Result<Field<T>, D::Error> {
        if found == T::TYPE {
            T::deserialize(value).map(Field::Valid)
        } else {
            Ok(Field::Wrong(found))
        }
    }
}

impl<'de, T: Deserialize<'de> + Shape> Visitor<'de> for FieldVisitor<T> {
    type Value = Field<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Field<T>, E> {
        Ok(Field::Wrong(JsonType::Boolean))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Field<T>, E> {
        self.visit_f64(v as f64)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Field<T>, E> {
        self.visit_f64(v as f64)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Field<T>, E> {
        Self::read(JsonType::Number, v.into_deserializer())
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Field<T>, E> {
        Self::read(JsonType::String, v.into_deserializer())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Field<T>, E> {
        Self::read(JsonType::String, v.into_deserializer())
    }
    fn visit_unit<E: de::Error>(self) -> Result<Field<T>, E> {
        Ok(Field::Wrong(JsonType::Null))
    }
    fn visit_none<E: de::Error>(self) -> Result<Field<T>, E> {
        Ok(Field::Wrong(JsonType::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Field<T>, D::Error> {
        Field::deserialize(deserializer)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Field<T>, A::Error> {
        if T::TYPE == JsonType::List {
            return T::deserialize(SeqAccessDeserializer::new(seq)).map(Field::Valid);
        }
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Field::Wrong(JsonType::List))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Field<T>, A::Error> {
        if T::TYPE == JsonType::Object {
            return T::deserialize(MapAccessDeserializer::new(map)).map(Field::Valid);
        }
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Field::Wrong(JsonType::Object))
    }
}

/// A field's value as written; never called for [`Field::Missing`], which
/// the containing struct skips.
impl<T: Serialize> Serialize for Field<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Field::Valid(value) => value.serialize(serializer),
            Field::Missing | Field::Wrong(_) => serializer.serialize_unit(),
        }
    }
}

/// `"version": 1`, not `1.0`.
fn whole_number<S: Serializer>(version: &Field<f64>, serializer: S) -> Result<S::Ok, S::Error> {
    match version {
        Field::Valid(n) if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 => serializer.serialize_i64(*n as i64),
        other => other.serialize(serializer),
    }
}

/// A JSON object's entries in the file's order, such as texts by language.
/// A repeated key keeps its first place and its last value, as `JSON.parse`
/// does, so the tool and the widget read such a file alike.
#[derive(Debug, Clone, PartialEq)]
pub struct Entries<V>(pub Vec<(String, V)>);

impl<V> Default for Entries<V> {
    fn default() -> Self {
        Entries(Vec::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Entries<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for EntriesVisitor<V> {
            type Value = Entries<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries<V>, A::Error> {
                let mut entries: Vec<(String, V)> = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, V>()? {
                    match entries.iter_mut().find(|(k, _)| *k == key) {
                        Some(entry) => entry.1 = value,
                        None => entries.push((key, value)),
                    }
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor(PhantomData))
    }
}

impl<V: Serialize> Serialize for Entries<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// Read by hand rather than derived, for one thing derive cannot do without
/// buffering the whole file (`#[serde(flatten)]`): name each unknown key.
impl<'de> Deserialize<'de> for RawContent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RawContentVisitor;
        impl<'de> Visitor<'de> for RawContentVisitor {
            type Value = RawContent;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a content object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawContent, A::Error> {
                let mut raw = RawContent::default();
                let mut seen: Vec<&'static str> = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let known = ["version", "languages", "title", "strings", "items", "$schema"];
                    let Some(name) = known.into_iter().find(|name| *name == key) else {
                        map.next_value::<IgnoredAny>()?;
                        if !raw.unknown_fields.contains(&key) {
                            raw.unknown_fields.push(key);
                        }
                        continue;
                    };
                    // As derived structs do, so the file reads alike at every level.
                    if seen.contains(&name) {
                        return Err(de::Error::duplicate_field(name));
                    }
                    seen.push(name);
                    match name {
                        "version" => raw.version = map.next_value()?,
                        "languages" => raw.languages = map.next_value()?,
                        "title" => raw.title = map.next_value()?,
                        "strings" => raw.strings = map.next_value()?,
                        "items" => raw.items = map.next_value()?,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(raw)
            }
        }
        deserializer.deserialize_map(RawContentVisitor)
    }
}

/// What a content file holds at the top: an object, or anything else, kept
/// as its type so that validation can say so.
pub type ContentFile = Field<RawContent>;

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> ContentFile {
        serde_json::from_str(json).expect("reads")
    }

    #[test]
    fn every_field_keeps_what_the_file_has() {
        let file = read(
            r#"{"version": 1, "languages": [{"code": "en"}, "fr", null], "title": null,
                "items": [{"id": 5, "question": {"en": "Q?", "es": ["x"]}, "answer": "A", "extra": {"a": [1]}}],
                "$schema": "x", "colour": {"deep": [[]]}}"#,
        );
        let Field::Valid(raw) = file else { panic!("an object") };
        assert_eq!(raw.version, Field::Valid(1.0));
        let Field::Valid(languages) = &raw.languages else { panic!() };
        assert_eq!(languages[0], Field::Valid(RawLanguage { code: Field::Valid("en".into()), name: Field::Missing }));
        assert_eq!(languages[1], Field::Wrong(JsonType::String));
        assert_eq!(languages[2], Field::Wrong(JsonType::Null));
        assert_eq!(raw.title, Field::Wrong(JsonType::Null));
        assert_eq!(raw.strings, Field::Missing);
        let Field::Valid(items) = &raw.items else { panic!() };
        let Field::Valid(item) = &items[0] else { panic!() };
        assert_eq!(item.id, Field::Wrong(JsonType::Number));
        assert_eq!(
            item.question,
            Field::Valid(Entries(vec![("en".into(), Field::Valid("Q?".into())), ("es".into(), Field::Wrong(JsonType::List))]))
        );
        assert_eq!(item.answer, Field::Wrong(JsonType::String));
        assert_eq!(raw.unknown_fields, vec!["colour".to_string()]);
    }

    #[test]
    fn a_file_that_is_not_an_object_is_its_type() {
        assert_eq!(read("[1, 2]"), Field::Wrong(JsonType::List));
        assert_eq!(read("true"), Field::Wrong(JsonType::Boolean));
        assert_eq!(read("\"x\""), Field::Wrong(JsonType::String));
        assert_eq!(read("null"), Field::Wrong(JsonType::Null));
    }

    #[test]
    fn a_repeated_field_is_refused_at_every_level() {
        for json in [r#"{"version": 1, "version": 2}"#, r#"{"items": [{"id": "a", "id": "b"}]}"#, r#"{"languages": [{"code": "en", "code": "es"}]}"#] {
            let error = serde_json::from_str::<ContentFile>(json).unwrap_err().to_string();
            assert!(error.starts_with("duplicate field `"), "{json}: {error}");
        }
    }

    #[test]
    fn a_repeated_key_keeps_its_first_place_and_last_value_like_json_parse() {
        let texts: Entries<Field<String>> = serde_json::from_str(r#"{"en": "1", "es": "2", "en": 3}"#).unwrap();
        assert_eq!(texts.0, vec![("en".into(), Field::Wrong(JsonType::Number)), ("es".into(), Field::Valid("2".into()))]);
    }

    #[test]
    fn written_back_in_field_order_with_a_whole_version() {
        let raw = RawContent {
            version: Field::Valid(1.0),
            languages: Field::Valid(vec![Field::Valid(RawLanguage { code: "en".to_string().into(), name: "English".to_string().into() })]),
            items: Field::Valid(vec![]),
            ..RawContent::default()
        };
        assert_eq!(
            serde_json::to_string(&raw).unwrap(),
            r#"{"version":1,"languages":[{"code":"en","name":"English"}],"items":[]}"#
        );
    }
}
