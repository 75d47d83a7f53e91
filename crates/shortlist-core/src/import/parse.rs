//! Parsing one bundle document: bytes → raw JSON object(s) + typed view.
//!
//! Pure (no I/O, no workspace): fuzzed by `fuzz/fuzz_targets/bundle_json.rs`.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::error::Problem;
use crate::ext::{InterviewExtension, PostingExtension};
use crate::model::{Candidate, InterviewData, Posting};

/// One API object as received plus its typed projection.
#[derive(Debug, Clone)]
pub struct Item<T> {
    /// The object as received (key order kept), serialised compactly: what
    /// the `raw` columns store.
    pub raw_text: String,
    /// SHA-256 (hex) of the object's canonical form (keys sorted, compact).
    pub hash: String,
    pub typed: T,
    /// Position in a list document (0 for single-object documents).
    pub index: usize,
}

/// What a bundle file turned out to be.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // short-lived, one per file
pub enum Document {
    Posting(Item<Posting>),
    Candidates(Vec<Item<Candidate>>),
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
    let value = parse_json(file_name, bytes).map_err(|p| vec![p])?;
    match folder {
        "postings" => {
            let obj = unwrap_single(file_name, value, &["id"])?;
            Ok(Document::Posting(typed(file_name, obj, 0, "id")?))
        }
        "interviews" => {
            let obj = unwrap_single(file_name, value, &["interview_id"])?;
            Ok(Document::Interview(typed(
                file_name,
                obj,
                0,
                "interview_id",
            )?))
        }
        "extensions" => {
            let obj = unwrap_single(file_name, value, &["interview_id", "posting_id"])?;
            if obj.contains_key("interview_id") {
                Ok(Document::InterviewExtension(typed(
                    file_name,
                    obj,
                    0,
                    "interview_id",
                )?))
            } else if obj.contains_key("posting_id") {
                Ok(Document::PostingExtension(typed(
                    file_name,
                    obj,
                    0,
                    "posting_id",
                )?))
            } else {
                Err(vec![Problem::file(
                    file_name,
                    "an extension needs `interview_id` (interview extension) or `posting_id` (interviewer extension)",
                )])
            }
        }
        "candidates" => {
            let items = match value {
                Value::Array(items) => items,
                Value::Object(mut obj) => match obj.remove("data") {
                    Some(Value::Array(items)) => items,
                    _ => {
                        return Err(vec![Problem::file(
                            file_name,
                            "expected a list of candidates: a JSON array or {\"data\": [...], \"pagination\": ...}",
                        )])
                    }
                },
                other => {
                    return Err(vec![Problem::file(
                        file_name,
                        format!(
                            "expected a list of candidates (a JSON array or {{\"data\": [...]}}), found {}",
                            kind_of(&other)
                        ),
                    )])
                }
            };
            let mut out = Vec::with_capacity(items.len());
            let mut problems = Vec::new();
            for (i, item) in items.into_iter().enumerate() {
                match item {
                    Value::Object(obj) => match typed(file_name, obj, i, "interview_id") {
                        Ok(it) => out.push(it),
                        Err(mut p) => problems.append(&mut p),
                    },
                    other => problems.push(Problem::record(
                        file_name,
                        format!("#{i}"),
                        None,
                        format!("expected a candidate object, found {}", kind_of(&other)),
                    )),
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

/// UTF-8 and JSON syntax, with line/column on failure.
fn parse_json(file_name: &str, bytes: &[u8]) -> Result<Value, Problem> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, col) = line_col(bytes, e.valid_up_to());
        Problem::file(
            file_name,
            format!("invalid UTF-8 at line {line} column {col}; save the file as UTF-8"),
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str::<Value>(text).map_err(|e| {
        let what = match e.classify() {
            serde_json::error::Category::Eof => "truncated JSON",
            _ => "malformed JSON",
        };
        Problem::file(
            file_name,
            format!("{what} at line {} column {}: {e}", e.line(), e.column()),
        )
    })
}

fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let col = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
    (line, col)
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A single-object document, bare or wrapped as `{"data": {...}}`. An
/// `InterviewDataResponse` has its own `data` field, so a wrapper is told
/// apart by its keys: the outer object lacks every identifying key and its
/// `data` is an object that has one of them (or `id`).
fn unwrap_single(
    file_name: &str,
    value: Value,
    id_keys: &[&str],
) -> Result<Map<String, Value>, Vec<Problem>> {
    let mut obj = match value {
        Value::Object(o) => o,
        other => {
            return Err(vec![Problem::file(
                file_name,
                format!("expected a JSON object, found {}", kind_of(&other)),
            )])
        }
    };
    let outer_has_id =
        id_keys.iter().any(|k| obj.contains_key(*k)) || obj.contains_key("posting_id");
    let inner_is_record = matches!(obj.get("data"), Some(Value::Object(inner))
        if id_keys.iter().any(|k| inner.contains_key(*k)) || inner.contains_key("id"));
    if !outer_has_id && inner_is_record {
        if let Some(Value::Object(inner)) = obj.remove("data") {
            return Ok(inner);
        }
    }
    Ok(obj)
}

pub(crate) fn typed<T: DeserializeOwned>(
    file_name: &str,
    raw: Map<String, Value>,
    index: usize,
    id_key: &str,
) -> Result<Item<T>, Vec<Problem>> {
    let record = match raw.get(id_key) {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        _ => format!("#{index}"),
    };
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
    let hash = canonical_hash(&raw);
    let raw_text = serde_json::to_string(&raw).expect("a JSON object always serialises");
    Ok(Item {
        raw_text,
        hash,
        typed,
        index,
    })
}

/// SHA-256 of the canonical serialisation of an object: keys sorted at every
/// level, no whitespace. Key order in the file does not change the hash.
pub fn canonical_hash(obj: &Map<String, Value>) -> String {
    let mut h = Sha256::new();
    write_canonical_obj(obj, &mut h);
    hex::encode(h.finalize())
}

fn write_canonical_obj(obj: &Map<String, Value>, h: &mut Sha256) {
    let mut entries: Vec<(&String, &Value)> = obj.iter().collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
    h.update(b"{");
    for (i, (k, v)) in entries.into_iter().enumerate() {
        if i > 0 {
            h.update(b",");
        }
        write_str(k, h);
        h.update(b":");
        write_canonical(v, h);
    }
    h.update(b"}");
}

/// Feeds a hasher through `io::Write` (no intermediate strings).
struct HashWriter<'a>(&'a mut Sha256);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn write_str(s: &str, h: &mut Sha256) {
    // serde_json's escaping is deterministic.
    serde_json::to_writer(HashWriter(h), s).expect("hashing cannot fail");
}

fn write_canonical(v: &Value, h: &mut Sha256) {
    match v {
        Value::Null => h.update(b"null"),
        Value::Bool(b) => h.update(if *b { &b"true"[..] } else { &b"false"[..] }),
        Value::Number(n) => serde_json::to_writer(HashWriter(h), n).expect("hashing cannot fail"),
        Value::String(s) => write_str(s, h),
        Value::Array(a) => {
            h.update(b"[");
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    h.update(b",");
                }
                write_canonical(x, h);
            }
            h.update(b"]");
        }
        Value::Object(o) => write_canonical_obj(o, h),
    }
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
    fn hash_ignores_key_order_and_lists_accept_both_forms() {
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
        assert_eq!(a.hash, b.hash);
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
