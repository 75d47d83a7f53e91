//! Parsing one bundle document: bytes → raw JSON object(s) + typed view.
//!
//! Each document is read twice, never built as a `serde_json::Value`: an
//! *outline* pass checks the syntax and cuts the top level into members, each
//! kept as the exact text it has in the file (`RawValue`, no allocation per
//! value); then each record's text is deserialised straight into its typed
//! model. The stored raw JSON is that text as received, whitespace outside
//! strings removed ([`compact`]; key order and everything else kept), and
//! its hash is the SHA-256 of those bytes; two texts that differ only in key
//! order are recognised as the same content by [`same_content`], which the
//! importer consults only when the hashes differ.
//!
//! Pure (no I/O, no workspace): fuzzed by `fuzz/fuzz_targets/bundle_json.rs`.

use serde::de::{self, DeserializeOwned, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::error::Problem;
use crate::ext::{InterviewExtension, PostingExtension};
use crate::model::{Candidate, InterviewData, Posting};

/// One API object as received plus its typed projection.
#[derive(Debug, Clone)]
pub struct Item<T> {
    /// The object's JSON text as received, layout compacted (for a CSV
    /// row: built from the row): what the `raw` columns store. Emptied by
    /// the import for a list record found unchanged (never written).
    pub raw_text: String,
    /// SHA-256 (hex) of `raw_text`'s bytes ([`content_hash`]).
    pub hash: String,
    pub typed: T,
    /// Position in a list document (0 for single-object documents).
    pub index: usize,
    /// For an interview: its transcript as the full-text index takes it
    /// ([`crate::project::transcript_words`]), cut by the importer on its
    /// parse threads (for changed interviews only) so the single write
    /// connection does not.
    pub index_words: Option<String>,
}

/// What a bundle file turned out to be.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // short-lived, one per file
pub enum Document {
    Posting(Item<Posting>),
    /// Boxed on the parser thread: the collect step moves the pointers,
    /// not ~1 KB items out of buffers the parser's allocator arena keeps.
    Candidates(Vec<Box<Item<Candidate>>>),
    Interview(Item<InterviewData>),
    InterviewExtension(Item<InterviewExtension>),
    PostingExtension(Item<PostingExtension>),
    /// Not an API document (outside the known folders).
    Ignored,
}

/// Parse `bytes` as the document named `file_name` (bundle-relative, e.g.
/// `interviews/int_1.json`); the folder decides the expected shape. Every
/// problem found is returned (all records of a list are checked).
pub fn parse_document(file_name: &str, bytes: &[u8]) -> Result<Document, Vec<Problem>> {
    let folder = file_name.split('/').next().unwrap_or("");
    if !super::source::JSON_DIRS.contains(&folder) {
        return Ok(Document::Ignored);
    }
    let text = utf8_text(file_name, bytes).map_err(|p| vec![p])?;
    let outline = outline_of(file_name, text).map_err(|p| vec![p])?;
    match folder {
        "postings" => {
            single_typed(file_name, text, outline, "id", |p: &Posting| &p.id).map(Document::Posting)
        }
        "interviews" => single_typed(
            file_name,
            text,
            outline,
            "interview_id",
            |i: &InterviewData| &i.interview_id,
        )
        .map(Document::Interview),
        "extensions" => {
            let (obj, keys) =
                unwrap_single(file_name, text, outline, &["interview_id", "posting_id"])?;
            if keys.iter().any(|k| k == "interview_id") {
                Ok(Document::InterviewExtension(typed_text(
                    file_name,
                    obj,
                    0,
                    "interview_id",
                    |e: &InterviewExtension| &e.interview_id,
                )?))
            } else if keys.iter().any(|k| k == "posting_id") {
                Ok(Document::PostingExtension(typed_text(
                    file_name,
                    obj,
                    0,
                    "posting_id",
                    |e: &PostingExtension| &e.posting_id,
                )?))
            } else {
                Err(vec![Problem::file(
                    file_name,
                    "an extension needs `interview_id` (interview extension) or `posting_id` (interviewer extension)",
                )])
            }
        }
        "candidates" => {
            const NOT_A_LIST: &str =
                "expected a list of candidates: a JSON array or {\"data\": [...], \"pagination\": ...}";
            let items = match outline {
                Outline::Array(items) => items,
                Outline::Object(members) => match member(&members, "data") {
                    Some(data) if data.get().starts_with('[') => {
                        match outline_of(file_name, data.get()).map_err(|p| vec![p])? {
                            Outline::Array(items) => items,
                            _ => return Err(vec![Problem::file(file_name, NOT_A_LIST)]),
                        }
                    }
                    _ => return Err(vec![Problem::file(file_name, NOT_A_LIST)]),
                },
                Outline::Scalar(kind) => {
                    return Err(vec![Problem::file(
                        file_name,
                        format!(
                            "expected a list of candidates (a JSON array or {{\"data\": [...]}}), found {kind}"
                        ),
                    )])
                }
            };
            let mut out = Vec::with_capacity(items.len());
            let mut problems = Vec::new();
            for (i, item) in items.into_iter().enumerate() {
                let text = item.get();
                if text.starts_with('{') {
                    match typed_text(file_name, text, i, "interview_id", |c: &Candidate| {
                        &c.interview_id
                    }) {
                        Ok(it) => out.push(Box::new(it)),
                        Err(mut p) => problems.append(&mut p),
                    }
                } else {
                    problems.push(Problem::record(
                        file_name,
                        format!("#{i}"),
                        None,
                        format!("expected a candidate object, found {}", kind_of_text(text)),
                    ));
                }
            }
            if problems.is_empty() {
                Ok(Document::Candidates(out))
            } else {
                Err(problems)
            }
        }
        _ => Ok(Document::Ignored),
    }
}

/// The bytes as UTF-8 text (a leading byte-order mark dropped), with the
/// position of the first invalid byte on failure.
fn utf8_text<'a>(file_name: &str, bytes: &'a [u8]) -> Result<&'a str, Problem> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, col) = line_col(bytes, e.valid_up_to());
        Problem::file(
            file_name,
            format!("invalid UTF-8 at line {line} column {col}; save the file as UTF-8"),
        )
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// A JSON text's top level, its members kept as text.
enum Outline<'a> {
    /// Members in file order (a repeated key appears twice; the last wins,
    /// as in a parsed object).
    Object(Vec<(String, &'a RawValue)>),
    Array(Vec<&'a RawValue>),
    /// What a scalar is, for messages ("a string", "null", …).
    Scalar(&'static str),
}

impl<'de> Deserialize<'de> for Outline<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(OutlineVisitor)
    }
}

struct OutlineVisitor;

impl<'de> Visitor<'de> for OutlineVisitor {
    type Value = Outline<'de>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
        let mut members = Vec::new();
        while let Some(k) = m.next_key::<String>()? {
            members.push((k, m.next_value::<&'de RawValue>()?));
        }
        Ok(Outline::Object(members))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(x) = s.next_element::<&'de RawValue>()? {
            items.push(x);
        }
        Ok(Outline::Array(items))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Outline::Scalar("a boolean"))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Outline::Scalar("a number"))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Outline::Scalar("a number"))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Outline::Scalar("a number"))
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Outline::Scalar("a string"))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Outline::Scalar("null"))
    }
}

/// The single-document JSON export (SPEC F34: `{"postings": [...],
/// "candidates": [...], "interviews": [...], "extensions": [...]}`) cut into
/// the documents of a bundle, each object's text kept exactly as in the file:
/// `postings/<id>.json`, `candidates/<posting_id>.json` (`{"data": [...]}`),
/// `interviews/<interview_id>.json`, `extensions/<n>.json`. Every problem
/// found is returned.
pub(crate) fn split_export_document(
    file_name: &str,
    bytes: &[u8],
) -> Result<Vec<(String, Vec<u8>)>, Vec<Problem>> {
    #[derive(Deserialize)]
    struct Ids {
        id: Option<String>,
        interview_id: Option<String>,
        posting_id: Option<String>,
    }
    const SHAPE: &str = "expected the JSON export of Shortlist: an object with the arrays \"postings\", \"candidates\", \"interviews\" and \"extensions\"";
    let text = utf8_text(file_name, bytes).map_err(|p| vec![p])?;
    let Outline::Object(members) = outline_of(file_name, text).map_err(|p| vec![p])? else {
        return Err(vec![Problem::file(file_name, SHAPE)]);
    };
    if !["postings", "candidates", "interviews"]
        .iter()
        .any(|k| member(&members, k).is_some())
    {
        return Err(vec![Problem::file(file_name, SHAPE)]);
    }
    let mut problems = Vec::new();
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    let mut pages: std::collections::BTreeMap<String, Vec<&str>> = Default::default();
    for key in ["postings", "candidates", "interviews", "extensions"] {
        let Some(list) = member(&members, key) else {
            continue;
        };
        let items = match outline_of(file_name, list.get()).map_err(|p| vec![p])? {
            Outline::Array(items) => items,
            _ => {
                problems.push(Problem::file(
                    file_name,
                    format!("`{key}` must be an array of objects"),
                ));
                continue;
            }
        };
        for (i, item) in items.into_iter().enumerate() {
            let obj = item.get();
            let ids: Ids = match serde_json::from_str(obj) {
                Ok(ids) if obj.starts_with('{') => ids,
                _ => {
                    problems.push(Problem::record(
                        file_name,
                        format!("{key}[{i}]"),
                        None,
                        format!(
                            "`{key}` must hold objects; item {i} is {}",
                            kind_of_text(obj)
                        ),
                    ));
                    continue;
                }
            };
            let (name, id_key) = match key {
                "postings" => (ids.id.map(|id| format!("postings/{id}.json")), "id"),
                "interviews" => (
                    ids.interview_id.map(|id| format!("interviews/{id}.json")),
                    "interview_id",
                ),
                "extensions" => (Some(format!("extensions/{i}.json")), ""),
                _ => {
                    match ids.posting_id {
                        Some(pid) => pages.entry(pid).or_default().push(obj),
                        None => problems.push(Problem::record(
                            file_name,
                            format!("{key}[{i}]"),
                            Some("posting_id".into()),
                            "a candidate needs its `posting_id`",
                        )),
                    }
                    continue;
                }
            };
            match name {
                Some(name) if safe_stem(&name) => out.push((name, obj.as_bytes().to_vec())),
                _ => problems.push(Problem::record(
                    file_name,
                    format!("{key}[{i}]"),
                    Some(id_key.into()),
                    format!("missing or unusable `{id_key}`"),
                )),
            }
        }
    }
    for (pid, items) in pages {
        let name = format!("candidates/{pid}.json");
        if !safe_stem(&name) {
            problems.push(Problem::record(
                file_name,
                pid,
                Some("posting_id".into()),
                "unusable `posting_id`",
            ));
            continue;
        }
        let mut page = String::from("{\"data\": [");
        page.push_str(&items.join(",\n"));
        page.push_str("]}");
        out.push((name, page.into_bytes()));
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// `folder/<stem>.json` with a stem that is a plain file name.
fn safe_stem(name: &str) -> bool {
    let stem = name
        .split_once('/')
        .map(|(_, r)| r.trim_end_matches(".json"))
        .unwrap_or("");
    !stem.is_empty() && !stem.contains(['/', '\\']) && stem != "." && stem != ".."
}

/// Check `text`'s syntax (trailing characters included) and outline it.
fn outline_of<'a>(file_name: &str, text: &'a str) -> Result<Outline<'a>, Problem> {
    let mut de = serde_json::Deserializer::from_str(text);
    Outline::deserialize(&mut de)
        .and_then(|o| de.end().map(|()| o))
        .map_err(|e| syntax_problem(file_name, &e))
}

fn syntax_problem(file_name: &str, e: &serde_json::Error) -> Problem {
    let what = match e.classify() {
        serde_json::error::Category::Eof => "truncated JSON",
        _ => "malformed JSON",
    };
    Problem::file(
        file_name,
        format!("{what} at line {} column {}: {e}", e.line(), e.column()),
    )
}

/// The last member named `key`.
fn member<'a>(members: &[(String, &'a RawValue)], key: &str) -> Option<&'a RawValue> {
    members
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| *v)
}

fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let col = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
    (line, col)
}

/// What a (syntactically valid) JSON text is, for messages.
fn kind_of_text(text: &str) -> &'static str {
    match text.as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// A single-record document whose type requires `id_key`, bare or wrapped
/// (the rule of [`unwrap_single`]). A wrapper's inner object is tried as
/// the record first: if it deserialises, it has `id_key`, which makes it a
/// wrapper; only when it does not are its keys looked at, to report the
/// error of the right object.
fn single_typed<T: DeserializeOwned>(
    file_name: &str,
    text: &str,
    outline: Outline<'_>,
    id_key: &str,
    id_of: fn(&T) -> &String,
) -> Result<Item<T>, Vec<Problem>> {
    let members = object_members(file_name, outline)?;
    let outer_has_id = members
        .iter()
        .any(|(k, _)| k == id_key || k == "posting_id");
    if !outer_has_id {
        if let Some(data) = member(&members, "data").filter(|d| d.get().starts_with('{')) {
            match typed_text(file_name, data.get(), 0, id_key, id_of) {
                Ok(item) => return Ok(item),
                Err(problems) => {
                    if let Ok(Outline::Object(inner)) = outline_of(file_name, data.get()) {
                        if inner.iter().any(|(k, _)| k == id_key || k == "id") {
                            return Err(problems);
                        }
                    }
                }
            }
        }
    }
    typed_text(file_name, text.trim(), 0, id_key, id_of)
}

fn object_members<'a>(
    file_name: &str,
    outline: Outline<'a>,
) -> Result<Vec<(String, &'a RawValue)>, Vec<Problem>> {
    match outline {
        Outline::Object(m) => Ok(m),
        Outline::Array(_) => Err(vec![Problem::file(
            file_name,
            "expected a JSON object, found an array",
        )]),
        Outline::Scalar(kind) => Err(vec![Problem::file(
            file_name,
            format!("expected a JSON object, found {kind}"),
        )]),
    }
}

/// A single-object document, bare or wrapped as `{"data": {...}}`. An
/// `InterviewDataResponse` has its own `data` field, so a wrapper is told
/// apart by its keys: the outer object lacks every identifying key and its
/// `data` is an object that has one of them (or `id`). Returns the record's
/// text and its keys.
fn unwrap_single<'a>(
    file_name: &str,
    text: &'a str,
    outline: Outline<'a>,
    id_keys: &[&str],
) -> Result<(&'a str, Vec<String>), Vec<Problem>> {
    let members = object_members(file_name, outline)?;
    let is_id = |k: &str| id_keys.contains(&k);
    let outer_has_id = members.iter().any(|(k, _)| is_id(k) || k == "posting_id");
    if !outer_has_id {
        if let Some(data) = member(&members, "data").filter(|d| d.get().starts_with('{')) {
            if let Ok(Outline::Object(inner)) = outline_of(file_name, data.get()) {
                if inner.iter().any(|(k, _)| is_id(k) || k == "id") {
                    let keys = inner.into_iter().map(|(k, _)| k).collect();
                    return Ok((data.get(), keys));
                }
            }
        }
    }
    let keys = members.into_iter().map(|(k, _)| k).collect();
    Ok((text.trim(), keys))
}

/// SHA-256 (hex) of a raw JSON text's bytes: what `Item::hash` and the
/// stored `*_hash` columns hold.
pub fn content_hash(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// Whether two JSON texts hold the same content: equal values, object keys
/// in any order, whitespace ignored. Texts that do not parse are the same
/// only if byte-identical.
pub fn same_content(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    match (
        serde_json::from_str::<Value>(a),
        serde_json::from_str::<Value>(b),
    ) {
        // serde_json's maps compare as maps: key order does not matter.
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// A serde_json error's message without its " at line L column C" suffix
/// (positions inside a record's text would mislead; the field path is
/// reported instead).
fn message_of(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    msg.strip_suffix(&suffix).map(str::to_string).unwrap_or(msg)
}

/// How a record is named in messages: its id when it has a non-empty one,
/// else its position.
fn record_label(obj: Option<&Map<String, Value>>, id_key: &str, index: usize) -> String {
    match obj.and_then(|o| o.get(id_key)) {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        _ => format!("#{index}"),
    }
}

/// Deserialise one record's JSON text (an object, syntax already checked)
/// into its typed model.
fn typed_text<T: DeserializeOwned>(
    file_name: &str,
    text: &str,
    index: usize,
    id_key: &str,
    id_of: fn(&T) -> &String,
) -> Result<Item<T>, Vec<Problem>> {
    // Tracking the field path costs a quarter of the parse: done only when
    // the record does not deserialise, to name the field.
    let typed = match T::deserialize(&mut serde_json::Deserializer::from_str(text)) {
        Ok(typed) => typed,
        Err(_) => {
            let mut de = serde_json::Deserializer::from_str(text);
            serde_path_to_error::deserialize::<_, T>(&mut de).map_err(|e| {
                let path = e.path().to_string();
                let field = (path != ".").then_some(path);
                // The error path only: parse the record to name it.
                let obj = serde_json::from_str::<Map<String, Value>>(text).ok();
                vec![Problem::record(
                    file_name,
                    record_label(obj.as_ref(), id_key, index),
                    field,
                    message_of(e.inner()),
                )]
            })?
        }
    };
    let id = id_of(&typed);
    if id.trim().is_empty() {
        let record = if id.is_empty() {
            format!("#{index}")
        } else {
            id.clone()
        };
        return Err(vec![Problem::record(
            file_name,
            record,
            Some(id_key.to_string()),
            "must not be empty",
        )]);
    }
    let raw_text = compact(text).into_owned();
    Ok(Item {
        hash: content_hash(&raw_text),
        raw_text,
        typed,
        index,
        index_words: None,
    })
}

/// `text` (syntactically valid JSON) without whitespace outside strings:
/// the stored form, whatever the file's layout. JSON strings cannot hold raw
/// whitespace control characters, and a space inside a string is kept, so
/// this changes nothing but layout. Compact input is returned as is.
pub fn compact(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    // `out` holds the text up to `copied` once a whitespace byte was seen.
    let mut out: Option<Vec<u8>> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                // Skip the string (most of a document's bytes) to its
                // closing quote, jumping from quote or backslash to the next.
                i += 1;
                loop {
                    match memchr::memchr2(b'"', b'\\', &bytes[i..]) {
                        None => {
                            i = bytes.len();
                            break;
                        }
                        Some(k) if bytes[i + k] == b'"' => {
                            i += k + 1;
                            break;
                        }
                        // a backslash and the byte it escapes
                        Some(k) => i = (i + k + 2).min(bytes.len()),
                    }
                }
            }
            b' ' | b'\n' | b'\r' | b'\t' => {
                out.get_or_insert_with(|| Vec::with_capacity(bytes.len()))
                    .extend_from_slice(&bytes[copied..i]);
                i += 1;
                copied = i;
            }
            _ => i += 1,
        }
    }
    match out {
        None => std::borrow::Cow::Borrowed(text),
        Some(mut v) => {
            v.extend_from_slice(&bytes[copied..]);
            std::borrow::Cow::Owned(
                String::from_utf8(v).expect("removing ASCII whitespace keeps UTF-8 valid"),
            )
        }
    }
}

/// A record built as a JSON object (a CSV row) into its typed model; its
/// raw text is the object serialised compactly.
pub(crate) fn typed<T: DeserializeOwned>(
    file_name: &str,
    raw: Map<String, Value>,
    index: usize,
    id_key: &str,
) -> Result<Item<T>, Vec<Problem>> {
    let record = record_label(Some(&raw), id_key, index);
    let value = Value::Object(raw);
    let typed = serde_path_to_error::deserialize::<_, T>(&value).map_err(|e| {
        let path = e.path().to_string();
        let field = (path != ".").then_some(path);
        vec![Problem::record(
            file_name,
            record.clone(),
            field,
            e.inner().to_string(),
        )]
    })?;
    let Value::Object(raw) = value else {
        unreachable!()
    };
    if let Some(Value::String(s)) = raw.get(id_key) {
        if s.trim().is_empty() {
            return Err(vec![Problem::record(
                file_name,
                record,
                Some(id_key.to_string()),
                "must not be empty",
            )]);
        }
    }
    let raw_text = serde_json::to_string(&raw).expect("a JSON object always serialises");
    Ok(Item {
        hash: content_hash(&raw_text),
        raw_text,
        typed,
        index,
        index_words: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn interview(extra: &str) -> String {
        format!(
            r#"{{"interview_id":"i1","posting_id":"p1","name":"A","email":"a@x.io","status":"completed"{extra}}}"#
        )
    }

    #[test]
    fn interview_own_data_field_is_not_a_wrapper() {
        let doc = interview(r#","data":{"phone":"1"}"#);
        let Document::Interview(it) = parse_document("interviews/i1.json", doc.as_bytes()).unwrap()
        else {
            panic!()
        };
        assert_eq!(it.typed.interview_id, "i1");
        assert!(it.raw_text.contains(r#""data":{"phone":"1"}"#));
        let wrapped = format!(r#"{{"data":{}}}"#, interview(r#","data":{"phone":"1"}"#));
        let Document::Interview(w) =
            parse_document("interviews/i1.json", wrapped.as_bytes()).unwrap()
        else {
            panic!()
        };
        // the wrapped record is the inner object, byte for byte
        assert_eq!(w.raw_text, it.raw_text);
        assert_eq!(w.hash, it.hash);
    }

    #[test]
    fn type_error_names_the_path() {
        let doc = interview(
            r#","web_interview":{"match_score":80,"scorecard":[{"question_id":"q","question_text":"t","score":"high","evaluation_summary":"","evaluation_criteria":"","rank":1}]}"#,
        );
        let err = parse_document("interviews/i1.json", doc.as_bytes()).unwrap_err();
        assert_eq!(
            err[0].field.as_deref(),
            Some("web_interview.scorecard[0].score")
        );
        assert_eq!(err[0].record.as_deref(), Some("i1"));
        assert!(
            err[0].message.contains("invalid type: string \"high\""),
            "{}",
            err[0].message
        );
    }

    #[test]
    fn same_content_ignores_key_order_and_lists_accept_both_forms() {
        let a = parse_document(
            "postings/p.json",
            br#"{"id":"p","title":"T","status":"active"}"#,
        )
        .unwrap();
        let b = parse_document(
            "postings/p.json",
            br#"{"status":"active","title":"T","id":"p"}"#,
        )
        .unwrap();
        let (Document::Posting(a), Document::Posting(b)) = (a, b) else {
            panic!()
        };
        // other bytes, same content
        assert_ne!(a.hash, b.hash);
        assert!(same_content(&a.raw_text, &b.raw_text));
        assert!(!same_content(
            &a.raw_text,
            r#"{"id":"p","title":"T2","status":"active"}"#
        ));
        assert!(!same_content("[1,2]", "[2,1]"));
        let c = interview("");
        for doc in [
            format!("[{c}]"),
            format!(r#"{{"data":[{c}],"pagination":{{"has_more":false}}}}"#),
        ] {
            let Document::Candidates(v) =
                parse_document("candidates/p1.json", doc.as_bytes()).unwrap()
            else {
                panic!()
            };
            assert_eq!(v.len(), 1);
        }
        let err = parse_document("candidates/p1.json", c.as_bytes()).unwrap_err();
        assert!(err[0].message.contains("expected a list"));
    }

    #[test]
    fn compact_removes_layout_only() {
        let pretty = "{\n  \"a\": [1, 2,\t3],\r\n  \"b c\": \" x \\\" y \",\n  \"d\": {}\n}";
        let c = compact(pretty);
        assert_eq!(c, r#"{"a":[1,2,3],"b c":" x \" y ","d":{}}"#);
        assert_eq!(
            serde_json::from_str::<Value>(pretty).unwrap(),
            serde_json::from_str::<Value>(&c).unwrap()
        );
        assert!(matches!(compact(&c), std::borrow::Cow::Borrowed(_)));
        // a string ending in an escaped backslash closes where it should
        assert_eq!(compact(r#"["a\\", 1]"#), r#"["a\\",1]"#);
    }

    /// `compact` of any pretty-printed JSON is serde_json's compact form of
    /// the same value (keys in order: `preserve_order`), whatever the
    /// strings hold: spaces, quotes, backslashes, escapes, other scripts.
    #[test]
    fn compact_equals_serde_json_compact_form() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        const PIECES: &[&str] = &[
            " ", "  ", "a", "\"", "\\", "\\\"", "\n", "\t", "é", "日本", "🙂", "{", "}", "[", "]",
            ":", ",", "\u{7}", "x y", "\\n",
        ];
        fn value(next: &mut impl FnMut(u64) -> u64, depth: u32) -> Value {
            match next(if depth > 3 { 4 } else { 6 }) {
                0 => Value::Null,
                1 => Value::Bool(next(2) == 0),
                2 => Value::from(next(1_000_000) as f64 / 8.0 - 5.0),
                3 => Value::String(
                    (0..next(6))
                        .map(|_| PIECES[next(PIECES.len() as u64) as usize])
                        .collect(),
                ),
                4 => Value::Array((0..next(4)).map(|_| value(next, depth + 1)).collect()),
                _ => Value::Object(
                    (0..next(5))
                        .map(|k| (format!("k {k}\"{}", next(9)), value(next, depth + 1)))
                        .collect(),
                ),
            }
        }
        for _ in 0..2000 {
            let v = value(&mut next, 0);
            let pretty = serde_json::to_string_pretty(&v).unwrap();
            let flat = serde_json::to_string(&v).unwrap();
            assert_eq!(compact(&pretty), flat, "{pretty}");
            assert!(matches!(compact(&flat), std::borrow::Cow::Borrowed(_)));
        }
    }

    #[test]
    fn syntax_errors_have_positions() {
        let err = parse_document("postings/p.json", b"{\"id\":\n\"p\",").unwrap_err();
        assert!(
            err[0].message.contains("truncated JSON at line 2"),
            "{}",
            err[0].message
        );
        let err = parse_document("postings/p.json", b"{\"id\":\"p\xff\"}").unwrap_err();
        assert!(
            err[0].message.contains("invalid UTF-8 at line 1 column 9"),
            "{}",
            err[0].message
        );
    }
}
