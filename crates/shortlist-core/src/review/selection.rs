//! What a bulk action or an export applies to: the candidates ticked in the
//! list, or every candidate matching the list's query ("Select all N
//! matching"). A query selection is resolved here, in the core, page by
//! page, so the UI never holds more ids than it renders.

use serde::{Deserialize, Serialize};

use super::dto::{CandidateQuery, CandidateRow};
use super::list::{candidate_row, list_candidates};
use crate::error::StoreResult;
use crate::store::Workspace;

/// Rows read per page while resolving a query selection.
pub const SELECTION_PAGE: u32 = 1_000;

/// Every candidate matching `query` (its `offset` and `limit` are ignored),
/// in list order, except the ids in `except` (unticked after "Select all").
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Matching {
    pub query: CandidateQuery,
    #[serde(default)]
    pub except: Vec<String>,
}

/// A bulk action's or an export's candidates.
#[derive(Debug, Clone, PartialEq)]
pub enum Selection<'a> {
    Ids(&'a [String]),
    Matching(&'a Matching),
}

/// Call `f` with the selected rows, a page at a time, in list order (ids in
/// the order given). Returns how many rows were passed.
pub fn for_each_selected<E>(
    ws: &Workspace,
    sel: &Selection<'_>,
    f: impl FnMut(&[CandidateRow]) -> Result<(), E>,
) -> Result<usize, E>
where
    E: From<crate::StoreError>,
{
    for_each_selected_paged(ws, sel, SELECTION_PAGE, f)
}

/// [`for_each_selected`] with pages of `page` rows (tests use small pages).
#[doc(hidden)]
pub fn for_each_selected_paged<E>(
    ws: &Workspace,
    sel: &Selection<'_>,
    page: u32,
    mut f: impl FnMut(&[CandidateRow]) -> Result<(), E>,
) -> Result<usize, E>
where
    E: From<crate::StoreError>,
{
    let page_size = page.max(1);
    let mut n = 0;
    match sel {
        Selection::Ids(ids) => {
            for chunk in ids.chunks(page_size as usize) {
                let rows = chunk
                    .iter()
                    .map(|id| candidate_row(ws, id))
                    .collect::<StoreResult<Vec<_>>>()?;
                n += rows.len();
                f(&rows)?;
            }
        }
        Selection::Matching(m) => {
            let except: std::collections::HashSet<&str> =
                m.except.iter().map(String::as_str).collect();
            let mut q = m.query.clone();
            q.limit = page_size;
            q.offset = 0;
            loop {
                let page = list_candidates(ws, &q)?;
                let got = page.rows.len();
                let rows: Vec<CandidateRow> = page
                    .rows
                    .into_iter()
                    .filter(|r| !except.contains(r.interview_id.as_str()))
                    .collect();
                n += rows.len();
                if !rows.is_empty() {
                    f(&rows)?;
                }
                if got < page_size as usize {
                    break;
                }
                q.offset += page_size;
            }
        }
    }
    Ok(n)
}

/// The selected interview ids, in list order.
pub fn selection_ids(ws: &Workspace, sel: &Selection<'_>) -> StoreResult<Vec<String>> {
    match sel {
        Selection::Ids(ids) => Ok(ids.to_vec()),
        Selection::Matching(_) => {
            let mut out = Vec::new();
            for_each_selected(ws, sel, |rows| -> StoreResult<()> {
                out.extend(rows.iter().map(|r| r.interview_id.clone()));
                Ok(())
            })?;
            Ok(out)
        }
    }
}

/// How many candidates a selection holds (the bar's "N matching").
pub fn selection_count(ws: &Workspace, sel: &Selection<'_>) -> StoreResult<usize> {
    match sel {
        Selection::Ids(ids) => Ok(ids.len()),
        Selection::Matching(m) => {
            let mut q = m.query.clone();
            q.limit = 1;
            q.offset = 0;
            let total = list_candidates(ws, &q)?.total.max(0) as usize;
            // Only ids that match count as excluded.
            let excluded = if m.except.is_empty() {
                0
            } else {
                selection_ids(
                    ws,
                    &Selection::Matching(&Matching {
                        query: m.query.clone(),
                        except: Vec::new(),
                    }),
                )?
                .iter()
                .filter(|id| m.except.contains(id))
                .count()
            };
            Ok(total - excluded)
        }
    }
}
