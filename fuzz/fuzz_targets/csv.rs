//! Any bytes as a candidates CSV: Ok rows are well-formed, errors name rows.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shortlist_core::import::csv::{parse_csv, valid_email};

fuzz_target!(|data: &[u8]| {
    match parse_csv(data) {
        Ok(rows) => {
            for r in rows {
                assert!(valid_email(&r.email));
                assert!(!r.name.is_empty());
                let json = r.to_candidate_json("P1");
                assert!(json.contains_key("interview_id"));
            }
        }
        Err(problems) => assert!(!problems.is_empty()),
    }
});
