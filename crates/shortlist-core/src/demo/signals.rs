//! Demo signals beyond the API: cheat detection, diagnostics, evaluation
//! modules, cross-agent signals, résumé-derived questions.

use serde_json::{json, Value};

use super::content::{PostingDef, Region, BROWSERS};
use super::plan::{Slot, State};
use super::rng::Rng;
use super::transcript::{candidate_lines, Transcript};
use super::util::obj;
use super::util::{mmss, round1, round2};
use crate::ext::*;
use crate::model::*;

pub(crate) const CHEAT_TYPES: &[&str] = &[
    "tab_switching",
    "ai_scripted_answer",
    "multiple_people",
    "multiple_speakers",
    "phone_detection",
    "unusual_delays",
    "facial_behaviour",
];

pub(crate) fn cheat_detection(
    _posting: &PostingDef,
    slot: &Slot,
    tr: Option<&Transcript>,
    rng: &mut Rng,
) -> CheatDetection {
    let duration = tr.map(|t| t.duration).unwrap_or(60.0);
    let answers = candidate_lines(tr);
    let mut cd = CheatDetection {
        enabled: Some(true),
        threshold: Some(70.0),
        types: Some(CHEAT_TYPES.iter().map(|s| s.to_string()).collect()),
        ..CheatDetection::default()
    };
    let mut wi = WebInterviewCheat::default();
    if !slot.flagged {
        cd.overall_confidence = Some(round2(rng.range_f64(0.02, 0.14)));
        cd.overall_ranking = Some(1);
        wi.cheat_detection_result = Some(TranscriptCheatResult {
            cheating_detected: false,
            cheating_confidence: round2(rng.range_f64(0.01, 0.1)),
            cheating_instances: vec![],
        });
        wi.llm_detection_result = Some(LlmDetectionResult {
            llm_generated_detected: false,
            detection_confidence: round2(rng.range_f64(0.02, 0.15)),
            llm_detected_segments: vec![],
        });
        wi.tab_switch_detection = Some(obj(json!({
            "total_count": 0, "events": [], "first_switch_at": null, "last_switch_at": null
        })));
        wi.interview_integrity = Some(InterviewIntegrity {
            status: Some("completed".into()),
            error: None,
            aggregated: Some(IntegrityAggregated { movements: vec![] }),
        });
        cd.web_interview = Some(wi);
        return cd;
    }
    // Flagged: a tab switch for everyone flagged, plus one or two more signals.
    let conf = round2(rng.range_f64(0.45, 0.92));
    cd.overall_confidence = Some(conf);
    cd.overall_ranking = Some(((conf * 5.0).ceil() as i64).clamp(2, 5));
    let n_switch = rng.range(1, 4);
    let mut events = vec![];
    for k in 0..n_switch {
        let at = round1(duration * (0.15 + 0.7 * (k as f64 + rng.f64()) / n_switch as f64));
        events.push(json!({
            "timestamp": at,
            "duration_seconds": round1(rng.range_f64(2.0, 14.0)),
            "returned": true,
        }));
    }
    let first = events.first().and_then(|e| e["timestamp"].as_f64());
    let last = events.last().and_then(|e| e["timestamp"].as_f64());
    wi.tab_switch_detection = Some(obj(json!({
        "total_count": n_switch,
        "events": events,
        "first_switch_at": first,
        "last_switch_at": last,
    })));
    let mut instances = vec![];
    if let Some(line) = answers.get(rng.range(0, answers.len().max(1) as i64 - 1) as usize) {
        instances.push(CheatingInstance {
            reasoning: "The answer reads like a prepared script: unusually polished and delivered without pauses right after a tab switch.".into(),
            transcript_references: vec![CheatTranscriptReference {
                user_friendly_timestamp: mmss(line.timestamp),
                text: line.text.clone(),
                actual_timestamp: line.timestamp,
            }],
        });
        wi.llm_detection_result = Some(LlmDetectionResult {
            llm_generated_detected: true,
            detection_confidence: round2(conf - 0.1),
            llm_detected_segments: vec![LlmDetectedSegment {
                segment_text: line.text.clone(),
                segment_confidence: round2(conf - 0.05),
                reasoning: "Phrasing and structure match typical AI-generated answers.".into(),
            }],
        });
    }
    wi.cheat_detection_result = Some(TranscriptCheatResult {
        cheating_detected: !instances.is_empty(),
        cheating_confidence: conf,
        cheating_instances: instances,
    });
    if rng.chance(0.5) {
        let at = round1(duration * rng.range_f64(0.3, 0.8));
        wi.unusual_delay_detection = Some(UnusualDelayResult {
            delay_detected: true,
            delay_confidence: round2(rng.range_f64(0.5, 0.85)),
            unusual_delay_instances: vec![json!({
                "timestamp": at,
                "delay_seconds": round1(rng.range_f64(6.0, 18.0)),
                "question_rank": rng.range(2, 4),
            })],
            overall_score: round2(rng.range_f64(0.4, 0.8)),
            confidence_level: round2(rng.range_f64(0.5, 0.9)),
        });
    }
    let mut movements = vec![];
    for _ in 0..rng.range(1, 4) {
        movements.push(MovementEvent {
            kind: (*rng.pick(&["Eye Movement", "Head Movement", "Mouth Movement"])).into(),
            confidence: Some(round2(rng.range_f64(0.4, 0.9))),
            timestamp: Some(round1(duration * rng.f64())),
        });
    }
    movements.sort_by(|a, b| a.timestamp.partial_cmp(&b.timestamp).expect("finite"));
    wi.interview_integrity = Some(InterviewIntegrity {
        status: Some("completed".into()),
        error: None,
        aggregated: Some(IntegrityAggregated { movements }),
    });
    cd.web_interview = Some(wi);
    cd
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn diagnostics(
    _posting: &PostingDef,
    slot: &Slot,
    reg: &Region,
    city: &str,
    state: State,
    duration: f64,
    at: f64,
    rng: &mut Rng,
) -> Diagnostics {
    let finished = state.finished();
    let slow = rng.chance(0.25);
    let permission_issue = rng.chance(0.2);
    let vpn = rng.chance(0.12) || slot.flagged && rng.chance(0.3);
    let n_visits = if permission_issue { 2 } else { 1 } + usize::from(!finished);
    let (browser, os) = *rng.pick(BROWSERS);
    let mut visits = vec![];
    let mut start = at - duration - 60.0 * n_visits as f64;
    for v in 0..n_visits {
        let last = v + 1 == n_visits;
        let status = if last && finished {
            "completed"
        } else if last {
            "in_progress"
        } else {
            "abandoned"
        };
        let d = if last {
            duration + 45.0
        } else {
            rng.range_f64(20.0, 90.0)
        };
        visits.push(Visit {
            status: status.into(),
            started_at: Some(start.floor()),
            duration_seconds: Some(round1(d)),
            browser: Some(browser.into()),
            os: Some(os.into()),
        });
        start += d + rng.range_f64(30.0, 600.0);
    }
    let connectivity_quality = if slow {
        rng.range_f64(45.0, 70.0)
    } else {
        rng.range_f64(80.0, 99.0)
    };
    let journey = if finished {
        100.0
    } else {
        rng.range_f64(40.0, 70.0)
    };
    let error_impact = if permission_issue {
        rng.range_f64(55.0, 75.0)
    } else {
        rng.range_f64(88.0, 100.0)
    };
    let frustration = rng.range_f64(70.0, 100.0);
    let time_to_start = rng.range_f64(60.0, 98.0);
    let score = round1(
        0.3 * journey
            + 0.2 * error_impact
            + 0.2 * frustration
            + 0.2 * connectivity_quality
            + 0.1 * time_to_start,
    );
    let label = if score >= 85.0 {
        "excellent"
    } else if score >= 70.0 {
        "good"
    } else if score >= 55.0 {
        "fair"
    } else {
        "poor"
    };
    let mut analysis = vec![];
    if finished && n_visits == 1 {
        analysis.push("Completed on first attempt.".to_string());
    }
    if permission_issue {
        analysis.push(
            "Media permission errors, but the candidate persisted and completed the camera check."
                .into(),
        );
    }
    if slow {
        analysis.push("Slower internet detected; audio stayed intelligible.".into());
    }
    if !finished {
        analysis.push(
            "Interview still in progress; the candidate left after the second question.".into(),
        );
    }
    if vpn {
        analysis.push(
            "Connection routed through a VPN; location may differ from the candidate's profile."
                .into(),
        );
    }
    let samples = 10;
    let connectivity = (0..samples)
        .map(|k| {
            let base = if slow { 180.0 } else { 45.0 };
            ConnectivitySample {
                t: round1(duration * k as f64 / (samples - 1) as f64),
                rtt_ms: Some(round1(base + rng.range_f64(-15.0, 60.0))),
                jitter_ms: Some(round1(rng.range_f64(1.0, if slow { 35.0 } else { 9.0 }))),
                packet_loss_pct: Some(round2(rng.range_f64(0.0, if slow { 4.5 } else { 0.6 }))),
            }
        })
        .collect();
    let location = if vpn {
        SessionLocation {
            city: Some("Amsterdam".into()),
            country: Some("NL".into()),
            timezone: Some("Europe/Amsterdam".into()),
        }
    } else {
        SessionLocation {
            city: Some(city.into()),
            country: Some(reg.code.into()),
            timezone: Some(reg.timezone.into()),
        }
    };
    let ip = format!(
        "{}.{}",
        rng.pick(&["203.0.113", "198.51.100", "192.0.2"]),
        rng.range(2, 254)
    );
    let mut events = vec![
        ReplayEvent {
            t: 0.0,
            kind: "page_load".into(),
            detail: Some("Interview landing page".into()),
        },
        ReplayEvent {
            t: 4.2,
            kind: "permission_prompt".into(),
            detail: Some(if permission_issue {
                "Camera blocked, retried".into()
            } else {
                "Camera and microphone allowed".into()
            }),
        },
        ReplayEvent {
            t: 9.8,
            kind: "click".into(),
            detail: Some("Start interview".into()),
        },
    ];
    if slot.flagged {
        events.push(ReplayEvent {
            t: round1(duration * 0.4),
            kind: "blur".into(),
            detail: Some("Tab hidden".into()),
        });
        events.push(ReplayEvent {
            t: round1(duration * 0.4 + 6.0),
            kind: "focus".into(),
            detail: Some("Tab visible".into()),
        });
    }
    if finished {
        events.push(ReplayEvent {
            t: round1(duration + 10.0),
            kind: "click".into(),
            detail: Some("Submit".into()),
        });
    }
    let processing_times = if state.scored() {
        [
            "Scorecard",
            "English Proficiency",
            "Cheat Detection",
            "Highlights",
            "Tags Extraction",
        ]
        .iter()
        .map(|e| ProcessingTime {
            evaluator: (*e).into(),
            seconds: round1(rng.range_f64(1.5, 14.0)),
        })
        .collect()
    } else {
        vec![]
    };
    Diagnostics {
        experience_score: Some(score),
        experience_label: Some(label.into()),
        analysis,
        visits,
        metrics: Some(ExperienceMetrics {
            journey_completion: Some(round1(journey)),
            error_impact: Some(round1(error_impact)),
            frustration_signals: Some(round1(frustration)),
            connectivity_quality: Some(round1(connectivity_quality)),
            time_to_start: Some(round1(time_to_start)),
        }),
        connectivity,
        location: Some(location),
        vpn_detected: Some(vpn),
        session_replay: Some(SessionReplay {
            available: true,
            events,
        }),
        identity_checks: vec![
            IdentityCheck {
                check: "Email Verification".into(),
                status: "passed".into(),
                detail: Some("Verified by one-time link".into()),
            },
            IdentityCheck {
                check: "Network (IP)".into(),
                status: if vpn {
                    "warning".into()
                } else {
                    "passed".into()
                },
                detail: Some(if vpn {
                    "IP belongs to a VPN provider".into()
                } else {
                    format!("IP geolocates to {}", reg.country)
                }),
            },
        ],
        ip_address: Some(ip),
        processing_times,
    }
}

pub(crate) fn evaluation_modules(
    posting: &PostingDef,
    level: f64,
    rng: &mut Rng,
) -> Vec<EvaluationModule> {
    let (salary, unit) = match posting.id {
        "pst_731" => (
            format!("€{},{:03} / month", rng.range(1, 2), rng.range(0, 9) * 100),
            "month",
        ),
        "pst_845" => (
            format!("€{},{:03} / month", 2, rng.range(2, 9) * 100),
            "month",
        ),
        _ => (
            format!("${}.{:02} / hour", rng.range(15, 21), rng.range(0, 3) * 25),
            "hour",
        ),
    };
    let _ = unit;
    let weeks = rng.range(0, 8);
    vec![
        EvaluationModule {
            id: "salary".into(),
            title: "Salary expectation".into(),
            status: Some("info".into()),
            answer: Some(salary),
            details: vec!["Within the posted range.".into()],
        },
        EvaluationModule {
            id: "notice_period".into(),
            title: "Notice period".into(),
            status: Some(if weeks <= 4 { "pass".into() } else { "fail".into() }),
            answer: Some(if weeks == 0 { "Immediately".into() } else { format!("{weeks} weeks") }),
            details: vec!["Required: able to start within 4 weeks.".into()],
        },
        EvaluationModule {
            id: "integrity_confirmation".into(),
            title: "Integrity confirmation".into(),
            status: Some(if level > 0.35 { "pass".into() } else { "fail".into() }),
            answer: Some(if level > 0.35 { "Confirmed".into() } else { "Not confirmed".into() }),
            details: vec!["Candidate confirmed they answered without outside help and that their résumé is accurate.".into()],
        },
    ]
}

pub(crate) fn cross_agent_signals(
    posting: &PostingDef,
    tr: &Transcript,
    rng: &mut Rng,
) -> Vec<CrossAgentSignal> {
    let answers: Vec<&TranscriptEntry> = tr
        .lines
        .iter()
        .filter(|l| l.speaker == "Candidate")
        .collect();
    let mut out = vec![];
    let pick = |i: usize| answers.get(i.min(answers.len().saturating_sub(1))).copied();
    if let Some(a) = pick(0) {
        out.push(CrossAgentSignal {
            topic: "dates".into(),
            resume_claim: format!(
                "Résumé lists {} years in a similar role (2021 – present).",
                rng.range(4, 6)
            ),
            interview_quote: a.text.clone(),
            timestamp: Some(a.timestamp),
            severity: Some("medium".into()),
        });
    }
    if rng.chance(0.6) {
        if let Some(a) = pick(3) {
            let (claim, topic) = match posting.id {
                "pst_845" => ("Résumé: \"Shift Manager, 20 direct reports\".", "titles"),
                "pst_731" => ("Résumé: \"Native-level Spanish\".", "skills"),
                _ => ("Résumé: \"Assistant Store Manager\".", "titles"),
            };
            out.push(CrossAgentSignal {
                topic: topic.into(),
                resume_claim: claim.into(),
                interview_quote: a.text.clone(),
                timestamp: Some(a.timestamp),
                severity: Some("low".into()),
            });
        }
    }
    out
}

pub(crate) fn resume_questions(posting: &PostingDef, tr: &Transcript) -> Vec<ResumeQuestion> {
    let interviewer_at: Vec<f64> = tr
        .lines
        .iter()
        .filter(|l| l.speaker == "Interviewer")
        .map(|l| l.timestamp)
        .collect();
    let crit = posting.resume_criteria;
    let c = |i: usize| {
        crit.get(i)
            .copied()
            .unwrap_or("your last role")
            .to_lowercase()
    };
    vec![
        ResumeQuestion {
            question: format!(
                "Your résumé mentions {}. What did a typical day look like?",
                c(0)
            ),
            timing: "upfront".into(),
            asked: true,
            asked_at: interviewer_at.first().copied(),
        },
        ResumeQuestion {
            question: format!("Tell me more about your experience with {}.", c(1)),
            timing: "deferred".into(),
            asked: true,
            asked_at: interviewer_at.get(3).copied(),
        },
        ResumeQuestion {
            question: "There is a gap between your last two roles; what were you doing then?"
                .into(),
            timing: "deferred".into(),
            asked: false,
            asked_at: None,
        },
    ]
}

/// The API types scorecard `score`, `score_weight` and `rank` as integers;
/// the model keeps them as f64. Write whole numbers as JSON integers.
pub(crate) fn integer_scores(v: &mut Value) {
    let Some(items) = v
        .get_mut("web_interview")
        .and_then(|w| w.get_mut("scorecard"))
        .and_then(|s| s.as_array_mut())
    else {
        return;
    };
    for item in items {
        for key in ["score", "score_weight"] {
            if let Some(x) = item.get(key).and_then(|x| x.as_f64()) {
                if x.fract() == 0.0 {
                    item[key] = Value::from(x as i64);
                }
            }
        }
    }
}
