//! A record's raw JSON as received, with its content hash.

/// A new raw object to store (`None` in [`crate::project::InterviewInput`] keeps the stored one).
#[derive(Debug, Clone, Copy)]
pub struct RawPart<'a> {
    pub text: &'a str,
    pub hash: &'a str,
}
