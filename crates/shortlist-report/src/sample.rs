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
        notes: vec![Note {
            at_seconds: Some(95.0),
            text: "Strong answer on de-escalation; check Sunday availability before an offer."
                .into(),
            author: "r.silva".into(),
            created_at: 1_764_201_000.0,
        }],
        interviewed_at: Some(1_764_115_200.0),
        last_activity_at: Some(1_764_118_800.0),
        scorecard_scale: 10.0,
        averages,
        average_n: 14,
    }
}
