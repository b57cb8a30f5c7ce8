//! A JSON document as the health readers see it: compact, and borrowing its strings from the
//! body it was read from.
//!
//! `serde_json::Value` spends about 300 bytes on every small object (an index map with its own
//! hash table, an owned string for every key and string), so a 1 MiB health document of 40,000
//! one-line components took some 16 MB to hold. Here an object is one boxed slice of members,
//! looked up by a linear search (health documents' objects are small, and the readers walk the
//! large ones), and a string or key without escapes is a slice of the body: the same document
//! takes about 4.5 MB. The API follows `serde_json::Value`'s names so that the readers read the
//! same either way.
//!
//! The JSONPath engine and the rules still work on `serde_json::Value`: [`Value::to_serde`]
//! builds one when a rule or a path asks, and [`Value::at`] finds the node a located match
//! points to.

use std::borrow::{Borrow, Cow};
use std::cell::Cell;
use std::fmt;
use std::ops::Deref;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
pub use serde_json::Number;

/// A JSON value whose strings borrow from the text it was read from where they can.
#[derive(Clone, PartialEq, Default)]
pub enum Value<'a> {
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(Str<'a>),
    Array(Box<[Value<'a>]>),
    Object(Map<'a>),
}

/// A string or a key: a slice of the body, or owned when the JSON text escaped it.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Str<'a>(Cow<'a, str>);

/// An object's members in document order, each key once (see [`Reading`]).
#[derive(Clone, PartialEq, Default)]
pub struct Map<'a> {
    members: Box<[(Str<'a>, Value<'a>)]>,
}

/// Which of a repeated key's values an object keeps. Both are read when a key repeats: the
/// readings can disagree (`{"status":"DOWN","status":"UP"}`), and the health verdict takes the
/// worse of the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// The last value, at the first key's place (what serde_json and most parsers keep).
    LastWins,
    /// The first value.
    FirstWins,
}

/// Parses `bytes` as one JSON value (serde_json's grammar, its recursion limit and its one-line
/// errors with line and column), and says whether any object repeated a key.
pub fn parse(bytes: &[u8], reading: Reading) -> Result<(Value<'_>, bool), serde_json::Error> {
    let repeated = Cell::new(false);
    let stacks = Stacks::default();
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = Seed {
        reading,
        repeated: &repeated,
        stacks: &stacks,
    }
    .deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok((value, repeated.get()))
}

impl<'a> Value<'a> {
    /// Parses a JSON text, keeping the last of repeated keys.
    pub fn parse(text: &'a str) -> Result<Value<'a>, serde_json::Error> {
        parse(text.as_bytes(), Reading::LastWins).map(|(value, _)| value)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Map<'a>> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Value<'a>]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(on) => Some(*on),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(number) => number.as_f64(),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(number) => number.as_i64(),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(number) => number.as_u64(),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn is_boolean(&self) -> bool {
        matches!(self, Value::Bool(_))
    }

    pub fn is_number(&self) -> bool {
        matches!(self, Value::Number(_))
    }

    pub fn is_string(&self) -> bool {
        matches!(self, Value::String(_))
    }

    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }

    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    /// The member `key` of an object; `None` for anything else.
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.as_object().and_then(|map| map.get(key))
    }

    /// The same value as a `serde_json::Value`, for the JSONPath engine and the rules.
    pub fn to_serde(&self) -> serde_json::Value {
        match self {
            Value::Null => serde_json::Value::Null,
            Value::Bool(on) => serde_json::Value::Bool(*on),
            Value::Number(number) => serde_json::Value::Number(number.clone()),
            Value::String(text) => serde_json::Value::String(text.to_string()),
            Value::Array(items) => {
                serde_json::Value::Array(items.iter().map(Value::to_serde).collect())
            }
            Value::Object(map) => serde_json::Value::Object(
                map.iter()
                    .map(|(key, value)| (key.to_string(), value.to_serde()))
                    .collect(),
            ),
        }
    }

    /// The node a JSONPath match located in [`Value::to_serde`]'s copy of this value.
    pub fn at(&self, location: &serde_json_path::NormalizedPath<'_>) -> Option<&Value<'a>> {
        location.iter().try_fold(self, |node, element| {
            match (element.as_name(), element.as_index()) {
                (Some(name), _) => node.get(name),
                (None, Some(index)) => node.as_array()?.get(index),
                _ => None,
            }
        })
    }

    /// Appends the compact JSON text of this value to `out`, stopping once `out` holds more
    /// than `limit` bytes (a reason quoting an object needs its start, not all of it).
    pub fn write_json(&self, out: &mut String, limit: usize) {
        if out.len() > limit {
            return;
        }
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(on) => out.push_str(if *on { "true" } else { "false" }),
            Value::Number(number) => out.push_str(&number.to_string()),
            Value::String(text) => write_string(out, text),
            Value::Array(items) => {
                out.push('[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    item.write_json(out, limit);
                }
                out.push(']');
            }
            Value::Object(map) => map.write_json(out, limit),
        }
    }

    /// An owned copy that borrows nothing (for values built in tests or from other sources).
    pub fn into_owned(self) -> Value<'static> {
        match self {
            Value::Null => Value::Null,
            Value::Bool(on) => Value::Bool(on),
            Value::Number(number) => Value::Number(number),
            Value::String(text) => Value::String(text.into_owned()),
            Value::Array(items) => Value::Array(
                items
                    .into_vec()
                    .into_iter()
                    .map(Value::into_owned)
                    .collect(),
            ),
            Value::Object(map) => Value::Object(
                map.members
                    .into_vec()
                    .into_iter()
                    .map(|(key, value)| (key.into_owned(), value.into_owned()))
                    .collect(),
            ),
        }
    }
}

/// `text` as a JSON string, escaped as serde_json escapes it.
pub fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

impl From<&serde_json::Value> for Value<'static> {
    fn from(value: &serde_json::Value) -> Self {
        match value {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(on) => Value::Bool(*on),
            serde_json::Value::Number(number) => Value::Number(number.clone()),
            serde_json::Value::String(text) => Value::String(Str::from(text.clone())),
            serde_json::Value::Array(items) => {
                Value::Array(items.iter().map(Value::from).collect())
            }
            serde_json::Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(key, value)| (Str::from(key.clone()), Value::from(value)))
                    .collect(),
            ),
        }
    }
}

impl From<serde_json::Value> for Value<'static> {
    fn from(value: serde_json::Value) -> Self {
        Value::from(&value)
    }
}

impl<'a> From<Map<'a>> for Value<'a> {
    fn from(map: Map<'a>) -> Self {
        Value::Object(map)
    }
}

impl fmt::Debug for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("Null"),
            Value::Bool(on) => write!(f, "Bool({on})"),
            Value::Number(number) => write!(f, "Number({number})"),
            Value::String(text) => write!(f, "String({:?})", text.as_str()),
            Value::Array(items) => f.debug_list().entries(items.iter()).finish(),
            Value::Object(map) => map.fmt(f),
        }
    }
}

/// The compact JSON text, as serde_json writes it.
impl fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = String::new();
        self.write_json(&mut text, usize::MAX);
        f.write_str(&text)
    }
}

impl<'a> Map<'a> {
    pub fn new() -> Self {
        Map::default()
    }

    /// The value of `key`. Objects are searched in order: they are small in health documents,
    /// and the readers walk the large ones rather than look things up in them.
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.members
            .iter()
            .find(|(name, _)| name.as_str() == key)
            .map(|(_, value)| value)
    }

    /// The key as the object spells it, and its value.
    pub fn get_key_value(&self, key: &str) -> Option<(&Str<'a>, &Value<'a>)> {
        self.members
            .iter()
            .find(|(name, _)| name.as_str() == key)
            .map(member)
    }

    /// See [`Value::write_json`].
    pub fn write_json(&self, out: &mut String, limit: usize) {
        out.push('{');
        for (index, (key, value)) in self.iter().enumerate() {
            if out.len() > limit {
                break;
            }
            if index > 0 {
                out.push(',');
            }
            write_string(out, key);
            out.push(':');
            value.write_json(out, limit);
        }
        out.push('}');
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn len(&self) -> usize {
        self.members.len()
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    pub fn iter(&self) -> Iter<'_, 'a> {
        self.members.iter().map(member)
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &Str<'a>> + ExactSizeIterator {
        self.members.iter().map(|(key, _)| key)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Value<'a>> + ExactSizeIterator {
        self.members.iter().map(|(_, value)| value)
    }

    /// Members in document order, each key once: for a repeated key, the first place with the
    /// value `reading` keeps. Returns whether a key repeated.
    fn from_members(members: Vec<(Str<'a>, Value<'a>)>, reading: Reading) -> (Self, bool) {
        let maybe_repeated = if members.len() <= 8 {
            (1..members.len()).any(|i| members[..i].iter().any(|(key, _)| *key == members[i].0))
        } else {
            // Hashes of the keys, sorted: 8 bytes a member for a moment, where a hash set would
            // cost several times that at the moment the document is largest.
            let mut hashes: Vec<u64> = members.iter().map(|(key, _)| hash(key)).collect();
            hashes.sort_unstable();
            hashes.windows(2).any(|pair| pair[0] == pair[1])
        };
        let (members, repeated) = if maybe_repeated {
            dedupe(members, reading)
        } else {
            (members, false)
        };
        (
            Map {
                members: members.into_boxed_slice(),
            },
            repeated,
        )
    }
}

/// A string's 64-bit hash (SipHash with fixed keys: the same in every run).
pub fn hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// Each key once, at its first place, with the first or the last of its values; and whether
/// any key repeated.
fn dedupe<'a>(
    members: Vec<(Str<'a>, Value<'a>)>,
    reading: Reading,
) -> (Vec<(Str<'a>, Value<'a>)>, bool) {
    // Where each member goes: the place of the first member with its key.
    let mut first_of: std::collections::HashMap<&str, usize> =
        std::collections::HashMap::with_capacity(members.len());
    let target: Vec<usize> = members
        .iter()
        .enumerate()
        .map(|(index, (key, _))| *first_of.entry(key.as_str()).or_insert(index))
        .collect();
    drop(first_of);
    let repeated = target
        .iter()
        .enumerate()
        .any(|(index, first)| index != *first);
    if !repeated {
        return (members, false);
    }
    let mut kept: Vec<(Str<'a>, Value<'a>)> = Vec::with_capacity(members.len());
    let mut place = vec![0usize; members.len()];
    for (index, member) in members.into_iter().enumerate() {
        let first = target[index];
        if first == index {
            place[index] = kept.len();
            kept.push(member);
        } else if reading == Reading::LastWins {
            kept[place[first]].1 = member.1;
        }
    }
    (kept, true)
}

type Member<'m, 'a> = (&'m Str<'a>, &'m Value<'a>);

fn member<'m, 'a>(pair: &'m (Str<'a>, Value<'a>)) -> Member<'m, 'a> {
    (&pair.0, &pair.1)
}

/// The members of a [`Map`], in document order.
pub type Iter<'m, 'a> = std::iter::Map<
    std::slice::Iter<'m, (Str<'a>, Value<'a>)>,
    fn(&'m (Str<'a>, Value<'a>)) -> Member<'m, 'a>,
>;

impl<'m, 'a> IntoIterator for &'m Map<'a> {
    type Item = Member<'m, 'a>;
    type IntoIter = Iter<'m, 'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Builds an object from members, keeping the last of repeated keys.
impl<'a, K: Into<Str<'a>>> FromIterator<(K, Value<'a>)> for Map<'a> {
    fn from_iter<I: IntoIterator<Item = (K, Value<'a>)>>(iter: I) -> Self {
        let members = iter
            .into_iter()
            .map(|(key, value)| (key.into(), value))
            .collect();
        Map::from_members(members, Reading::LastWins).0
    }
}

impl fmt::Debug for Map<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.iter().map(|(key, value)| (key.as_str(), value)))
            .finish()
    }
}

impl<'a> Str<'a> {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_owned(self) -> Str<'static> {
        Str(Cow::Owned(self.0.into_owned()))
    }
}

impl Deref for Str<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Str<'_> {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Str<'_> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Str<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Str<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl<'a> From<&'a str> for Str<'a> {
    fn from(text: &'a str) -> Self {
        Str(Cow::Borrowed(text))
    }
}

impl From<String> for Str<'_> {
    fn from(text: String) -> Self {
        Str(Cow::Owned(text))
    }
}

impl From<Str<'_>> for String {
    fn from(text: Str<'_>) -> Self {
        text.0.into_owned()
    }
}

impl From<&Str<'_>> for String {
    fn from(text: &Str<'_>) -> Self {
        text.0.to_string()
    }
}

impl PartialEq<str> for Str<'_> {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Str<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for Str<'_> {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

/// Reads one value, borrowing strings from the input where serde_json offers them.
#[derive(Clone, Copy)]
struct Seed<'r, 'de> {
    reading: Reading,
    repeated: &'r Cell<bool>,
    stacks: &'r Stacks<'de>,
}

/// The members of the objects being read, on one stack: an object's members gather there while
/// its values are read, and then move to a slice of exactly their number. Gathering each object
/// in a vector of its own would allocate room for four members and give back the rest: the
/// holes that left in the heap cost a third of a large document.
#[derive(Default)]
struct Stacks<'de> {
    members: std::cell::RefCell<Vec<(Str<'de>, Value<'de>)>>,
}

impl<'de> DeserializeSeed<'de> for Seed<'_, 'de> {
    type Value = Value<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value<'de>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_, 'de> {
    type Value = Value<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value<'de>, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value<'de>, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value<'de>, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value<'de>, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Value<'de>, E> {
        Ok(Value::String(Str(Cow::Borrowed(v))))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value<'de>, E> {
        Ok(Value::String(Str(Cow::Owned(v.to_string()))))
    }

    fn visit_unit<E>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'de>, A::Error> {
        // Arrays of small arrays are rare in health documents: a vector each will do.
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Array(items.into_boxed_slice()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value<'de>, A::Error> {
        let start = self.stacks.members.borrow().len();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let value = map.next_value_seed(self)?;
            self.stacks.members.borrow_mut().push((key, value));
        }
        let members = take_top(&mut self.stacks.members.borrow_mut(), start);
        let (map, repeated) = Map::from_members(members, self.reading);
        if repeated {
            self.repeated.set(true);
        }
        Ok(Value::Object(map))
    }
}

/// The entries of `stack` from `start` on, taken off it. A small run is copied out at its exact
/// size; a large one keeps the stack's own buffer (the entries below `start` move to a new,
/// small stack instead), so that the largest object of a document is never held twice.
fn take_top<T>(stack: &mut Vec<T>, start: usize) -> Vec<T> {
    if stack.len() - start <= 1024 {
        return stack.drain(start..).collect();
    }
    let mut top = std::mem::take(stack);
    *stack = top.drain(..start).collect();
    top
}

/// Reads a key, borrowing it from the input when it has no escapes.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Str<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Str<'de>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Str<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Str<'de>, E> {
        Ok(Str(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Str<'de>, E> {
        Ok(Str(Cow::Owned(v.to_string())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, reading: Reading) -> (Value<'_>, bool) {
        parse(text.as_bytes(), reading).unwrap()
    }

    #[test]
    fn strings_and_keys_without_escapes_borrow_from_the_text() {
        let (value, _) = read(r#"{"status":"UP","why":"a\"b"}"#, Reading::LastWins);
        let map = value.as_object().unwrap();
        let (key, status) = map.iter().next().unwrap();
        assert!(matches!(key.0, Cow::Borrowed(_)));
        assert!(matches!(status, Value::String(Str(Cow::Borrowed("UP")))));
        assert!(
            matches!(map.get("why"), Some(Value::String(Str(Cow::Owned(text)))) if text == "a\"b")
        );
    }

    #[test]
    fn a_repeated_key_keeps_its_first_place_with_the_reading_s_value() {
        let text = r#"{"status":"DOWN","db":1,"status":"UP"}"#;
        let (last, repeated) = read(text, Reading::LastWins);
        assert!(repeated);
        assert_eq!(last.to_string(), r#"{"status":"UP","db":1}"#);
        let (first, repeated) = read(text, Reading::FirstWins);
        assert!(repeated);
        assert_eq!(first.to_string(), r#"{"status":"DOWN","db":1}"#);
    }

    #[test]
    fn a_repeated_key_among_many_members_is_found() {
        let mut members: Vec<String> = (0..50).map(|i| format!("\"k{i}\":{i}")).collect();
        members.push("\"k7\":\"again\"".into());
        let text = format!("{{{}}}", members.join(","));
        let (value, repeated) = read(&text, Reading::LastWins);
        assert!(repeated);
        assert_eq!(value.get("k7").and_then(Value::as_str), Some("again"));
        assert_eq!(value.as_object().unwrap().len(), 50);
        let (_, repeated) = read(r#"{"a":{"b":1},"b":{"a":1}}"#, Reading::LastWins);
        assert!(!repeated);
    }

    #[test]
    fn the_serde_copy_and_the_located_node_agree() {
        let (value, _) = read(
            r#"{"checks":[{"name":"db","ok":false},{"name":"q","ok":true}],"n":-1.5}"#,
            Reading::LastWins,
        );
        let serde = value.to_serde();
        assert_eq!(serde.to_string(), value.to_string());
        let path = serde_json_path::JsonPath::parse("$.checks[?@.ok == false].name").unwrap();
        let located = path.query_located(&serde);
        let node = value.at(located.first().unwrap().location()).unwrap();
        assert_eq!(node.as_str(), Some("db"));
        assert_eq!(Value::from(&serde), value);
    }

    #[test]
    fn errors_keep_serde_json_s_line_and_column() {
        let err = parse(b"{\"a\":\n tru}", Reading::LastWins).unwrap_err();
        assert!(err.to_string().contains("line 2 column"), "{err}");
        assert!(parse(b"[1] x", Reading::LastWins).is_err());
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(parse(deep.as_bytes(), Reading::LastWins).is_err());
    }

    #[test]
    fn a_small_value_stays_small() {
        assert!(std::mem::size_of::<Value<'_>>() <= 32);
        assert!(std::mem::size_of::<Str<'_>>() <= 24);
    }
}
