//! Score scales and their normalisation to percent (SPEC F3).
//!
//! Raw values keep their own scale in the store and in exports. Everything a
//! person compares — list cells, averages, the radar, reports — uses percent:
//!
//! | value                         | raw scale | percent                      |
//! |-------------------------------|-----------|------------------------------|
//! | overall / match / résumé score| 0–100     | as is                        |
//! | scorecard question            | 1–10 (API schema); 1–5 when the posting's `metadata.scorecard_scale` is 5 | `score / scale × 100` |
//! | résumé criterion              | 0–10      | `score × 10`                 |
//! | speech / communication        | 0–5       | `score × 20`                 |
//! | confidence                    | 0–1       | `× 100`                      |
//!
//! HeyMilo's rules kept here: `not_scored` questions are informational and
//! never enter a weighted score; weights default to 1; tags and cheat-detection
//! flags never change a score.

use crate::model::ScorecardQuestion;

/// Default scorecard scale (the API schema's 1–10).
pub const SCORECARD_SCALE: f64 = 10.0;

fn clamp_pct(v: f64) -> f64 {
    if v.is_nan() {
        0.0
    } else {
        v.clamp(0.0, 100.0)
    }
}

pub fn scorecard_pct(score: f64, scale: f64) -> f64 {
    let scale = if scale > 0.0 { scale } else { SCORECARD_SCALE };
    clamp_pct(score / scale * 100.0)
}

pub fn resume_criterion_pct(score: f64) -> f64 {
    clamp_pct(score * 10.0)
}

pub fn speech_pct(score: f64) -> f64 {
    clamp_pct(score * 20.0)
}

pub fn overall_pct(score: f64) -> f64 {
    clamp_pct(score)
}

/// Weighted overall of the scored questions, in percent; `None` when no
/// question is scored.
pub fn weighted_scorecard_pct(questions: &[ScorecardQuestion], scale: f64) -> Option<f64> {
    let mut sum = 0.0;
    let mut weights = 0.0;
    for q in questions.iter().filter(|q| !q.not_scored) {
        let w = q.score_weight.filter(|w| *w > 0.0).unwrap_or(1.0);
        sum += w * scorecard_pct(q.score, scale);
        weights += w;
    }
    (weights > 0.0).then(|| sum / weights)
}

/// "32% above average": relative difference of a candidate's percent to the
/// average percent, rounded; `None` when the average is zero.
pub fn relative_to_average(candidate_pct: f64, avg_pct: f64) -> Option<f64> {
    (avg_pct > 0.0).then(|| ((candidate_pct - avg_pct) / avg_pct * 100.0).round())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(score: f64, weight: Option<f64>, not_scored: bool) -> ScorecardQuestion {
        ScorecardQuestion {
            question_id: "q".into(),
            question_text: "t".into(),
            score,
            score_weight: weight,
            evaluation_summary: String::new(),
            evaluation_criteria: String::new(),
            score_1_description: None,
            score_5_description: None,
            not_scored,
            rank: 1,
            transcript: vec![],
        }
    }

    #[test]
    fn weighted_ignores_not_scored_and_defaults_weight() {
        let qs = [
            q(10.0, Some(3.0), false),
            q(5.0, None, false),
            q(1.0, Some(9.0), true),
        ];
        // (3*100 + 1*50) / 4
        assert_eq!(weighted_scorecard_pct(&qs, 10.0), Some(87.5));
        assert_eq!(weighted_scorecard_pct(&[q(1.0, None, true)], 10.0), None);
    }

    #[test]
    fn scales() {
        assert_eq!(scorecard_pct(4.0, 5.0), 80.0);
        assert_eq!(resume_criterion_pct(7.4), 74.0);
        assert_eq!(speech_pct(4.5), 90.0);
        assert_eq!(overall_pct(140.0), 100.0);
        assert_eq!(relative_to_average(66.0, 50.0), Some(32.0));
    }
}
