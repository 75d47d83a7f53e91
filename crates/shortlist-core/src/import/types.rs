//! The import's public types: options, phases and progress, the summary.

use std::fmt;
use std::sync::atomic::AtomicBool;

use serde::Serialize;

use super::source::Limits;

/// Pipeline phase, for progress reporting; reported in this order.
/// `parsing` and `validating` cover a bundle's lists (postings, candidate
/// pages, extensions); its interview documents are parsed, checked, their
/// media copied into the workspace and their records saved during
/// `writing`, whose progress counts interview ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ImportPhase {
    Reading,
    Parsing,
    Validating,
    Writing,
}

impl fmt::Display for ImportPhase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ImportPhase::Reading => "reading",
            ImportPhase::Parsing => "parsing",
            ImportPhase::Validating => "validating",
            ImportPhase::Writing => "writing",
        })
    }
}

/// Progress of a long import: `done` of `total` items in `phase`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportProgress {
    pub phase: ImportPhase,
    pub done: u64,
    pub total: u64,
}

/// Added / updated / unchanged counts of one kind of record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Counts {
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
}

impl Counts {
    pub(crate) fn bump(&mut self, before: Option<&str>, after: &str) {
        match before {
            None => self.added += 1,
            Some(h) if h == after => self.unchanged += 1,
            Some(_) => self.updated += 1,
        }
    }

    pub fn total(&self) -> u64 {
        self.added + self.updated + self.unchanged
    }
}

/// What an import did. `candidates` counts interview records (one per
/// candidate per interviewer, whatever files they came from); `interviews`
/// counts `InterviewDataResponse` objects; `media` counts distinct files
/// (added = new to the content store).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportSummary {
    pub postings: Counts,
    pub candidates: Counts,
    pub interviews: Counts,
    pub extensions: Counts,
    pub media: Counts,
    /// Team events (F74) that had waited for these interviews and were
    /// applied right after the import (by `actions::team::import_path_with`,
    /// the entry point the CLI, the app and HeyMilo sync call; 0 from the
    /// bare `import` functions, which sit below the actions layer).
    pub team_applied: u64,
    /// Of those, candidates erased by a teammate's erasure tombstone.
    pub team_erased: u64,
}

impl ImportSummary {
    /// Whether the import changed nothing.
    pub fn is_noop(&self) -> bool {
        [
            &self.postings,
            &self.candidates,
            &self.interviews,
            &self.extensions,
        ]
        .iter()
        .all(|c| c.added == 0 && c.updated == 0)
            && self.media.added == 0
    }
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for (label, c) in [
            ("interviewers", &self.postings),
            ("candidates", &self.candidates),
            ("interviews", &self.interviews),
            ("extensions", &self.extensions),
            ("media files", &self.media),
        ] {
            if c.total() == 0 && label != "candidates" {
                continue;
            }
            if !first {
                f.write_str("; ")?;
            }
            first = false;
            write!(
                f,
                "{label}: {} added, {} updated, {} unchanged",
                c.added, c.updated, c.unchanged
            )?;
        }
        if self.team_applied > 0 {
            write!(f, "; team: {} waiting event(s) applied", self.team_applied)?;
            if self.team_erased > 0 {
                write!(
                    f,
                    " ({} candidate(s) erased by a teammate's erasure; see `shortlist erasures`)",
                    self.team_erased
                )?;
            }
        }
        Ok(())
    }
}

/// Options beyond the defaults.
#[derive(Debug, Default, Clone)]
pub struct ImportOptions<'a> {
    pub limits: Limits,
    /// Set to `true` from another thread to stop; the import then returns
    /// [`ImportError::Cancelled`] having written nothing.
    pub cancel: Option<&'a AtomicBool>,
}
