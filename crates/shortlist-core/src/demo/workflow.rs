//! Workflow pieces shared by a demo interviewer and its candidates: step
//! ids and the form's questions.

use super::content::PostingDef;

pub(crate) fn step_id(posting: &PostingDef, order: usize) -> String {
    format!("{}_step{}", posting.id.trim_start_matches("pst_"), order)
}

/// (id, text, type, is_knockout, expected answer)
pub(crate) fn form_questions(
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
