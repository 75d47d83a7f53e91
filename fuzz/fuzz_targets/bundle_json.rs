//! Any bytes as any bundle document: must return Ok or a list of problems,
//! never panic; every record's stored text is a compact JSON object.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shortlist_core::import::parse::{compact, content_hash, parse_document, Document, Item};

fn check<T>(it: &Item<T>) {
    let v: serde_json::Value = serde_json::from_str(&it.raw_text).expect("stored text parses");
    assert!(v.is_object());
    assert_eq!(compact(&it.raw_text), it.raw_text.as_str());
    assert_eq!(it.hash, content_hash(&it.raw_text));
}

const NAMES: &[&str] = &[
    "postings/P1.json",
    "candidates/P1.json",
    "candidates/P1.2.json",
    "interviews/I1.json",
    "extensions/I1.json",
];

fuzz_target!(|data: &[u8]| {
    if data.is_empty() {
        return;
    }
    let name = NAMES[data[0] as usize % NAMES.len()];
    match parse_document(name, &data[1..]) {
        Err(problems) => {
            assert!(!problems.is_empty());
            for p in problems {
                assert_eq!(p.file, name);
            }
        }
        Ok(Document::Posting(it)) => check(&it),
        Ok(Document::Interview(it)) => check(&it),
        Ok(Document::InterviewExtension(it)) => check(&it),
        Ok(Document::PostingExtension(it)) => check(&it),
        Ok(Document::Candidates(items)) => items.iter().for_each(|i| check(i)),
        Ok(Document::Ignored) => {}
    }
});
