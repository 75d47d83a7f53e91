//! The Shortlist desktop shell (filled in by the review-desk work).
pub fn run() {}
