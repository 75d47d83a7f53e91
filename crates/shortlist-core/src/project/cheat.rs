//! Cheat-detection signals of an interview as flag rows (SPEC F3: signals
//! for a human, never a score).

use serde_json::Value;

use crate::model::InterviewData;

/// One `cheat_flags` row.
#[derive(Debug, Clone, PartialEq)]
pub struct CheatFlag {
    pub kind: &'static str,
    pub confidence: Option<f64>,
    pub at_seconds: Option<f64>,
    pub detail: Option<String>,
}

/// The cheat-detection signals of an interview, one per event/instance.
pub fn cheat_flags(interview: Option<&InterviewData>) -> Vec<CheatFlag> {
    let mut out = Vec::new();
    let Some(w) = interview
        .and_then(|i| i.cheat_detection.as_ref())
        .and_then(|c| c.web_interview.as_ref())
    else {
        return out;
    };
    if let Some(tab) = &w.tab_switch_detection {
        let events = tab.get("events").and_then(Value::as_array);
        let mut n = 0;
        for e in events.into_iter().flatten() {
            let at = e
                .get("timestamp")
                .or_else(|| e.get("at"))
                .and_then(Value::as_f64)
                .or_else(|| e.as_f64());
            let detail = e
                .get("duration")
                .and_then(Value::as_f64)
                .map(|d| format!("away {d:.0} s"));
            out.push(CheatFlag {
                kind: "tab_switching",
                confidence: None,
                at_seconds: at,
                detail,
            });
            n += 1;
        }
        let total = tab.get("total_count").and_then(Value::as_i64).unwrap_or(0);
        if n == 0 && total > 0 {
            out.push(CheatFlag {
                kind: "tab_switching",
                confidence: None,
                at_seconds: tab
                    .get("first_switch_timestamp")
                    .or_else(|| tab.get("first_switch_at"))
                    .and_then(Value::as_f64),
                detail: Some(format!("{total} tab switches")),
            });
        }
    }
    if let Some(r) = w
        .cheat_detection_result
        .as_ref()
        .filter(|r| r.cheating_detected)
    {
        for inst in &r.cheating_instances {
            if inst.transcript_references.is_empty() {
                out.push(CheatFlag {
                    kind: "ai_scripted_answer",
                    confidence: Some(r.cheating_confidence),
                    at_seconds: None,
                    detail: Some(inst.reasoning.clone()),
                });
            }
            for t in &inst.transcript_references {
                out.push(CheatFlag {
                    kind: "ai_scripted_answer",
                    confidence: Some(r.cheating_confidence),
                    at_seconds: Some(t.actual_timestamp),
                    detail: Some(format!("{} — “{}”", inst.reasoning, t.text)),
                });
            }
        }
    }
    if let Some(l) = w
        .llm_detection_result
        .as_ref()
        .filter(|l| l.llm_generated_detected)
    {
        if l.llm_detected_segments.is_empty() {
            out.push(CheatFlag {
                kind: "ai_scripted_answer",
                confidence: Some(l.detection_confidence),
                at_seconds: None,
                detail: Some("LLM-generated speech detected".into()),
            });
        }
        for s in &l.llm_detected_segments {
            out.push(CheatFlag {
                kind: "ai_scripted_answer",
                confidence: Some(s.segment_confidence),
                at_seconds: None,
                detail: Some(format!("{} — “{}”", s.reasoning, s.segment_text)),
            });
        }
    }
    if let Some(d) = w
        .unusual_delay_detection
        .as_ref()
        .filter(|d| d.delay_detected)
    {
        if d.unusual_delay_instances.is_empty() {
            out.push(CheatFlag {
                kind: "unusual_delays",
                confidence: Some(d.delay_confidence),
                at_seconds: None,
                detail: None,
            });
        }
        for inst in &d.unusual_delay_instances {
            let at = ["timestamp", "actual_timestamp", "at"]
                .iter()
                .find_map(|k| inst.get(*k).and_then(Value::as_f64));
            let detail = ["reasoning", "description", "detail"]
                .iter()
                .find_map(|k| inst.get(*k).and_then(Value::as_str))
                .map(str::to_string)
                .or_else(|| {
                    inst.get("delay_seconds")
                        .and_then(Value::as_f64)
                        .map(|s| format!("{s:.1} s delay"))
                });
            out.push(CheatFlag {
                kind: "unusual_delays",
                confidence: Some(d.delay_confidence),
                at_seconds: at,
                detail,
            });
        }
    }
    if let Some(agg) = w
        .interview_integrity
        .as_ref()
        .and_then(|i| i.aggregated.as_ref())
    {
        for m in &agg.movements {
            out.push(CheatFlag {
                kind: "facial_behaviour",
                confidence: m.confidence,
                at_seconds: m.timestamp,
                detail: Some(m.kind.clone()),
            });
        }
    }
    out
}
