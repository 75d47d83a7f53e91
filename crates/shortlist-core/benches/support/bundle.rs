//! The import benchmark's bundle: 4 interviewers, 10,000 candidates with 40
//! transcript lines each, deterministic. Text is drawn from a vocabulary of
//! ~3,000 words with Zipf-like frequencies, as real speech is. Shared by
//! `benches/import.rs` and `examples/import_phases.rs`.

use std::path::Path;

use serde_json::{json, Value};

pub const CANDIDATES: usize = 10_000;
pub const POSTINGS: usize = 4;
pub const LINES: usize = 40;

/// Deterministic pseudo-random numbers (xorshift).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
    fn f(&mut self, max: f64) -> f64 {
        ((self.next() % 10_000) as f64 / 10_000.0 * max * 10.0).round() / 10.0
    }
}

const FIRST: &[&str] = &[
    "Ana",
    "José",
    "Li",
    "Amira",
    "Ольга",
    "Dmitri",
    "Zoë",
    "Kenji",
    "Fatima",
    "Lars",
];
const LAST: &[&str] = &[
    "Silva",
    "Álvarez",
    "Wei",
    "Haddad",
    "Иванова",
    "Petrov",
    "Martin",
    "Sato",
    "Khan",
    "Berg",
];
const WORDS: &[&str] = &[
    "customer",
    "team",
    "shift",
    "store",
    "deadline",
    "schedule",
    "service",
    "conflict",
    "calm",
    "inventory",
    "register",
    "weekend",
    "experience",
    "training",
    "manager",
    "feedback",
    "solution",
    "listen",
    "resolve",
];

/// Syllables the rest of the vocabulary is made of.
const SYLLABLES: &[&str] = &[
    "ka", "mor", "ten", "lis", "ro", "van", "de", "sul", "pri", "on", "ga", "tel", "mi", "ber",
    "sto", "ra", "nek", "fu", "al", "ship", "co", "ver", "ti", "um", "bra", "des", "po", "lan",
];

/// Words of the transcripts: [`WORDS`] first (the most frequent; searches
/// in the examples use them), then 3,000 more made of two or three
/// syllables. Interview text has thousands of distinct words; a handful
/// would make the full-text index unrealistically cheap.
fn vocabulary() -> Vec<String> {
    let mut v: Vec<String> = WORDS.iter().map(|w| w.to_string()).collect();
    let mut seen: std::collections::HashSet<String> = v.iter().cloned().collect();
    let n = SYLLABLES.len();
    // Every pair of syllables, then triples: (i % n, i / n % n, i / n² - 1).
    for i in 0..n * n * (n + 1) {
        if v.len() == WORDS.len() + 3_000 {
            break;
        }
        let (a, b, c) = (i % n, i / n % n, i / (n * n));
        let mut w = format!("{}{}", SYLLABLES[b], SYLLABLES[a]);
        if c > 0 {
            w.push_str(SYLLABLES[c - 1]);
        }
        if seen.insert(w.clone()) {
            v.push(w);
        }
    }
    assert_eq!(v.len(), WORDS.len() + 3_000, "vocabulary too small");
    v
}

/// A sentence of `n` words drawn with Zipf-like frequencies (the word of
/// rank k about 1/k as often as the first), capitalised and punctuated.
fn sentence(r: &mut Rng, vocab: &[String], n: usize) -> String {
    let mut out = String::new();
    let ln = ((vocab.len() + 1) as f64).ln();
    for i in 0..n {
        let u = (r.next() % 1_000_000) as f64 / 1_000_000.0;
        let rank = ((u * ln).exp() as usize).clamp(1, vocab.len());
        let w = &vocab[rank - 1];
        if i == 0 {
            let mut c = w.chars();
            out.extend(c.next().map(|f| f.to_ascii_uppercase()));
            out.push_str(c.as_str());
        } else {
            out.push(' ');
            out.push_str(w);
        }
        if i + 1 < n && r.next().is_multiple_of(9) {
            out.push(',');
        }
    }
    out.push(if r.next().is_multiple_of(5) { '?' } else { '.' });
    out
}

pub fn generate(dir: &Path) {
    generate_n(dir, CANDIDATES)
}

/// [`generate`] with `candidates` candidates (the volume example makes
/// 100,000: 100,104 files).
pub fn generate_n(dir: &Path, candidates: usize) {
    let mut r = Rng(0x5eed_1234_abcd_9876);
    let vocab = vocabulary();
    for sub in ["postings", "candidates", "interviews"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    let wf = json!([
        {"id": "s_resume", "type": "resume", "order": 1},
        {"id": "s_web", "type": "web_interview", "order": 2}
    ]);
    for p in 0..POSTINGS {
        let id = format!("P{p}");
        let posting = json!({"id": id, "company_id": "co", "title": format!("Role {p}"), "description": "d",
            "status": "active", "finalized": true, "archived": false, "test_posting": false, "workflow": wf});
        std::fs::write(
            dir.join(format!("postings/{id}.json")),
            serde_json::to_vec(&json!({"data": posting})).unwrap(),
        )
        .unwrap();
    }
    let mut pages: Vec<Vec<Value>> = vec![Vec::new(); POSTINGS];
    for i in 0..candidates {
        let id = format!("I{i:06}");
        let pid = format!("P{}", i % POSTINGS);
        let name = format!("{} {}", r.pick(FIRST), r.pick(LAST));
        let email = format!("c{i}@example.com");
        let workflow = json!({"steps": [
            {"step_id": "s_resume", "order": 1, "status": "completed", "completed": true, "last_updated_at": 1_760_000_000 + i},
            {"step_id": "s_web", "order": 2, "status": "completed", "completed": true, "last_updated_at": 1_760_000_500 + i}
        ], "all_complete": true});
        pages[i % POSTINGS].push(json!({"interview_id": id, "posting_id": pid, "name": name, "email": email,
            "status": "completed", "score": r.f(100.0), "workflow": workflow,
            "data": {"phone": format!("+1 555 {i:04}"), "city": "Lisbon", "country": "PT"}, "created_at": 1_750_000_000 + i}));
        let transcript: Vec<Value> = (0..LINES)
            .map(|l| json!({"speaker": if l % 2 == 0 {"Interviewer"} else {"Candidate"}, "text": sentence(&mut r, &vocab, 14), "timestamp": l as f64 * 7.5}))
            .collect();
        let scorecard: Vec<Value> = (0..8)
            .map(|q| json!({"question_id": format!("q{q}"), "question_text": format!("Question {q}"), "score": r.f(10.0),
                "score_weight": 1 + q % 3, "evaluation_summary": sentence(&mut r, &vocab, 20), "evaluation_criteria": sentence(&mut r, &vocab, 8),
                "not_scored": q == 7, "rank": q + 1}))
            .collect();
        let interview = json!({"interview_id": id, "posting_id": pid, "name": name, "email": email, "status": "completed",
            "score": r.f(100.0), "workflow": workflow,
            "web_interview": {"match_score": r.f(100.0), "highlights": [sentence(&mut r, &vocab, 6)], "lowlights": [sentence(&mut r, &vocab, 6)],
                "scorecard": scorecard, "speech_score": r.f(5.0), "transcript": transcript,
                "video_recording_url": format!("https://cdn.example.com/v/{id}.webm"), "tags": ["Calm", r.pick(WORDS)]},
            "resume": {"overall_score": r.f(100.0), "is_eligible": true},
            "cheat_detection": {"overall_confidence": r.f(1.0), "overall_ranking": 1 + r.next() % 5,
                "web_interview": {"tab_switch_detection": {"total_count": 1, "events": [{"timestamp": r.f(300.0)}]}}},
            "data": {"phone": format!("+1 555 {i:04}")}});
        std::fs::write(
            dir.join(format!("interviews/{id}.json")),
            serde_json::to_vec(&json!({"data": interview})).unwrap(),
        )
        .unwrap();
    }
    for (p, cands) in pages.into_iter().enumerate() {
        for (n, chunk) in cands.chunks(1000).enumerate() {
            let file = if n == 0 {
                format!("candidates/P{p}.json")
            } else {
                format!("candidates/P{p}.{}.json", n + 1)
            };
            let doc = json!({"data": chunk, "pagination": {"has_more": false}});
            std::fs::write(dir.join(file), serde_json::to_vec(&doc).unwrap()).unwrap();
        }
    }
}
