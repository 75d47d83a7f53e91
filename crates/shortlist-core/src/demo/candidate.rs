//! One demo candidate: `CandidateResponse`, `InterviewDataResponse` and
//! extension, in its planned state.

use serde_json::{json, Map, Value};

use super::content::{
    PostingDef, QuestionDef, DAY, JOSE, MISMATCHES, REFERENCE_TIME, REFERRERS, RESUME_CONTACTS,
    SHIFTS, SOURCES, TAGS_NEGATIVE, TAGS_POSITIVE,
};
use super::error::DemoError;
use super::plan::{Slot, State, SEED};
use super::rng::Rng;
use super::signals::{
    cheat_detection, cross_agent_signals, diagnostics, evaluation_modules, resume_questions,
};
use super::transcript::{transcript_from_clip, transcript_from_pool};
use super::util::{digits, obj, region, region_language, round1, round2, tier};
use super::workflow::{form_questions, step_id};
use crate::ext::*;
use crate::model::*;
use crate::scoring;

pub(crate) struct Built {
    pub(crate) candidate: Candidate,
    pub(crate) interview: InterviewData,
    pub(crate) extension: Option<InterviewExtension>,
}

/// One step's progress for this candidate.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum StepState {
    NotStarted,
    InProgress,
    Completed,
    KnockedOut,
}

impl StepState {
    pub(crate) fn api(self) -> &'static str {
        match self {
            StepState::NotStarted => "not_started",
            StepState::InProgress => "in_progress",
            StepState::Completed => "completed",
            StepState::KnockedOut => "knocked_out",
        }
    }
}

pub(crate) fn step_states(posting: &PostingDef, state: State, rng: &mut Rng) -> Vec<StepState> {
    let n = posting.workflow.len();
    match state {
        State::Pending => vec![StepState::NotStarted; n],
        State::InProgress => {
            // mostly "2/3": all but the last done, the last started
            let done = if n >= 3 && rng.chance(0.3) {
                n - 2
            } else {
                n - 1
            };
            (0..n)
                .map(|i| {
                    if i < done {
                        StepState::Completed
                    } else if i == done {
                        StepState::InProgress
                    } else {
                        StepState::NotStarted
                    }
                })
                .collect()
        }
        State::KnockedOut => {
            let ko = posting
                .workflow
                .iter()
                .position(|k| *k == "form" || *k == "conversational_sms")
                .unwrap_or(0);
            (0..n)
                .map(|i| {
                    if i < ko {
                        StepState::Completed
                    } else if i == ko {
                        StepState::KnockedOut
                    } else {
                        StepState::NotStarted
                    }
                })
                .collect()
        }
        _ => vec![StepState::Completed; n],
    }
}

pub(crate) fn build_candidate(
    posting: &PostingDef,
    slot: &Slot,
    interview_id: &str,
    candidate_id: &str,
    n: usize,
) -> Result<Built, DemoError> {
    let person = slot.person;
    let reg = region(person.region);
    // Contact details belong to the person: the same in every posting.
    let mut prng = Rng::for_key(SEED, person.name);
    let city = prng.pick(reg.cities).to_string();
    let domain = prng.pick(reg.domains);
    let email = format!("{}@{}", person.email_local, domain);
    let phone = digits(&mut prng, reg.phone);
    let (city, email, phone) = match RESUME_CONTACTS.iter().find(|c| c.0 == person.name) {
        Some((_, e, p, c)) => (c.to_string(), e.to_string(), p.to_string()),
        None => (city, email, phone),
    };
    let mut rng = Rng::for_key(SEED, interview_id);
    let state = slot.state;
    let steps = step_states(posting, state, &mut rng);
    let level = slot.level;

    // timeline
    let created = (posting.created_at + rng.range_f64(1.0, 55.0) * DAY).floor();
    let created = created.min(REFERENCE_TIME - 3.0 * DAY);
    let mut t = created + rng.range_f64(0.2, 2.0) * DAY;
    let mut step_times: Vec<Option<f64>> = Vec::new();
    for s in &steps {
        if *s == StepState::NotStarted {
            step_times.push(None);
        } else {
            t += rng.range_f64(0.05, 1.5) * DAY;
            step_times.push(Some(t.floor().min(REFERENCE_TIME - 3600.0)));
        }
    }
    let last_activity = step_times.iter().flatten().cloned().fold(created, f64::max);

    let kind_done = |kind: &str| -> Option<usize> {
        posting
            .workflow
            .iter()
            .position(|k| *k == kind)
            .filter(|&i| matches!(steps[i], StepState::Completed | StepState::KnockedOut))
    };
    let kind_index = |kind: &str| posting.workflow.iter().position(|k| *k == kind);

    // --- scorecard raw scores (1–10)
    let q_scores: Vec<i64> = posting
        .questions
        .iter()
        .map(|q| {
            let raw = (level - q.difficulty) * 10.0 + rng.range_f64(-1.4, 1.4);
            (raw.round() as i64).clamp(1, 10)
        })
        .collect();

    // --- résumé step
    let resume = kind_done("resume").map(|i| {
        let criteria: Vec<ResumeScoreCriterion> = posting
            .resume_criteria
            .iter()
            .enumerate()
            .map(|(ci, text)| {
                let score = round1((level * 10.0 + rng.range_f64(-1.8, 1.2)).clamp(0.5, 10.0));
                ResumeScoreCriterion {
                    criteria_id: format!("rc_{}_{}", &posting.id[4..], ci + 1),
                    criteria_text: (*text).into(),
                    score,
                    confidence: round2(rng.range_f64(0.62, 0.97)),
                    reasons: resume_reasons(text, score),
                }
            })
            .collect();
        let overall = round1(
            criteria
                .iter()
                .map(|c| scoring::resume_criterion_pct(c.score))
                .sum::<f64>()
                / criteria.len().max(1) as f64,
        );
        let eligible = overall >= 40.0;
        let _ = i;
        ResumeResult {
            interview_id: Some(interview_id.into()),
            overall_score: Some(overall),
            is_eligible: Some(eligible),
            score_criteria: criteria,
            eligibility_criteria: vec![
                ResumeEligibilityCriterion {
                    criteria_id: "el_1".into(),
                    criteria_text: format!("Legally able to work in {}", work_country(posting)),
                    passed: true,
                    confidence: 0.9,
                    reasons: vec!["Residence and work history in the country are listed.".into()],
                },
                ResumeEligibilityCriterion {
                    criteria_id: "el_2".into(),
                    criteria_text: "At least one year of relevant experience".into(),
                    passed: eligible,
                    confidence: round2(rng.range_f64(0.7, 0.95)),
                    reasons: vec![if eligible {
                        "Relevant roles listed with dates covering more than a year.".into()
                    } else {
                        "Relevant experience is under a year or undated.".into()
                    }],
                },
            ],
            resume_url: slot.resume_file.clone(),
        }
    });

    // --- form step
    let form = kind_index("form").and_then(|i| {
        if steps[i] == StepState::NotStarted {
            return None;
        }
        let ko = steps[i] == StepState::KnockedOut;
        let questions: Vec<FormQuestion> = form_questions(posting)
            .into_iter()
            .map(|(id, text, kind, knockout, expected)| {
                let (answer, passed) = match (id, kind) {
                    ("f2", _) if ko => ("No".to_string(), false),
                    (_, "yes_no") => ("Yes".to_string(), true),
                    (_, "minimum_amount") => (format!("{}", rng.range(15, 22)), true),
                    _ => (
                        if posting.id == "pst_512" {
                            (*rng.pick(SOURCES)).to_string()
                        } else {
                            (*rng.pick(SHIFTS)).to_string()
                        },
                        true,
                    ),
                };
                FormQuestion {
                    question_id: format!("{}_{}", &posting.id[4..], id),
                    question_text: text.into(),
                    question_type: kind.into(),
                    is_knockout: knockout,
                    passed,
                    candidate_answer: Some(answer),
                    expected_answer: expected.map(String::from),
                }
            })
            .collect();
        Some(FormResult {
            interview_id: Some(interview_id.into()),
            overall_status: if ko {
                "failed".into()
            } else if steps[i] == StepState::Completed {
                "passed".into()
            } else {
                "pending".into()
            },
            questions,
        })
    });

    // --- SMS step
    let sms = kind_index("conversational_sms").and_then(|i| {
        if !matches!(steps[i], StepState::Completed | StepState::KnockedOut) {
            return None;
        }
        let ko = steps[i] == StepState::KnockedOut;
        let base = step_times[i].unwrap_or(created);
        let mut msgs = vec![
            ("agent", "¡Hola! Soy Lucía de Contoso Care. ¿Prefieres seguir en español o en inglés? / Hi! Spanish or English?".to_string()),
            ("candidate", if ko { "English please, I don't really speak Spanish.".to_string() } else { "Español, pero puedo cambiar sin problema.".to_string() }),
            ("agent", if ko { "Thanks! This role needs fluent Spanish and English with customers. Could you handle a call in Spanish?".to_string() } else { "Perfecto. ¿Puedes trabajar un fin de semana de cada tres?".to_string() }),
            ("candidate", if ko { "No, sorry, only basic phrases.".to_string() } else { "Sí, sin problema.".to_string() }),
        ];
        if !ko {
            msgs.push(("agent", "¿Cuándo podrías empezar?".into()));
            msgs.push(("candidate", format!("En {} semanas.", rng.range(1, 4))));
        }
        let transcript = msgs
            .iter()
            .enumerate()
            .map(|(k, (role, text))| SmsMessage {
                role: (*role).into(),
                text: text.clone(),
                timestamp: Some(base - 3600.0 + k as f64 * 240.0),
            })
            .collect::<Vec<_>>();
        let sent = msgs.iter().filter(|m| m.0 == "agent").count() as i64;
        Some(SmsResult {
            interview_id: Some(interview_id.into()),
            is_eligible: !ko,
            confidence: round2(rng.range_f64(0.8, 0.97)),
            criteria: vec![
                SmsCriterion {
                    criteria_id: "sms_1".into(),
                    criteria_text: "Fluent in Spanish and English".into(),
                    passed: !ko,
                    confidence: 0.93,
                    is_dealbreaker: true,
                    reasons: vec![if ko {
                        "Candidate said they only speak basic Spanish.".into()
                    } else {
                        "Candidate chose Spanish and offered to switch.".into()
                    }],
                },
                SmsCriterion {
                    criteria_id: "sms_2".into(),
                    criteria_text: "Available for the weekend rota".into(),
                    passed: !ko,
                    confidence: if ko { 0.3 } else { 0.9 },
                    is_dealbreaker: false,
                    reasons: vec![if ko {
                        "Not asked: conversation ended at the language check.".into()
                    } else {
                        "Confirmed weekend availability.".into()
                    }],
                },
            ],
            transcript,
            messages_sent: Some(sent),
            messages_received: Some(msgs.len() as i64 - sent),
        })
    });

    // --- web interview
    let wi_index = kind_index("web_interview");
    let web_done = wi_index.is_some_and(|i| steps[i] == StepState::Completed);
    let web_started = wi_index.is_some_and(|i| steps[i] != StepState::NotStarted);
    let transcript = if web_done {
        Some(match &slot.clip {
            Some(c) => transcript_from_clip(&c.clip),
            None => transcript_from_pool(
                posting,
                &q_scores,
                MISMATCHES
                    .iter()
                    .find(|m| m.0 == slot.person.name && m.1 == posting.id)
                    .map_or(&[][..], |m| m.3),
            ),
        })
    } else {
        None
    };
    let (audio_url, video_url) = match (&slot.clip, web_done) {
        (Some(c), true) if c.clip.kind == "video" => (None, Some(c.media.clone())),
        (Some(c), true) => (Some(c.media.clone()), None),
        _ => (None, None),
    };
    let web = match (&transcript, state.scored()) {
        (Some(tr), true) => {
            let scorecard: Vec<ScorecardQuestion> = posting
                .questions
                .iter()
                .enumerate()
                .map(|(i, q)| {
                    let s = q_scores[i];
                    ScorecardQuestion {
                        question_id: format!("q_{}_{}", &posting.id[4..], i + 1),
                        question_text: q.text.into(),
                        score: s as f64,
                        score_weight: Some(q.weight as f64),
                        evaluation_summary: summary(q, s),
                        evaluation_criteria: q.criteria.into(),
                        score_1_description: Some(q.anchor_1.into()),
                        score_5_description: Some(q.anchor_5.into()),
                        not_scored: q.not_scored,
                        rank: i as i64 + 1,
                        transcript: tr
                            .by_question
                            .get(&(i + 1))
                            .map(|ix| ix.iter().map(|&k| tr.lines[k].clone()).collect())
                            .unwrap_or_default(),
                    }
                })
                .collect();
            let match_score =
                round1(scoring::weighted_scorecard_pct(&scorecard, 10.0).unwrap_or(0.0));
            let mut ranked: Vec<(usize, i64)> = posting
                .questions
                .iter()
                .enumerate()
                .filter(|(_, q)| !q.not_scored)
                .map(|(i, _)| (i, q_scores[i]))
                .collect();
            ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let highlights = ranked
                .iter()
                .take(2)
                .filter(|(_, s)| *s >= 6)
                .map(|(i, _)| highlight(&posting.questions[*i]))
                .collect();
            let lowlights = ranked
                .iter()
                .rev()
                .take(2)
                .filter(|(_, s)| *s <= 6)
                .map(|(i, _)| lowlight(&posting.questions[*i]))
                .collect();
            let mut tags: Vec<String> = Vec::new();
            let n_pos = if level > 0.75 {
                3
            } else if level > 0.5 {
                2
            } else {
                1
            };
            for i in rng.sample_indices(TAGS_POSITIVE.len(), n_pos) {
                tags.push(TAGS_POSITIVE[i].into());
            }
            if level < 0.55 {
                tags.push((*rng.pick(TAGS_NEGATIVE)).into());
            }
            if posting.id == "pst_731" && region_language(person.region) != "en" {
                tags.push("Bilingual".into());
            }
            let speech = round1((level * 5.0 + rng.range_f64(-0.6, 0.5)).clamp(1.0, 5.0));
            Some(WebInterviewResult {
                interview_id: Some(interview_id.into()),
                match_score,
                highlights,
                lowlights,
                scorecard,
                speech_score: Some(speech),
                transcript: tr.lines.clone(),
                audio_recording_url: audio_url.clone(),
                video_recording_url: video_url.clone(),
                tags,
            })
        }
        _ => None,
    };

    // --- overall score
    let resume_pct = resume.as_ref().and_then(|r| r.overall_score);
    let score = match (&web, resume_pct) {
        (Some(w), Some(r)) => Some(round1(0.35 * r + 0.65 * w.match_score)),
        (Some(w), None) => Some(w.match_score),
        (None, Some(r)) if state == State::InProgress => Some(r),
        _ => None,
    };

    // --- cheat detection
    let cheat = if posting.cheat_detection && web_done && state.scored() {
        Some(cheat_detection(
            posting,
            slot,
            transcript.as_ref(),
            &mut rng,
        ))
    } else {
        None
    };

    // --- workflow
    let wf = CandidateWorkflow {
        steps: steps
            .iter()
            .enumerate()
            .map(|(i, s)| WorkflowStepStatus {
                step_id: step_id(posting, i + 1),
                order: i as i64 + 1,
                status: s.api().into(),
                started: *s != StepState::NotStarted,
                completed: *s == StepState::Completed,
                knocked_out: Some(*s == StepState::KnockedOut),
                last_updated_at: step_times[i],
            })
            .collect(),
        all_complete: steps.iter().all(|s| *s == StepState::Completed),
        last_activity_at: Some(last_activity),
    };

    // --- custom columns
    let source = *rng.pick(SOURCES);
    let mut metadata: Map<String, Value> = Map::new();
    metadata.insert("source".into(), source.into());
    metadata.insert(
        "referral".into(),
        if source == "Referral" {
            (*rng.pick(REFERRERS)).into()
        } else {
            "".into()
        },
    );
    metadata.insert("desired_shift".into(), (*rng.pick(SHIFTS)).into());
    metadata.insert(
        "external_id".into(),
        format!("ATS-{}", 10_000 + n * 7 + rng.range(0, 6) as usize).into(),
    );
    let mut data: Map<String, Value> = Map::new();
    data.insert("phone_number".into(), phone.clone().into());
    data.insert("location".into(), format!("{city}, {}", reg.country).into());
    data.insert("city".into(), city.clone().into());
    data.insert("country".into(), reg.code.into());
    data.insert("country_name".into(), reg.country.into());
    data.insert(
        "years_experience".into(),
        Value::from(((level * 9.0) as i64 + rng.range(0, 2)).max(0)),
    );
    data.insert("languages".into(), json!(languages(person.region, posting)));

    let interview_url = format!(
        "https://candidates.heymilo.io/northwind/i/{}",
        interview_id.to_uppercase().replace('_', "")
    );
    let interviewed_at = if state.finished() {
        wi_index.and_then(|i| step_times[i])
    } else {
        None
    };

    // --- agent summary
    let agent_summary = AgentSummary {
        resume: resume.as_ref().map(|r| AgentResumeSummary {
            resume_score: r.overall_score,
            is_eligible: r.is_eligible,
            resume_link: r.resume_url.clone(),
        }),
        web_interview: if web_done {
            Some(AgentWebInterviewSummary {
                score: web.as_ref().map(|w| w.match_score),
                highlights: web
                    .as_ref()
                    .map(|w| w.highlights.clone())
                    .unwrap_or_default(),
                audio_recording_link: audio_url.clone(),
                video_recording_link: video_url.clone(),
            })
        } else {
            None
        },
        sms: sms.as_ref().map(|s| {
            let passed: Vec<&str> = s
                .criteria
                .iter()
                .filter(|c| c.passed)
                .map(|c| c.criteria_text.as_str())
                .collect();
            let failed: Vec<&str> = s
                .criteria
                .iter()
                .filter(|c| !c.passed)
                .map(|c| c.criteria_text.as_str())
                .collect();
            obj(json!({
                "is_eligible": s.is_eligible,
                "criteria_passed": passed,
                "criteria_failed": failed,
                "messages_sent": s.messages_sent,
            }))
        }),
        form: form.as_ref().map(|f| {
            let total = f.questions.len();
            let complete = f.overall_status != "pending";
            obj(json!({
                "is_complete": complete,
                "is_eligible": f.overall_status == "passed",
                "questions_answered": if complete { total } else { total / 2 },
                "total_questions": total,
            }))
        }),
    };
    let has_summary = agent_summary.resume.is_some()
        || agent_summary.web_interview.is_some()
        || agent_summary.sms.is_some()
        || agent_summary.form.is_some();

    let candidate = Candidate {
        interview_id: interview_id.into(),
        candidate_id: Some(candidate_id.into()),
        posting_id: posting.id.into(),
        name: person.name.into(),
        email: email.clone(),
        score,
        status: state.api().into(),
        interview_url: Some(interview_url),
        workflow: Some(wf.clone()),
        agent_summary: has_summary.then_some(agent_summary),
        shortlisted: Some(state == State::Shortlisted),
        dismissed: Some(state == State::Dismissed),
        metadata: Some(metadata.clone()),
        data: Some(data.clone()),
        interviewed_at,
        created_at: Some(created),
    };
    let interview = InterviewData {
        interview_id: interview_id.into(),
        candidate_id: Some(candidate_id.into()),
        posting_id: posting.id.into(),
        name: person.name.into(),
        email,
        score,
        status: state.api().into(),
        workflow: Some(wf),
        web_interview: web.clone(),
        resume: resume.clone(),
        sms,
        form,
        cheat_detection: cheat,
        metadata: Some(metadata),
        data: Some(data),
    };

    // --- extension
    let extension = if web_started || resume.is_some() {
        let diagnostics = web_started.then(|| {
            diagnostics(
                posting,
                slot,
                reg,
                &city,
                state,
                transcript.as_ref().map(|t| t.duration).unwrap_or(120.0),
                wi_index.and_then(|i| step_times[i]).unwrap_or(created),
                &mut rng,
            )
        });
        let evaluation_modules = if web.is_some() {
            evaluation_modules(posting, level, &mut rng)
        } else {
            vec![]
        };
        let cross_agent_signals = match (&web, &resume, &transcript) {
            (Some(_), Some(_), Some(tr)) if rng.chance(0.3) || slot.person.name == JOSE.name => {
                cross_agent_signals(posting, tr, &mut rng)
            }
            _ => vec![],
        };
        let resume_questions = match (&resume, &transcript) {
            (Some(_), Some(tr)) => resume_questions(posting, tr),
            _ => vec![],
        };
        Some(InterviewExtension {
            interview_id: interview_id.into(),
            diagnostics,
            evaluation_modules,
            cross_agent_signals,
            resume_questions,
        })
    } else {
        None
    };

    Ok(Built {
        candidate,
        interview,
        extension,
    })
}

pub(crate) fn work_country(posting: &PostingDef) -> &'static str {
    match posting.id {
        "pst_731" => "Spain",
        "pst_845" => "France",
        "pst_512" => "Greece",
        _ => "the United States",
    }
}

pub(crate) fn languages(region: &str, posting: &PostingDef) -> Vec<&'static str> {
    let native = match region_language(region) {
        "es" => "Spanish",
        "fr" => "French",
        "ru" => "Russian",
        "el" => "Greek",
        "ar" => "Arabic",
        "zh" => "Mandarin",
        _ => "English",
    };
    let mut v = vec![native];
    if native != "English" {
        v.push("English");
    }
    if posting.id == "pst_731" && native != "Spanish" && region != "US" {
        v.push("Spanish");
    }
    v
}

pub(crate) fn resume_reasons(criterion: &str, score: f64) -> Vec<String> {
    let c = criterion.to_lowercase();
    if score >= 7.5 {
        vec![
            format!("Several recent roles show {c}."),
            "Achievements are quantified.".into(),
        ]
    } else if score >= 4.5 {
        vec![format!(
            "Some evidence of {c}, but dates or scope are unclear."
        )]
    } else {
        vec![format!("Little or no evidence of {c} on the résumé.")]
    }
}

pub(crate) fn summary(q: &QuestionDef, score: i64) -> String {
    match tier(score) {
        0 => format!(
            "Strong answer on {}: a specific example with a clear, positive outcome.",
            q.topic
        ),
        1 => format!(
            "Reasonable answer on {}, but light on specifics and outcomes.",
            q.topic
        ),
        _ => format!(
            "Struggled with {}; no concrete example and little structure.",
            q.topic
        ),
    }
}

pub(crate) fn highlight(q: &QuestionDef) -> String {
    let mut t = q.topic.to_string();
    if let Some(f) = t.get_mut(0..1) {
        f.make_ascii_uppercase();
    }
    format!("{t}: gave a concrete, well-structured example")
}

pub(crate) fn lowlight(q: &QuestionDef) -> String {
    format!("Limited depth on {}", q.topic)
}
