//! Generate a large synthetic workspace for the desktop app's list and
//! search benchmark (docs/benchmarks.md, "Desktop app"):
//!
//!   cargo run -p shortlist-app --example gen_workspace -- DIR [CANDIDATES]
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
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: gen_workspace DIR [CANDIDATES]");
    let n: usize = args
        .next()
        .map(|s| s.parse().expect("a count"))
        .unwrap_or(100_000);
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
        let mut tr = tx
            .prepare("INSERT INTO transcript(interview_id, seq, speaker, text, at_seconds) VALUES (?1, ?2, ?3, ?4, ?5)")
            .unwrap();
        let mut fts = tx
            .prepare("INSERT INTO fts(interview_id, name, email, tags, transcript) VALUES (?1, ?2, ?3, ?4, ?5)")
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
            let mut text = String::new();
            if done >= 2 {
                for s in 0..20 {
                    let line: Vec<&str> = (0..12).map(|_| rng.pick(WORDS)).collect();
                    let line = line.join(" ");
                    tr.execute((
                        &id,
                        s,
                        if s % 2 == 0 {
                            "Interviewer"
                        } else {
                            "Candidate"
                        },
                        &line,
                        s as f64 * 9.0,
                    ))
                    .unwrap();
                    text.push_str(&line);
                    text.push('\n');
                }
            }
            fts.execute((&id, &name, &email, tags.join(" "), text))
                .unwrap();
        }
    }
    tx.commit().unwrap();
    println!("wrote {n} candidates to {dir}");
}
