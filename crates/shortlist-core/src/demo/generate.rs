//! Builds the demo bundle in memory: relative path → bytes, in the SPEC F4
//! layout. Pure function of the constants in `content.rs`, the embedded
//! manifest and [`SEED`]: the same bytes on every run.

use std::collections::HashMap;

use serde_json::Value;

use super::assets::{self};
use super::content::{Person, PEOPLE, POSTINGS};
use super::error::DemoError;
use super::plan::{plan_slots, Bundle, Ctx, DemoStats};
use super::posting::emit_posting;

pub fn generate() -> Result<Bundle, DemoError> {
    let manifest = assets::manifest().map_err(DemoError::Manifest)?;
    let mut ctx = Ctx {
        manifest,
        candidate_ids: HashMap::new(),
        next_interview: 1,
    };
    let mut bundle = Bundle::default();
    let mut pool = PEOPLE.iter();
    // People from earlier postings who also apply to a later one
    // (shared candidate_id: "Find Other Jobs" has something to find).
    let mut applied: Vec<&'static Person> = Vec::new();
    for (pi, posting) in POSTINGS.iter().enumerate() {
        let slots = plan_slots(&mut ctx, posting, &mut pool, &applied, pi)?;
        for s in &slots {
            if !applied.iter().any(|p| p.name == s.person.name) {
                applied.push(s.person);
            }
        }
        emit_posting(&mut ctx, &mut bundle, posting, pi, slots)?;
    }
    // Media: every embedded asset, under media/.
    for a in assets::ASSETS {
        bundle
            .files
            .insert(format!("media/{}", a.path), a.bytes.to_vec());
    }
    Ok(bundle)
}

impl Bundle {
    pub fn stats(&self) -> DemoStats {
        let mut st = DemoStats {
            files: self.files.len(),
            bytes: self.files.values().map(|b| b.len() as u64).sum(),
            ..DemoStats::default()
        };
        for (path, bytes) in &self.files {
            if path.starts_with("postings/") {
                st.postings += 1;
            } else if path.starts_with("interviews/") {
                st.interviews += 1;
            } else if path.starts_with("extensions/") {
                st.extensions += 1;
            } else if path.starts_with("media/") {
                st.media_files += 1;
            } else if path.starts_with("candidates/") {
                let v: Value = serde_json::from_slice(bytes).unwrap_or(Value::Null);
                let list = match &v {
                    Value::Array(a) => a.clone(),
                    Value::Object(o) => o
                        .get("data")
                        .and_then(|d| d.as_array())
                        .cloned()
                        .unwrap_or_default(),
                    _ => vec![],
                };
                for c in list {
                    st.candidates += 1;
                    let status = c
                        .get("status")
                        .and_then(|s| s.as_str())
                        .unwrap_or("")
                        .to_string();
                    *st.by_status.entry(status).or_default() += 1;
                }
            }
        }
        st
    }
}
