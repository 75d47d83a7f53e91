//! Builds the demo bundle in memory: relative path → bytes, in the SPEC F4
//! layout. Pure function of the constants in `content.rs`, the embedded
//! manifest and [`SEED`]: the same bytes on every run.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde_json::{json, Map, Value};

use super::assets::{self, Clip, Manifest};
use super::content::*;
use super::rng::Rng;
use super::DemoError;
use crate::ext::*;
use crate::model::*;
use crate::scoring;

/// The demo's fixed seed.
pub const SEED: u64 = 0x5EED_0F5A_0127_0001;

/// Candidates per `candidates/<posting>.N.json` page.
pub const PAGE_SIZE: usize = 50;

/// Imported candidate status of one demo candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    Pending,
    InProgress,
    KnockedOut,
    Evaluating,
    Completed,
    Shortlisted,
    Dismissed,
}

impl State {
    pub fn api(self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::InProgress => "in_progress",
            State::KnockedOut => "knocked_out",
            State::Evaluating => "evaluating",
            State::Completed => "completed",
            State::Shortlisted => "shortlisted",
            State::Dismissed => "dismissed",
        }
    }

    /// All workflow steps done (a web interview happened).
    fn finished(self) -> bool {
        matches!(
            self,
            State::Evaluating | State::Completed | State::Shortlisted | State::Dismissed
        )
    }

    /// Finished and scored.
    fn scored(self) -> bool {
        matches!(
            self,
            State::Completed | State::Shortlisted | State::Dismissed
        )
    }
}

/// The generated bundle: relative path (with `/`) → file bytes.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Bundle {
    pub files: BTreeMap<String, Vec<u8>>,
}

/// What the generator made, for callers and tests.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DemoStats {
    pub postings: usize,
    pub candidates: usize,
    pub interviews: usize,
    pub extensions: usize,
    pub media_files: usize,
    pub files: usize,
    pub bytes: u64,
    /// Imported status → number of candidates.
    pub by_status: BTreeMap<String, usize>,
}

/// A person with a fixed role: (person, clip id, container, résumé id, state).
type Fixed = (
    &'static Person,
    Option<&'static str>,
    &'static str,
    Option<&'static str>,
    State,
);

struct Slot {
    person: &'static Person,
    state: State,
    clip: Option<ClipUse>,
    resume_file: Option<String>,
    /// Latent level 0..1 driving every score of this candidate.
    level: f64,
    flagged: bool,
}

#[derive(Clone)]
struct ClipUse {
    clip: Clip,
    /// Bundle-relative media path (`media/...`).
    media: String,
}

struct Ctx {
    manifest: Manifest,
    candidate_ids: HashMap<&'static str, String>,
    next_interview: usize,
}

fn json_bytes<T: Serialize>(v: &T) -> Result<Vec<u8>, DemoError> {
    let mut out = serde_json::to_vec_pretty(v).map_err(DemoError::Json)?;
    out.push(b'\n');
    Ok(out)
}

fn object_first(kind: &str, v: Value) -> Value {
    let mut m = Map::new();
    m.insert("object".into(), Value::String(kind.into()));
    if let Value::Object(o) = v {
        m.extend(o);
    }
    Value::Object(m)
}

fn wrap(v: Value) -> Value {
    json!({ "data": v })
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

fn mmss(t: f64) -> String {
    let s = t.max(0.0) as u64;
    format!("{:02}:{:02}", s / 60, s % 60)
}

fn region(code: &str) -> &'static Region {
    REGIONS
        .iter()
        .find(|r| r.code == code)
        .expect("every person's region is in REGIONS")
}

fn digits(rng: &mut Rng, pattern: &str) -> String {
    pattern
        .chars()
        .map(|c| {
            if c == '#' {
                char::from(b'0' + rng.range(0, 9) as u8)
            } else {
                c
            }
        })
        .collect()
}

/// Which clip language fits a person's region.
fn region_language(code: &str) -> &'static str {
    match code {
        "ES" | "MX" => "es",
        "FR" => "fr",
        "RU" | "UA" => "ru",
        "GR" => "el",
        "JO" | "AE" => "ar",
        "CN" => "zh",
        _ => "en",
    }
}

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

fn plan_slots(
    ctx: &mut Ctx,
    posting: &PostingDef,
    pool: &mut std::slice::Iter<'static, Person>,
    applied: &[&'static Person],
    posting_index: usize,
) -> Result<Vec<Slot>, DemoError> {
    let plan = posting.plan;
    let total = plan.total();
    let mut rng = Rng::for_key(SEED, posting.id);

    // Fixed people: (person, clip id, preferred container, résumé id, state)
    let fixed: Vec<Fixed> = match posting.id {
        "pst_627" => vec![
            (
                &JOSE,
                Some("sales_en"),
                "webm",
                Some("jose_alvarez"),
                State::Shortlisted,
            ),
            (
                &DMITRY,
                Some("sales_ru"),
                "mp3",
                Some("dmitry_ivanov"),
                State::Completed,
            ),
            (&XSS_PROBE, Some("sales_en"), "mp4", None, State::Completed),
            (&FORMULA_PROBE, None, "", None, State::Completed),
        ],
        "pst_731" => vec![
            (
                &ZOE,
                Some("support_en"),
                "ogg",
                Some("zoe_angstrom"),
                State::Completed,
            ),
            (&LAYLA, Some("support_ar"), "webm", None, State::Completed),
            (&CARLOS, Some("support_es"), "mp4", None, State::Completed),
            // also applied to pst_627 (shared candidate_id)
            (
                &PEOPLE[51],
                Some("support_ar"),
                "mp4",
                None,
                State::Completed,
            ),
            (
                &PEOPLE[13],
                Some("support_es"),
                "webm",
                None,
                State::Completed,
            ),
        ],
        "pst_845" => vec![
            (
                &CHLOE,
                Some("warehouse_fr"),
                "webm",
                Some("chloe_dubois"),
                State::Completed,
            ),
            (
                &WANG_FANG,
                Some("warehouse_zh"),
                "mp4",
                None,
                State::Completed,
            ),
            // also applied to pst_731
            (
                &PEOPLE[53],
                Some("warehouse_zh"),
                "webm",
                None,
                State::Completed,
            ),
            (&AMARA, None, "", Some("amara_okafor"), State::InProgress),
        ],
        "pst_512" => vec![(
            &ALEXANDROS,
            Some("cashier_el"),
            "wav",
            Some("alexandros_papadopoulos"),
            State::Completed,
        )],
        _ => vec![],
    };

    // The remaining states, shuffled.
    let mut states: Vec<State> = Vec::with_capacity(total);
    let mut push = |s: State, n: usize| states.extend(std::iter::repeat_n(s, n));
    push(State::Completed, plan.completed);
    push(State::Shortlisted, plan.shortlisted);
    push(State::Dismissed, plan.dismissed);
    push(State::Evaluating, plan.evaluating);
    push(State::InProgress, plan.in_progress);
    push(State::KnockedOut, plan.knocked_out);
    push(State::Pending, plan.pending);
    for f in &fixed {
        let i = states
            .iter()
            .position(|s| *s == f.4)
            .ok_or_else(|| DemoError::Plan(format!("{}: no {:?} slot left", posting.id, f.4)))?;
        states.remove(i);
    }
    rng.shuffle(&mut states);

    // Repeat applicants from earlier postings.
    let repeats: &[usize] = match posting_index {
        1 => &[2, 9, 12, 16, 38],
        2 => &[20],
        3 => &[44, 45, 0],
        _ => &[],
    };
    let mut people: Vec<&'static Person> = repeats
        .iter()
        .filter_map(|&i| PEOPLE.get(i))
        .filter(|p| applied.iter().any(|a| a.name == p.name))
        .collect();
    while people.len() < states.len() {
        let p = pool
            .next()
            .ok_or_else(|| DemoError::Plan("ran out of demo people".into()))?;
        people.push(p);
    }
    rng.shuffle(&mut people);

    let mut slots: Vec<Slot> = Vec::with_capacity(total);
    for (person, clip_id, container, resume, state) in fixed {
        let clip = match clip_id {
            Some(id) => Some(clip_use(ctx, id, container)?),
            None => None,
        };
        let resume_file = match resume {
            Some(id) => Some(resume_path(ctx, id)?),
            None => None,
        };
        slots.push(Slot {
            person,
            state,
            level: 0.0,
            clip,
            resume_file,
            flagged: false,
        });
    }
    let clips_here: Vec<Clip> = ctx
        .manifest
        .clips
        .iter()
        .filter(|c| c.posting_id == posting.id)
        .cloned()
        .collect();
    for (n, (person, state)) in people.into_iter().zip(states).enumerate() {
        let mut clip = None;
        // A deliberate résumé-vs-interview mismatch (no clip: the extra
        // lines are not in any recording).
        let mismatch = MISMATCHES
            .iter()
            .find(|m| m.0 == person.name && m.1 == posting.id && state.finished());
        let resume_file = match mismatch {
            Some(m) => Some(resume_path(ctx, m.2)?),
            None => None,
        };
        if state.finished() && mismatch.is_none() {
            let lang = region_language(person.region);
            let fitting = clips_here.iter().find(|c| c.language == lang);
            // Same-language clip when there is one; otherwise every third
            // finished candidate interviewed in English or in the posting's
            // language.
            let fallback = clips_here
                .iter()
                .find(|c| c.language == "en")
                .or_else(|| clips_here.iter().find(|c| c.language == posting.language));
            let chosen = fitting.or(if n % 3 == 0 { fallback } else { None });
            if let Some(c) = chosen {
                let container = if c.kind == "video" {
                    if n % 2 == 0 {
                        "webm"
                    } else {
                        "mp4"
                    }
                } else {
                    c.files.keys().next().map(|k| k.as_str()).unwrap_or("")
                };
                clip = Some(clip_use(ctx, &c.id.clone(), container)?);
            }
        }
        slots.push(Slot {
            person,
            state,
            level: 0.0,
            clip,
            resume_file,
            flagged: false,
        });
    }
    // Levels and cheat flags, per person and posting.
    for s in &mut slots {
        let mut r = Rng::for_key(SEED, &format!("{}/{}", posting.id, s.person.name));
        let mut level = r.range_f64(0.28, 0.97);
        if s.clip.is_some() || s.state == State::Shortlisted {
            level = level.max(0.72);
        }
        if s.state == State::Dismissed {
            level = level.min(0.45);
        }
        s.level = level;
        s.flagged = posting.cheat_detection
            && s.state.scored()
            && (r.chance(0.3) || s.person.name == CARLOS.name || s.person.name == WANG_FANG.name);
    }
    // Stable ordering: by creation order below = slot order; keep fixed
    // people spread through the list rather than all first.
    let mut order: Vec<usize> = (0..slots.len()).collect();
    rng.shuffle(&mut order);
    let mut slots_opt: Vec<Option<Slot>> = slots.into_iter().map(Some).collect();
    let ordered = order
        .into_iter()
        .map(|i| slots_opt[i].take().expect("each slot taken once"))
        .collect();
    Ok(ordered)
}

fn clip_use(ctx: &Ctx, id: &str, container: &str) -> Result<ClipUse, DemoError> {
    let clip = ctx
        .manifest
        .clips
        .iter()
        .find(|c| c.id == id)
        .ok_or_else(|| DemoError::Plan(format!("clip {id} missing from manifest.json")))?
        .clone();
    let rel = clip
        .files
        .get(container)
        .ok_or_else(|| DemoError::Plan(format!("clip {id} has no {container} file")))?;
    if assets::asset(rel).is_none() {
        return Err(DemoError::Plan(format!("{rel} is not embedded")));
    }
    Ok(ClipUse {
        media: format!("media/{rel}"),
        clip,
    })
}

fn resume_path(ctx: &Ctx, id: &str) -> Result<String, DemoError> {
    let r = ctx
        .manifest
        .resumes
        .iter()
        .find(|r| r.id == id)
        .ok_or_else(|| DemoError::Plan(format!("résumé {id} missing from manifest.json")))?;
    if assets::asset(&r.file).is_none() {
        return Err(DemoError::Plan(format!("{} is not embedded", r.file)));
    }
    Ok(format!("media/{}", r.file))
}

fn step_id(posting: &PostingDef, order: usize) -> String {
    format!("{}_step{}", posting.id.trim_start_matches("pst_"), order)
}

fn emit_posting(
    ctx: &mut Ctx,
    bundle: &mut Bundle,
    posting: &PostingDef,
    posting_index: usize,
    slots: Vec<Slot>,
) -> Result<(), DemoError> {
    // --- postings/<id>.json
    let workflow: Vec<WorkflowStep> = posting
        .workflow
        .iter()
        .enumerate()
        .map(|(i, kind)| WorkflowStep {
            id: Some(step_id(posting, i + 1)),
            kind: (*kind).to_string(),
            order: i as i64 + 1,
            config: Some(step_config(posting, kind)),
        })
        .collect();
    let p = Posting {
        id: posting.id.into(),
        company_id: Some("comp_demo_northwind".into()),
        title: posting.title.into(),
        name: Some(posting.slug.into()),
        description: Some(posting.description.into()),
        language: Some(posting.language.into()),
        interviewer_name: Some(posting.interviewer.into()),
        status: posting.status.into(),
        archived: Some(false),
        workflow,
        urls: Some(PostingUrls {
            candidate_url: Some(format!(
                "https://candidates.heymilo.io/northwind/{}",
                posting.slug
            )),
            review_url: Some(format!(
                "https://admin.heymilo.ai/w/DEMO/lab2/{}/1-details",
                posting.id
            )),
        }),
        deadline: posting.deadline,
        max_retakes: Some(posting.max_retakes),
        retake_cooldown_days: Some(7.0),
        metadata: Some(
            [
                ("department".to_string(), Value::from(department(posting))),
                (
                    "requisition".to_string(),
                    Value::from(format!("REQ-{}", &posting.id[4..])),
                ),
            ]
            .into_iter()
            .collect(),
        ),
        created_at: Some(posting.created_at),
        updated_at: Some(posting.created_at + 3.0 * DAY),
    };
    let mut pv = object_first(
        "posting",
        serde_json::to_value(&p).map_err(DemoError::Json)?,
    );
    if let Value::Object(o) = &mut pv {
        o.insert("finalized".into(), Value::Bool(posting.status != "draft"));
        o.insert("test_posting".into(), Value::Bool(false));
    }
    let pv = if posting_index & 1 == 0 { wrap(pv) } else { pv };
    bundle
        .files
        .insert(format!("postings/{}.json", posting.id), json_bytes(&pv)?);

    // --- extensions/<posting>.json
    if let Some((budget, spend, currency)) = posting.budget {
        let ext = PostingExtension {
            posting_id: posting.id.into(),
            budget: Some(budget),
            spend: Some(spend),
            currency: Some(currency.into()),
            subscribers: posting.subscribers.iter().map(|s| s.to_string()).collect(),
        };
        bundle
            .files
            .insert(format!("extensions/{}.json", posting.id), json_bytes(&ext)?);
    }

    // --- candidates and interviews
    let mut cand_values: Vec<Value> = Vec::new();
    for (n, slot) in slots.iter().enumerate() {
        let interview_id = format!("int_{:04}", ctx.next_interview);
        ctx.next_interview += 1;
        let next_cid = ctx.candidate_ids.len() + 1;
        let candidate_id = ctx
            .candidate_ids
            .entry(slot.person.name)
            .or_insert_with(|| format!("cand_{next_cid:04}"))
            .clone();
        let built = build_candidate(posting, slot, &interview_id, &candidate_id, n)?;
        cand_values.push(object_first(
            "candidate",
            serde_json::to_value(&built.candidate).map_err(DemoError::Json)?,
        ));
        let mut iv = object_first(
            "interview_data",
            serde_json::to_value(&built.interview).map_err(DemoError::Json)?,
        );
        integer_scores(&mut iv);
        let iv = if ctx.next_interview & 1 == 0 {
            wrap(iv)
        } else {
            iv
        };
        bundle
            .files
            .insert(format!("interviews/{interview_id}.json"), json_bytes(&iv)?);
        if let Some(ext) = built.extension {
            bundle
                .files
                .insert(format!("extensions/{interview_id}.json"), json_bytes(&ext)?);
        }
    }
    let total = cand_values.len();
    let list_url = format!("/api/v2/postings/{}/candidates", posting.id);
    if posting_index % 2 == 1 && total <= PAGE_SIZE {
        // bare array form
        bundle.files.insert(
            format!("candidates/{}.json", posting.id),
            json_bytes(&Value::Array(cand_values))?,
        );
    } else {
        let pages: Vec<Vec<Value>> = if total == 0 {
            vec![vec![]]
        } else {
            cand_values.chunks(PAGE_SIZE).map(|c| c.to_vec()).collect()
        };
        let n_pages = pages.len();
        for (i, page) in pages.into_iter().enumerate() {
            let name = if i == 0 {
                format!("candidates/{}.json", posting.id)
            } else {
                format!("candidates/{}.{}.json", posting.id, i + 1)
            };
            let v = json!({
                "data": page,
                "pagination": {
                    "has_more": i + 1 < n_pages,
                    "total_count": total,
                    "url": list_url,
                }
            });
            bundle.files.insert(name, json_bytes(&v)?);
        }
    }
    Ok(())
}

fn department(posting: &PostingDef) -> &'static str {
    match posting.id {
        "pst_731" => "Customer Care",
        "pst_845" => "Logistics",
        _ => "Retail",
    }
}

fn step_config(posting: &PostingDef, kind: &str) -> Map<String, Value> {
    let v = match kind {
        "web_interview" => json!({
            "mode": "video",
            "language": posting.language,
            "question_count": posting.questions.len(),
            "resume_questions": posting.workflow.contains(&"resume"),
            "cheat_detection": posting.cheat_detection,
            "scorecard_scale": 10,
        }),
        "resume" => json!({
            "criteria": posting.resume_criteria,
            "pass_threshold": 50,
        }),
        "form" => json!({ "questions": form_questions(posting).len(), "knockout": true }),
        "conversational_sms" => json!({ "max_messages": 12, "dealbreakers": true }),
        _ => json!({}),
    };
    match v {
        Value::Object(o) => o,
        _ => Map::new(),
    }
}

/// (id, text, type, is_knockout, expected answer)
fn form_questions(
    posting: &PostingDef,
) -> Vec<(
    &'static str,
    &'static str,
    &'static str,
    bool,
    Option<&'static str>,
)> {
    match posting.id {
        "pst_512" => vec![
            (
                "f1",
                "Are you at least 18 years old?",
                "yes_no",
                true,
                Some("Yes"),
            ),
            (
                "f2",
                "Can you work night shifts (22:00–06:00)?",
                "yes_no",
                true,
                Some("Yes"),
            ),
            (
                "f3",
                "How did you hear about us?",
                "multiple_choice",
                false,
                None,
            ),
        ],
        _ => vec![
            (
                "f1",
                "Are you at least 18 years old?",
                "yes_no",
                true,
                Some("Yes"),
            ),
            (
                "f2",
                "Can you work at least two weekends in December?",
                "yes_no",
                true,
                Some("Yes"),
            ),
            (
                "f3",
                "Minimum hourly pay you would accept (USD)",
                "minimum_amount",
                false,
                None,
            ),
            ("f4", "Preferred shift", "multiple_choice", false, None),
        ],
    }
}

struct Built {
    candidate: Candidate,
    interview: InterviewData,
    extension: Option<InterviewExtension>,
}

/// One step's progress for this candidate.
#[derive(Clone, Copy, PartialEq)]
enum StepState {
    NotStarted,
    InProgress,
    Completed,
    KnockedOut,
}

impl StepState {
    fn api(self) -> &'static str {
        match self {
            StepState::NotStarted => "not_started",
            StepState::InProgress => "in_progress",
            StepState::Completed => "completed",
            StepState::KnockedOut => "knocked_out",
        }
    }
}

fn step_states(posting: &PostingDef, state: State, rng: &mut Rng) -> Vec<StepState> {
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

struct Transcript {
    lines: Vec<TranscriptEntry>,
    /// 1-based question → indices into `lines`.
    by_question: BTreeMap<usize, Vec<usize>>,
    duration: f64,
}

fn transcript_from_clip(clip: &Clip) -> Transcript {
    let mut t = Transcript {
        lines: vec![],
        by_question: BTreeMap::new(),
        duration: clip.duration,
    };
    for (i, l) in clip.lines.iter().enumerate() {
        t.lines.push(TranscriptEntry {
            speaker: l.speaker.clone(),
            text: l.text.clone(),
            timestamp: l.start,
            timestamp_str: Some(mmss(l.start)),
        });
        t.by_question.entry(l.question).or_default().push(i);
    }
    t
}

fn transcript_from_pool(
    posting: &PostingDef,
    scores: &[i64],
    extra: &[(&str, &str)],
) -> Transcript {
    let mut t = Transcript {
        lines: vec![],
        by_question: BTreeMap::new(),
        duration: 0.0,
    };
    let mut at = 1.0;
    let mut say = |t: &mut Transcript, speaker: &str, text: String, q: usize| {
        let words = text.split_whitespace().count() as f64;
        t.lines.push(TranscriptEntry {
            speaker: speaker.into(),
            timestamp: round1(at),
            timestamp_str: Some(mmss(at)),
            text,
        });
        t.by_question.entry(q).or_default().push(t.lines.len() - 1);
        at += 0.42 * words + 0.9;
    };
    for (i, q) in posting.questions.iter().enumerate() {
        let text = if i == 0 {
            format!("Hi, I'm {}. {}", posting.interviewer, q.text)
        } else {
            q.text.to_string()
        };
        say(&mut t, "Interviewer", text, i + 1);
        let tier = tier(scores[i]);
        say(&mut t, "Candidate", q.answers[tier].to_string(), i + 1);
        if i == 0 {
            for (speaker, text) in extra {
                say(&mut t, speaker, text.to_string(), 1);
            }
        }
    }
    t.duration = round1(at + 1.0);
    t
}

fn tier(score: i64) -> usize {
    if score >= 8 {
        0
    } else if score >= 5 {
        1
    } else {
        2
    }
}

fn build_candidate(
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

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(o) => o,
        _ => Map::new(),
    }
}

fn work_country(posting: &PostingDef) -> &'static str {
    match posting.id {
        "pst_731" => "Spain",
        "pst_845" => "France",
        "pst_512" => "Greece",
        _ => "the United States",
    }
}

fn languages(region: &str, posting: &PostingDef) -> Vec<&'static str> {
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

fn resume_reasons(criterion: &str, score: f64) -> Vec<String> {
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

fn summary(q: &QuestionDef, score: i64) -> String {
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

fn highlight(q: &QuestionDef) -> String {
    let mut t = q.topic.to_string();
    if let Some(f) = t.get_mut(0..1) {
        f.make_ascii_uppercase();
    }
    format!("{t}: gave a concrete, well-structured example")
}

fn lowlight(q: &QuestionDef) -> String {
    format!("Limited depth on {}", q.topic)
}

const CHEAT_TYPES: &[&str] = &[
    "tab_switching",
    "ai_scripted_answer",
    "multiple_people",
    "multiple_speakers",
    "phone_detection",
    "unusual_delays",
    "facial_behaviour",
];

fn candidate_lines(tr: Option<&Transcript>) -> Vec<&TranscriptEntry> {
    tr.map(|t| {
        t.lines
            .iter()
            .filter(|l| l.speaker == "Candidate")
            .collect()
    })
    .unwrap_or_default()
}

fn cheat_detection(
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
fn diagnostics(
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

fn evaluation_modules(posting: &PostingDef, level: f64, rng: &mut Rng) -> Vec<EvaluationModule> {
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

fn cross_agent_signals(
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

fn resume_questions(posting: &PostingDef, tr: &Transcript) -> Vec<ResumeQuestion> {
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
fn integer_scores(v: &mut Value) {
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
