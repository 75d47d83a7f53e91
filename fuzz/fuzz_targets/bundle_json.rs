//! Any bytes as any bundle document: must return Ok or a list of problems,
//! never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shortlist_core::import::parse::parse_document;

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
    if let Err(problems) = parse_document(name, &data[1..]) {
        assert!(!problems.is_empty());
        for p in problems {
            assert_eq!(p.file, name);
        }
    }
});
