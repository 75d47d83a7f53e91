//! The demo's plan: which candidate sits in which state, with which clip
//! and résumé, and the bundle it fills.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::assets::{self, Clip, Manifest};
use super::content::{
    Person, PostingDef, ALEXANDROS, AMARA, CARLOS, CHLOE, DMITRY, FORMULA_PROBE, JOSE, LAYLA,
    MISMATCHES, PEOPLE, WANG_FANG, XSS_PROBE, ZOE,
};
use super::error::DemoError;
use super::rng::Rng;
use super::util::region_language;

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
    pub(crate) fn finished(self) -> bool {
        matches!(
            self,
            State::Evaluating | State::Completed | State::Shortlisted | State::Dismissed
        )
    }

    /// Finished and scored.
    pub(crate) fn scored(self) -> bool {
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
pub(crate) type Fixed = (
    &'static Person,
    Option<&'static str>,
    &'static str,
    Option<&'static str>,
    State,
);

pub(crate) struct Slot {
    pub(crate) person: &'static Person,
    pub(crate) state: State,
    pub(crate) clip: Option<ClipUse>,
    pub(crate) resume_file: Option<String>,
    /// Latent level 0..1 driving every score of this candidate.
    pub(crate) level: f64,
    pub(crate) flagged: bool,
}

#[derive(Clone)]
pub(crate) struct ClipUse {
    pub(crate) clip: Clip,
    /// Bundle-relative media path (`media/...`).
    pub(crate) media: String,
}

pub(crate) struct Ctx {
    pub(crate) manifest: Manifest,
    pub(crate) candidate_ids: HashMap<&'static str, String>,
    pub(crate) next_interview: usize,
}

pub(crate) fn plan_slots(
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

pub(crate) fn clip_use(ctx: &Ctx, id: &str, container: &str) -> Result<ClipUse, DemoError> {
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

pub(crate) fn resume_path(ctx: &Ctx, id: &str) -> Result<String, DemoError> {
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
