//! Generate a large synthetic workspace for the desktop app's list and
//! search benchmark (docs/benchmarks.md, "Desktop app"):
//!
//!   cargo run -p shortlist-app --example gen_workspace -- DIR [CANDIDATES] [--rich VIDEO]
//!
//! With `--rich VIDEO` the first 24 candidates also get a full interview
//! (scorecard, transcript, résumé, cheat flags), Shortlist's extension data
//! (diagnostics, evaluation modules, cross-agent signals, résumé questions)
//! and the given recording, and one candidate is named like HTML markup —
//! a fixture for looking at every profile screen without an import.
//!
//! One interviewer, CANDIDATES candidates (default 100,000) with names in
//! several scripts, stage rows, tags and a 20-line transcript each, indexed
//! in the full-text table exactly as the schema lays it out. Deterministic.

use shortlist_core::Workspace;

const FIRST: &[&str] = &[
    "Ana",
    "José",
    "María",
    "Luca",
    "Chloé",
    "Noah",
    "Amelia",
    "Oliver",
    "Zoë",
    "Mateus",
    "Søren",
    "Анна",
    "Иван",
    "Ольга",
    "王伟",
    "李娜",
    "张敏",
    "محمد",
    "فاطمة",
    "Yusuf",
    "Aiko",
    "Hana",
];
const LAST: &[&str] = &[
    "García", "Silva", "Rossi", "Müller", "Dubois", "Smith", "Nowak", "Petrova", "Kowalski",
    "Yilmaz", "Tanaka", "Kim", "Haddad", "Okafor", "Larsen", "Novak",
];
const WORDS: &[&str] = &[
    "customer",
    "service",
    "retail",
    "warehouse",
    "forklift",
    "inventory",
    "shift",
    "team",
    "manager",
    "sales",
    "register",
    "weekend",
    "holiday",
    "stock",
    "display",
    "merchandise",
    "experience",
    "schedule",
    "training",
    "safety",
    "returns",
    "checkout",
    "loyalty",
    "store",
];
const TAGS: &[&str] = &[
    "Customer-focused",
    "Balanced approach",
    "Resourceful",
    "Team player",
    "Detail-oriented",
    "Bilingual",
    "Night shifts",
];

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
    fn f(&mut self) -> f64 {
        (self.next() % 10_000) as f64 / 10_000.0
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .first()
        .expect("usage: gen_workspace DIR [CANDIDATES] [--rich VIDEO]")
        .clone();
    let n: usize = args
        .get(1)
        .filter(|a| !a.starts_with("--"))
        .map(|s| s.parse().expect("a count"))
        .unwrap_or(100_000);
    let rich_video = args
        .iter()
        .position(|a| a == "--rich")
        .map(|i| args[i + 1].clone());
    let ws = Workspace::open(&dir).expect("open workspace");
    let mut conn = ws.writer();
    let tx = conn.transaction().unwrap();
    let now = 1_780_000_000.0_f64;
    let posting = serde_json::json!({
        "id": "bench-posting", "title": "Warehouse Associate (benchmark)", "name": "900-warehouse-associate",
        "status": "active", "interviewer_name": "Sally", "language": "en",
        "workflow": [{"type": "resume", "order": 1}, {"type": "web_interview", "order": 2}],
        "deadline": now + 20.0 * 86400.0, "created_at": now - 30.0 * 86400.0
    });
    tx.execute(
        "INSERT INTO postings(id, raw, raw_hash, title, slug, interviewer_name, status, language, created_at, deadline, subscribers, budget, spend, currency, imported_at)
         VALUES ('bench-posting', ?1, 'h', 'Warehouse Associate (benchmark)', '900-warehouse-associate', 'Sally', 'active', 'en', ?2, ?3, 3, 5000, 1240, 'USD', ?2)",
        (posting.to_string(), now - 30.0 * 86400.0, now + 20.0 * 86400.0),
    )
    .unwrap();
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    {
        let mut cand = tx
            .prepare(
                "INSERT INTO candidates(interview_id, posting_id, candidate_id, name, email, location, country, imported_status, score, resume_score, video_score, speech_score, steps_total, steps_done, created_at, last_activity_at, custom, imported_at)
                 VALUES (?1, 'bench-posting', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 2, ?12, ?13, ?14, ?15, ?13)",
            )
            .unwrap();
        let mut step = tx
            .prepare("INSERT INTO steps(interview_id, step_order, step_id, kind, status, score) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            .unwrap();
        let mut tag = tx
            .prepare("INSERT OR IGNORE INTO tags(interview_id, tag) VALUES (?1, ?2)")
            .unwrap();
        // Transcripts live in the raw interview JSON (as an import stores
        // them); the index row shares the candidate's rowid.
        let mut raw = tx
            .prepare("UPDATE candidates SET interview_raw = ?2 WHERE interview_id = ?1")
            .unwrap();
        let mut fts = tx
            .prepare("INSERT INTO fts(rowid, name, email, tags, transcript) SELECT rowid, ?2, ?3, ?4, ?5 FROM candidates WHERE interview_id = ?1")
            .unwrap();
        for i in 0..n {
            let id = format!("bench-{i:06}");
            let name = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
            let email = format!("candidate{i}@example.com");
            let done = (rng.next() % 3) as i64;
            let status = match done {
                0 => "pending",
                1 => "in_progress",
                _ => "completed",
            };
            let resume = (done >= 1).then(|| 40.0 + rng.f() * 60.0);
            let video = (done >= 2).then(|| 30.0 + rng.f() * 70.0);
            let score = video.map(|v| (v + resume.unwrap_or(v)) / 2.0);
            let speech = video.map(|v| (v / 20.0 * 10.0).round() / 10.0);
            let created = now - rng.f() * 30.0 * 86400.0;
            let custom = serde_json::json!({"source": rng.pick(&["LinkedIn", "Indeed", "Referral"]), "shift": rng.pick(&["day", "night"])});
            cand.execute((
                &id,
                format!("c{i}"),
                &name,
                &email,
                "Lisbon",
                "PT",
                status,
                score,
                resume,
                video,
                speech,
                done,
                created,
                created + rng.f() * 86400.0,
                custom.to_string(),
            ))
            .unwrap();
            step.execute((
                &id,
                1,
                "s1",
                "resume",
                if done >= 1 {
                    "completed"
                } else {
                    "not_started"
                },
                resume,
            ))
            .unwrap();
            step.execute((
                &id,
                2,
                "s2",
                "web_interview",
                if done >= 2 {
                    "completed"
                } else if done == 1 {
                    "in_progress"
                } else {
                    "not_started"
                },
                video,
            ))
            .unwrap();
            let mut tags = Vec::new();
            for _ in 0..2 {
                let t = rng.pick(TAGS);
                tag.execute((&id, t)).unwrap();
                tags.push(t);
            }
            let mut lines: Vec<String> = Vec::new();
            if done >= 2 {
                let mut transcript = Vec::new();
                for s in 0..20 {
                    let line: Vec<&str> = (0..12).map(|_| rng.pick(WORDS)).collect();
                    let line = line.join(" ");
                    transcript.push(serde_json::json!({
                        "speaker": if s % 2 == 0 { "Interviewer" } else { "Candidate" },
                        "text": line, "timestamp": s as f64 * 9.0
                    }));
                    lines.push(line);
                }
                let interview = serde_json::json!({
                    "interview_id": id, "posting_id": "bench-posting", "name": name, "email": email,
                    "status": status, "score": score,
                    "web_interview": {"match_score": video, "transcript": transcript, "tags": tags}
                });
                raw.execute((&id, interview.to_string())).unwrap();
            }
            let text = lines.join("\n");
            fts.execute((&id, &name, &email, tags.join(" "), text))
                .unwrap();
        }
    }
    if let Some(video) = rich_video {
        let media_dir = ws.media_dir();
        let file = std::fs::File::open(&video).expect("open video");
        let (hash, size) =
            shortlist_core::store::media::put_reader(&media_dir, file, 1 << 30).unwrap();
        let mime = if video.ends_with(".mp4") {
            "video/mp4"
        } else {
            "video/webm"
        };
        tx.execute(
            "INSERT OR IGNORE INTO media(hash, mime, size, added_at) VALUES (?1, ?2, ?3, ?4)",
            (&hash, mime, size as i64, now),
        )
        .unwrap();
        enrich(&tx, &mut rng, n.min(24), &hash, now);
    }
    // Derived columns, as the import's projection keeps them.
    shortlist_core::project::refresh_derived(&tx, None).unwrap();
    tx.commit().unwrap();
    println!("wrote {n} candidates to {dir}");
}

const QUESTIONS: &[&str] = &[
    "Tell us about a time you handled a difficult customer.",
    "How do you keep a busy shift organised?",
    "Describe your experience with inventory and stock counts.",
    "How would you handle a safety issue on the floor?",
    "Why do you want to work weekends and holidays with us?",
];

fn enrich(tx: &rusqlite::Transaction, rng: &mut Rng, k: usize, video_hash: &str, now: f64) {
    for i in 0..k {
        let id = format!("bench-{i:06}");
        let name = if i == 3 {
            "<img src=x onerror=alert(1)>".to_string()
        } else {
            format!("{} {}", rng.pick(FIRST), rng.pick(LAST))
        };
        tx.execute("UPDATE candidates SET name = ?2, imported_status = 'completed', steps_done = 2 WHERE interview_id = ?1", (&id, &name)).unwrap();
        tx.execute("DELETE FROM steps WHERE interview_id = ?1", [&id])
            .unwrap();
        let resume = 50.0 + rng.f() * 50.0;
        let video = 40.0 + rng.f() * 60.0;
        tx.execute("UPDATE candidates SET resume_score = ?2, video_score = ?3, score = ?4, speech_score = ?5 WHERE interview_id = ?1",
            (&id, resume, video, (resume + video) / 2.0, (video / 20.0 * 10.0).round() / 10.0)).unwrap();
        tx.execute("INSERT INTO steps(interview_id, step_order, step_id, kind, status, score) VALUES (?1, 1, 's1', 'resume', 'completed', ?2)", (&id, resume)).unwrap();
        tx.execute("INSERT INTO steps(interview_id, step_order, step_id, kind, status, score) VALUES (?1, 2, 's2', 'web_interview', 'completed', ?2)", (&id, video)).unwrap();
        let mut transcript = Vec::new();
        for s in 0..16 {
            let speaker = if s % 2 == 0 {
                "Interviewer"
            } else {
                "Candidate"
            };
            let line: Vec<&str> = (0..10).map(|_| rng.pick(WORDS)).collect();
            let text = if s == 1 {
                format!("Hi, my name is {name} and I have retail experience.")
            } else {
                line.join(" ")
            };
            let at = s as f64 * 2.5;
            transcript.push(serde_json::json!({"speaker": speaker, "text": text, "timestamp": at}));
        }
        let mut scorecard = Vec::new();
        for (qi, q) in QUESTIONS.iter().enumerate() {
            let score = 3.0 + (rng.next() % 8) as f64;
            let weight = 1.0 + (qi % 3) as f64;
            tx.execute("INSERT INTO scorecard(interview_id, question_id, rank, question_text, score, score_pct, weight, not_scored) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0)",
                (&id, format!("q{qi}"), qi as i64 + 1, *q, score, score * 10.0, weight)).unwrap();
            scorecard.push(serde_json::json!({
                "question_id": format!("q{qi}"), "question_text": q, "score": score, "score_weight": weight,
                "evaluation_summary": "Gave a concrete example with a clear outcome; could quantify results more.",
                "evaluation_criteria": "Specific situation, actions taken, and the result.",
                "score_1_description": "No example or an off-topic answer.",
                "score_5_description": "A specific, well-structured example with a measurable result.",
                "not_scored": false, "rank": qi + 1, "transcript": []
            }));
        }
        let interview = serde_json::json!({
            "interview_id": id, "posting_id": "bench-posting", "name": name, "email": format!("candidate{i}@example.com"),
            "status": "completed", "score": (resume + video) / 2.0,
            "web_interview": {"match_score": video, "highlights": ["Calm under pressure", "Knows stock rotation"], "lowlights": ["Short answers on safety"],
                "scorecard": scorecard, "speech_score": 4.1, "transcript": transcript, "tags": ["Customer-focused", "Resourceful"]},
            "resume": {"overall_score": resume, "is_eligible": true,
                "score_criteria": [{"criteria_id": "c1", "criteria_text": "Retail experience", "score": 7.5, "confidence": 0.8, "reasons": ["Two years at a supermarket"]}],
                "eligibility_criteria": [{"criteria_id": "e1", "criteria_text": "Can work weekends", "passed": true, "confidence": 0.9, "reasons": ["Stated availability"]}]},
            "cheat_detection": {"overall_confidence": 0.62, "overall_ranking": 3}
        });
        let ext = serde_json::json!({
            "interview_id": id,
            "diagnostics": {"experience_score": 88, "experience_label": "excellent",
                "analysis": ["Completed on first attempt", "Media permission errors but candidate persisted", "Slower internet detected"],
                "visits": [{"status": "completed", "started_at": now - 86400.0, "duration_seconds": 1260, "browser": "Chrome 146", "os": "Windows 10"}],
                "metrics": {"journey_completion": 100, "error_impact": 72, "frustration_signals": 85, "connectivity_quality": 64, "time_to_start": 90},
                "connectivity": (0..24).map(|t| serde_json::json!({"t": t as f64 * 30.0, "rtt_ms": 60.0 + rng.f() * 80.0, "jitter_ms": 5.0 + rng.f() * 20.0, "packet_loss_pct": if t % 7 == 3 { 2.5 } else { 0.0 }})).collect::<Vec<_>>(),
                "location": {"city": "Lisbon", "country": "PT", "timezone": "Europe/Lisbon"}, "vpn_detected": false,
                "session_replay": {"available": true, "events": [{"t": 0, "kind": "page_load"}, {"t": 12, "kind": "permission_prompt", "detail": "camera"}]},
                "identity_checks": [{"check": "Email Verification", "status": "passed"}, {"check": "Network (IP)", "status": "warning", "detail": "Shared IP"}],
                "ip_address": "203.0.113.24",
                "processing_times": [{"evaluator": "Scorecard", "seconds": 4.2}, {"evaluator": "Cheat Detection", "seconds": 2.9}]},
            "evaluation_modules": [{"id": "salary", "title": "Salary expectation", "status": "pass", "answer": "€1,400 / month"},
                {"id": "notice", "title": "Notice period", "status": "info", "answer": "2 weeks"}],
            "cross_agent_signals": [{"topic": "dates", "resume_claim": "Store supervisor 2019–2023", "interview_quote": "I became a supervisor last year", "timestamp": 12.5, "severity": "medium"}],
            "resume_questions": [{"question": "Tell me about the supervisor role", "timing": "upfront", "asked": true, "asked_at": 5.0},
                {"question": "Why did you leave your last job?", "timing": "deferred", "asked": false}]
        });
        tx.execute("UPDATE candidates SET interview_raw = ?2, ext_raw = ?3, cheat_ranking = 3, cheat_confidence = 0.62 WHERE interview_id = ?1",
            (&id, interview.to_string(), ext.to_string())).unwrap();
        tx.execute("INSERT INTO cheat_flags(interview_id, seq, kind, confidence, at_seconds, detail) VALUES (?1, 0, 'tab_switching', 0.7, 15.0, 'Left the tab twice')", [&id]).unwrap();
        tx.execute(
            "INSERT INTO candidate_media(interview_id, kind, hash) VALUES (?1, 'video', ?2)",
            (&id, video_hash),
        )
        .unwrap();
        let text: Vec<String> = transcript
            .iter()
            .map(|t| t["text"].as_str().unwrap().to_string())
            .collect();
        let rowid: i64 = tx
            .query_row(
                "SELECT rowid FROM candidates WHERE interview_id = ?1",
                [&id],
                |r| r.get(0),
            )
            .unwrap();
        tx.execute("DELETE FROM fts WHERE rowid = ?1", [rowid])
            .unwrap();
        tx.execute(
            "INSERT INTO fts(rowid, name, email, tags, transcript) VALUES (?1, ?2, ?3, '', ?4)",
            (
                rowid,
                &name,
                format!("candidate{i}@example.com"),
                text.join("\n"),
            ),
        )
        .unwrap();
    }
}
