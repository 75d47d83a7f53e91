//! Deterministic sample candidates (multi-script) for tests, benches and the
//! sample images in `docs/`. Built from the core's typed API shapes, exactly
//! what the review model carries.

use std::collections::HashMap;

use serde_json::json;
use shortlist_core::ext::InterviewExtension;
use shortlist_core::model::{InterviewData, Posting};

use crate::model::{CandidateData, Decision, Note};

pub fn posting() -> Posting {
    serde_json::from_value(json!({
        "id": "pst_627",
        "title": "Seasonal Sales Associate",
        "name": "627-seasonal-sales-associate",
        "language": "zh",
        "interviewer_name": "Sally",
        "status": "active",
        "created_at": 1_761_955_200.0
    }))
    .expect("sample posting")
}

/// Which script the sample candidate's name and transcript are in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    Chinese,
    Arabic,
    Latin,
}

/// A completed interview with multi-script content; `transcript_turns`
/// controls the transcript length (≈ 26 turns a page).
pub fn candidate(script: Script, transcript_turns: usize) -> CandidateData {
    let (id, name, email, lines): (&str, &str, &str, [&str; 4]) = match script {
        Script::Chinese => (
            "int_zh_0001",
            "王小明",
            "xiaoming.wang@example.cn",
            [
                "您好，请简单介绍一下您在零售行业的经验。",
                "我在上海的一家百货商店工作了三年，主要负责顾客服务和收银。",
                "如果顾客对退货政策不满意，您会怎么处理？",
                "我会先耐心倾听，然后解释政策，并尽量提供替代方案，例如换货或积分。",
            ],
        ),
        Script::Arabic => (
            "int_ar_0002",
            "ليلى حداد",
            "layla.haddad@example.ae",
            [
                "مرحباً، حدثينا عن خبرتك في خدمة العملاء.",
                "عملت لمدة عامين في متجر ملابس في دبي، وكنت مسؤولة عن استقبال العملاء وترتيب المخزون (SKU 4471).",
                "كيف تتعاملين مع عميل غاضب في وقت الذروة؟",
                "أستمع إليه بهدوء، ثم أبحث عن حل سريع مثل الاستبدال أو الخصم بنسبة 10%.",
            ],
        ),
        Script::Latin => (
            "int_en_0003",
            "Zoë Ångström-Müller",
            "zoe.angstrom@example.se",
            [
                "Hello! Could you tell me about your retail experience?",
                "I spent two years at a café in Malmö and one at a bookshop in København, handling the till and stock.",
                "How would you handle a customer who is upset about our returns policy?",
                "I'd listen first, explain the policy calmly, and offer an exchange or store credit where I can.",
            ],
        ),
    };
    let transcript: Vec<serde_json::Value> = (0..transcript_turns)
        .map(|i| {
            let speaker = if i % 2 == 0 {
                "Interviewer"
            } else {
                "Candidate"
            };
            json!({"speaker": speaker, "text": lines[i % 4], "timestamp": (i as f64) * 17.5})
        })
        .collect();
    let interview: InterviewData = serde_json::from_value(json!({
        "interview_id": id,
        "candidate_id": format!("cand_{id}"),
        "posting_id": "pst_627",
        "name": name,
        "email": email,
        "score": 78.0,
        "status": "completed",
        "resume": {"overall_score": 74.0, "is_eligible": true},
        "web_interview": {
            "match_score": 81.0,
            "speech_score": 4.2,
            "highlights": [
                "Calm, structured answer to the difficult-customer scenario (STAR format).",
                "Relevant experience: 3 years in retail, including cash handling and stock counts.",
                "Mentions colleagues by name — Мария, Γιώργος and דוד — and credits the team.",
            ],
            "lowlights": [
                "Limited experience with the inventory system used in store.",
                "Available only from mid-December; weekend shifts unclear.",
            ],
            "tags": ["Customer-focused", "Balanced approach", "Resourceful", "Bilingual 中文/English", "متعاون"],
            "scorecard": [
                {"question_id": "q1", "question_text": "Customer service experience", "score": 8.0, "score_weight": 2.0,
                 "evaluation_summary": "Three years on the shop floor with clear, concrete examples of helping customers find products.",
                 "evaluation_criteria": "Depth and relevance of experience", "rank": 1},
                {"question_id": "q2", "question_text": "Handling a difficult customer", "score": 9.0, "score_weight": 3.0,
                 "evaluation_summary": "Listens, acknowledges, offers an exchange or store credit; escalates only when needed.",
                 "evaluation_criteria": "De-escalation", "rank": 2},
                {"question_id": "q3", "question_text": "处理收银差错", "score": 6.0, "score_weight": 1.0,
                 "evaluation_summary": "知道要先核对小票再上报主管，但没有提到当班结算流程。",
                 "evaluation_criteria": "Cash handling", "rank": 3},
                {"question_id": "q4", "question_text": "Teamwork during peak hours", "score": 7.0,
                 "evaluation_summary": "Gives a good example of covering for a colleague during the holiday rush.",
                 "evaluation_criteria": "Teamwork", "rank": 4},
                {"question_id": "q5", "question_text": "Availability for weekend shifts", "score": 5.0, "not_scored": true,
                 "evaluation_summary": "Can work Saturdays; Sundays only twice a month.",
                 "evaluation_criteria": "Informational", "rank": 5}
            ],
            "transcript": transcript
        },
        "cheat_detection": {
            "enabled": true, "overall_confidence": 0.62, "overall_ranking": 3, "threshold": 0.5,
            "web_interview": {
                "llm_detection_result": {"llm_generated_detected": true, "detection_confidence": 0.64,
                    "llm_detected_segments": [{"segment_text": "…", "segment_confidence": 0.64, "reasoning": "Answer to Q2 reads like a prepared script."}]},
                "unusual_delay_detection": {"delay_detected": false, "delay_confidence": 0.2, "overall_score": 0.1, "confidence_level": 0.2},
                "tab_switch_detection": {"total_count": 2, "events": []}
            }
        }
    }))
    .expect("sample interview");
    let mut averages = HashMap::new();
    averages.insert("q1".to_string(), 64.0);
    averages.insert("q2".to_string(), 58.0);
    averages.insert("q3".to_string(), 71.0);
    averages.insert("q4".to_string(), 66.0);
    CandidateData {
        posting: posting(),
        interview,
        candidate: None,
        extension: Some(InterviewExtension {
            interview_id: id.to_string(),
            ..Default::default()
        }),
        decision: Some(Decision {
            decision: "shortlisted".into(),
            decided_by: "r.silva".into(),
            decided_at: 1_764_201_600.0,
        }),
        panel: None,
        notes: vec![Note {
            id: 1,
            interview_id: id.to_string(),
            at_seconds: Some(95.0),
            text: "Strong answer on de-escalation; check Sunday availability before an offer."
                .into(),
            author: "r.silva".into(),
            created_at: 1_764_201_000.0,
            updated_at: None,
            conflict: Vec::new(),
        }],
        interviewed_at: Some(1_764_115_200.0),
        last_activity_at: Some(1_764_118_800.0),
        scorecard_scale: 10.0,
        averages,
        average_n: 14,
    }
}

/// A media file attached to a sample candidate: `(kind, mime, bytes)`.
pub type SampleMedia = (&'static str, &'static str, Vec<u8>);

/// Write sample candidates into a workspace the way an import projects them
/// (raw JSON + the typed columns the review model reads). Test support until
/// tests can import bundles; never used by the app.
pub fn seed(
    ws: &shortlist_core::Workspace,
    items: &[(CandidateData, Vec<SampleMedia>)],
) -> Result<(), crate::ReportError> {
    let media_dir = ws.media_dir();
    let mut conn = ws.writer();
    let tx = conn.transaction()?;
    for (data, media) in items {
        let p = &data.posting;
        let praw = serde_json::to_string(p).expect("posting serialises");
        tx.execute(
            "INSERT OR IGNORE INTO postings (id, raw, raw_hash, title, slug, interviewer_name, status, language, created_at, imported_at) \
             VALUES (?1, ?2, 'h', ?3, ?4, ?5, ?6, ?7, ?8, 0)",
            rusqlite::params![p.id, praw, p.title, p.name, p.interviewer_name, p.status, p.language, p.created_at],
        )?;
        let iv = &data.interview;
        let web = iv.web_interview.as_ref();
        let mut iv_json = serde_json::to_value(iv).expect("interview serialises");
        for (kind, _, _) in media {
            let (obj, key) = match *kind {
                "video" => ("web_interview", "video_recording_url"),
                "audio" => ("web_interview", "audio_recording_url"),
                _ => ("resume", "resume_url"),
            };
            if let Some(o) = iv_json.get_mut(obj).and_then(|v| v.as_object_mut()) {
                o.insert(
                    key.into(),
                    format!("media/{}_{kind}", iv.interview_id).into(),
                );
            }
        }
        let iraw = serde_json::to_string(&iv_json).expect("interview serialises");
        let craw = serde_json::to_string(&serde_json::json!({
            "interview_id": iv.interview_id, "candidate_id": iv.candidate_id, "posting_id": iv.posting_id,
            "name": iv.name, "email": iv.email, "score": iv.score, "status": iv.status,
            "metadata": {"source": "=HYPERLINK(\"http://x\")", "referrer": "Job fair"}
        }))
        .expect("candidate serialises");
        let ext = data
            .extension
            .as_ref()
            .map(|e| serde_json::to_string(e).expect("extension serialises"));
        let custom =
            serde_json::json!({"source": "=HYPERLINK(\"http://x\")", "referrer": "Job fair"})
                .to_string();
        tx.execute(
            "INSERT INTO candidates (interview_id, posting_id, candidate_id, cand_raw, cand_hash, interview_raw, interview_hash, ext_raw, \
             name, email, imported_status, score, resume_score, video_score, speech_score, steps_total, steps_done, \
             interviewed_at, last_activity_at, created_at, custom, imported_at) \
             VALUES (?1, ?2, ?3, ?4, 'h', ?5, 'h', ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 2, 2, ?14, ?15, ?14, ?16, 0)",
            rusqlite::params![
                iv.interview_id, iv.posting_id, iv.candidate_id, craw, iraw, ext, iv.name, iv.email, iv.status, iv.score,
                iv.resume.as_ref().and_then(|r| r.overall_score), web.map(|w| w.match_score), web.and_then(|w| w.speech_score),
                data.interviewed_at, data.last_activity_at, custom
            ],
        )?;
        for (order, (kind, score)) in [
            ("resume", iv.resume.as_ref().and_then(|r| r.overall_score)),
            ("web_interview", web.map(|w| w.match_score)),
        ]
        .into_iter()
        .enumerate()
        {
            tx.execute(
                "INSERT INTO steps (interview_id, step_order, step_id, kind, status, score) VALUES (?1, ?2, ?3, ?4, 'completed', ?5)",
                rusqlite::params![iv.interview_id, order as i64 + 1, format!("st{order}"), kind, score],
            )?;
        }
        if let Some(w) = web {
            for q in &w.scorecard {
                tx.execute(
                    "INSERT INTO scorecard (interview_id, question_id, rank, question_text, score, score_pct, weight, not_scored) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    rusqlite::params![
                        iv.interview_id, q.question_id, q.rank, q.question_text, q.score,
                        shortlist_core::scoring::scorecard_pct(q.score, data.scorecard_scale),
                        q.score_weight.unwrap_or(1.0), q.not_scored
                    ],
                )?;
            }
            for t in &w.tags {
                tx.execute(
                    "INSERT OR IGNORE INTO tags (interview_id, tag) VALUES (?1, ?2)",
                    rusqlite::params![iv.interview_id, t],
                )?;
            }
        }
        // The index row shares the candidate's rowid (see the core's schema v4).
        tx.execute(
            "INSERT INTO fts (rowid, name, email, tags, transcript) \
             SELECT rowid, ?2, ?3, '', '' FROM candidates WHERE interview_id = ?1",
            rusqlite::params![iv.interview_id, iv.name, iv.email],
        )?;
        for (kind, mime, bytes) in media {
            let (hash, size) = shortlist_core::store::media::put_reader_keyed(
                &media_dir,
                &bytes[..],
                u64::MAX,
                ws.key(),
            )?;
            tx.execute(
                "INSERT OR IGNORE INTO media (hash, mime, size, added_at) VALUES (?1, ?2, ?3, 0)",
                rusqlite::params![hash, mime, size as i64],
            )?;
            tx.execute(
                "INSERT INTO candidate_media (interview_id, kind, hash, original_name) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![iv.interview_id, kind, hash, format!("{}_{kind}", iv.interview_id)],
            )?;
        }
        if let Some(d) = &data.decision {
            tx.execute(
                "INSERT INTO decisions (interview_id, decision, decided_by, decided_at) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![iv.interview_id, d.decision, d.decided_by, d.decided_at],
            )?;
            tx.execute(
                "INSERT INTO decision_log (interview_id, previous, decision, decided_by, decided_at) VALUES (?1, NULL, ?2, ?3, ?4)",
                rusqlite::params![iv.interview_id, d.decision, d.decided_by, d.decided_at],
            )?;
        }
        for n in &data.notes {
            tx.execute(
                "INSERT INTO notes (interview_id, at_seconds, text, author, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                rusqlite::params![iv.interview_id, n.at_seconds, n.text, n.author, n.created_at],
            )?;
        }
    }
    // Derived columns, as the import's projection keeps them.
    shortlist_core::project::refresh_derived(&tx, None)?;
    tx.commit()?;
    Ok(())
}

/// A small pipeline: the three multi-script candidates plus `extra` Latin
/// ones with varied scores, each of the first three with a résumé, a video
/// and an audio file (synthetic bytes).
pub fn seed_pipeline(
    ws: &shortlist_core::Workspace,
    extra: usize,
) -> Result<Vec<String>, crate::ReportError> {
    let mut items = Vec::new();
    for (i, s) in [Script::Chinese, Script::Arabic, Script::Latin]
        .into_iter()
        .enumerate()
    {
        let d = candidate(s, 8);
        let media: Vec<SampleMedia> = vec![
            (
                "resume",
                "application/pdf",
                format!("%PDF-1.4 résumé {i}").into_bytes(),
            ),
            (
                "video",
                "video/webm",
                (0..200_000u32)
                    .map(|k| (k.wrapping_mul(2654435761) >> 13) as u8)
                    .collect(),
            ),
            (
                "audio",
                "audio/mpeg",
                vec![0xFF, 0xFB, 0x90, i as u8, 1, 2, 3],
            ),
        ];
        items.push((d, media));
    }
    for k in 0..extra {
        let mut d = candidate(Script::Latin, 2);
        d.interview.interview_id = format!("int_x_{k:04}");
        d.interview.name = format!("Candidate {k:04}");
        d.interview.email = format!("c{k}@example.com");
        d.interview.score = Some(((k * 37) % 100) as f64);
        if let Some(w) = d.interview.web_interview.as_mut() {
            w.match_score = ((k * 53) % 100) as f64;
            for (j, q) in w.scorecard.iter_mut().enumerate() {
                q.score = ((k + j * 3) % 10 + 1) as f64;
            }
        }
        d.decision = None;
        d.notes.clear();
        items.push((d, vec![]));
    }
    let ids = items
        .iter()
        .map(|(d, _)| d.interview.interview_id.clone())
        .collect();
    seed(ws, &items)?;
    Ok(ids)
}

/// The synthetic video bytes [`seed_pipeline`] attaches (for assertions).
pub fn seed_pipeline_media(_i: usize) -> (&'static str, Vec<u8>) {
    (
        "video/webm",
        (0..200_000u32)
            .map(|k| (k.wrapping_mul(2654435761) >> 13) as u8)
            .collect(),
    )
}
