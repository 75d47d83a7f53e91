//! Demo transcripts: a recorded clip's own lines, or lines drawn from the
//! question pools.

use std::collections::BTreeMap;

use super::assets::Clip;
use super::content::PostingDef;
use super::util::tier;
use super::util::{mmss, round1};
use crate::model::*;

pub(crate) struct Transcript {
    pub(crate) lines: Vec<TranscriptEntry>,
    /// 1-based question → indices into `lines`.
    pub(crate) by_question: BTreeMap<usize, Vec<usize>>,
    pub(crate) duration: f64,
}

pub(crate) fn transcript_from_clip(clip: &Clip) -> Transcript {
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

pub(crate) fn transcript_from_pool(
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

pub(crate) fn candidate_lines(tr: Option<&Transcript>) -> Vec<&TranscriptEntry> {
    tr.map(|t| {
        t.lines
            .iter()
            .filter(|l| l.speaker == "Candidate")
            .collect()
    })
    .unwrap_or_default()
}
