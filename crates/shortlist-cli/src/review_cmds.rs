//! `demo`, `import`, `list`, `interviewers`, `show`, `decide`.

use std::path::Path;

use anyhow::Context;
use serde_json::json;
use shortlist_core::review::{self, CandidateQuery, Decision, SortKey};
use shortlist_core::Workspace;

pub fn demo(ws: &Workspace) -> anyhow::Result<()> {
    let summary = shortlist_core::demo::load_demo(ws).context("loading the demo workspace")?;
    outln!(
        "demo workspace written to {}: {summary}",
        ws.root().display()
    );
    Ok(())
}

pub fn import(ws: &Workspace, path: &Path, progress: bool) -> anyhow::Result<()> {
    let report = |p: shortlist_core::import::ImportProgress| {
        if progress {
            use std::io::Write as _;
            let _ = writeln!(
                std::io::stderr().lock(),
                "{}: {}/{}",
                p.phase,
                p.done,
                p.total
            );
        }
    };
    let summary =
        shortlist_core::actions::team::import_path_with(ws, path, &Default::default(), &report)?;
    outln!("{summary}");
    Ok(())
}

fn date(ts: Option<f64>) -> String {
    ts.and_then(|t| time::OffsetDateTime::from_unix_timestamp(t as i64).ok())
        .map(|d| {
            format!(
                "{:04}-{:02}-{:02} {:02}:{:02}",
                d.year(),
                u8::from(d.month()),
                d.day(),
                d.hour(),
                d.minute()
            )
        })
        .unwrap_or_else(|| "—".into())
}

fn pct(v: Option<f64>) -> String {
    v.map(|v| format!("{}%", v.round()))
        .unwrap_or_else(|| "—".into())
}

/// Pad or cut to `w` terminal columns (CJK characters take two).
fn cell(s: &str, w: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut used = 0;
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    let budget = if total > w { w.saturating_sub(1) } else { w };
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > budget {
            break;
        }
        out.push(c);
        used += cw;
    }
    if total > w {
        out.push('…');
        used += 1;
    }
    out.push_str(&" ".repeat(w.saturating_sub(used)));
    out
}

pub enum ListFormat {
    Table,
    /// `{"data": [rows], "total": N}`.
    Json,
    /// One row per line, streamed.
    JsonLines,
}

pub struct ListArgs {
    pub interviewer: Option<String>,
    pub search: Option<String>,
    pub status: Option<String>,
    pub cohort: Option<String>,
    /// `None`: every row from `offset` on.
    pub limit: Option<u32>,
    pub offset: u32,
    /// `strong-yes-2` or `split` (blind-safe, see the core's list query).
    pub panel: Option<String>,
    pub format: ListFormat,
}

/// Rows read per query while streaming `--jsonl` (and the table): memory
/// stays bounded at any workspace size.
const STREAM_CHUNK: u32 = 500;

/// Call `each` with the rows `q` selects from `offset`, at most `limit`,
/// reading them `chunk` at a time through the core's paging (the list
/// order, ties broken by interview id, is total, so chunks neither repeat
/// nor skip rows while nobody writes; each chunk is its own read
/// snapshot). Returns the number of matching rows (all pages).
fn for_each_row(
    ws: &Workspace,
    q: &CandidateQuery,
    offset: u32,
    limit: Option<u32>,
    chunk: u32,
    mut each: impl FnMut(&review::CandidateRow) -> anyhow::Result<()>,
) -> anyhow::Result<i64> {
    let mut q = q.clone();
    let mut next = offset;
    let mut left = limit;
    loop {
        let want = left.map_or(chunk, |l| l.min(chunk));
        if want == 0 {
            // --limit 0: the total only.
            q.offset = next;
            q.limit = 1;
            return Ok(review::list_candidates(ws, &q)?.total);
        }
        q.offset = next;
        q.limit = want;
        let page = review::list_candidates(ws, &q)?;
        let total = page.total;
        for r in &page.rows {
            each(r)?;
        }
        let got = page.rows.len() as u32;
        next += got;
        if let Some(l) = left.as_mut() {
            *l -= got;
        }
        if got < want || i64::from(next) >= total {
            return Ok(total);
        }
    }
}

pub fn list(ws: &Workspace, args: ListArgs) -> anyhow::Result<()> {
    let ListArgs {
        interviewer,
        search,
        status,
        cohort,
        limit,
        offset,
        panel,
        format,
    } = args;
    if let Some(id) = &interviewer {
        review::interviewer(ws, id)?;
    }
    const STATUSES: [&str; 7] = [
        "pending",
        "in_progress",
        "evaluating",
        "completed",
        "knocked_out",
        "shortlisted",
        "dismissed",
    ];
    if let Some(s) = &status {
        anyhow::ensure!(
            STATUSES.contains(&s.as_str()),
            "unknown status `{s}`: use one of {}",
            STATUSES.join(", ")
        );
    }
    let q = CandidateQuery {
        posting_id: interviewer,
        search,
        status,
        cohort,
        sort: SortKey::Name,
        panel_min_strong_yes: (panel.as_deref() == Some("strong-yes-2")).then_some(2),
        panel_split: panel.as_deref() == Some("split"),
        ..Default::default()
    };
    match format {
        ListFormat::Json => {
            // One document, written as the rows are read (bounded memory
            // at any size): {"data": [rows...], "total": N}.
            use std::io::Write as _;
            let mut w = std::io::BufWriter::new(std::io::stdout().lock());
            w.write_all(b"{\n  \"data\": [")?;
            let mut n = 0u64;
            let total = for_each_row(ws, &q, offset, limit, STREAM_CHUNK, |r| {
                w.write_all(if n == 0 { b"\n    " } else { b",\n    " })?;
                serde_json::to_writer(&mut w, r)?;
                n += 1;
                Ok(())
            })?;
            writeln!(
                w,
                "{}],\n  \"total\": {total}\n}}",
                if n == 0 { "" } else { "\n  " }
            )?;
            w.flush()?;
        }
        ListFormat::JsonLines => {
            let mut w = std::io::BufWriter::new(std::io::stdout().lock());
            let mut pending = 0u32;
            for_each_row(ws, &q, offset, limit, STREAM_CHUNK, |r| {
                use std::io::Write as _;
                serde_json::to_writer(&mut w, r)?;
                w.write_all(b"\n")?;
                pending += 1;
                // Hand rows on as they come, not only at the end.
                if pending == 64 {
                    w.flush()?;
                    pending = 0;
                }
                Ok(())
            })?;
            use std::io::Write as _;
            w.flush()?;
        }
        ListFormat::Table => {
            let mut shown = 0u64;
            let total = for_each_row(ws, &q, offset, limit, STREAM_CHUNK, |r| {
                if shown == 0 {
                    outln!(
                        "{} {} {} {} {} LAST ENGAGED",
                        cell("INTERVIEW", 14),
                        cell("NAME", 26),
                        cell("STATUS", 12),
                        cell("SCORE", 6),
                        cell("STAGE", 26),
                    );
                }
                shown += 1;
                outln!(
                    "{} {} {} {} {} {}",
                    cell(&r.interview_id, 14),
                    cell(&r.name, 26),
                    cell(&r.status, 12),
                    cell(&pct(r.score), 6),
                    cell(&r.stage_summary, 26),
                    date(r.last_engaged)
                );
                Ok(())
            })?;
            if total == 0 {
                outln!("no candidates match");
            } else if shown as i64 == total {
                outln!("{total} candidate(s)");
            } else {
                outln!("{shown} of {total} candidate(s)");
            }
        }
    }
    Ok(())
}

pub fn interviewers(ws: &Workspace, as_json: bool) -> anyhow::Result<()> {
    let list = review::list_interviewers(ws)?;
    if as_json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&json!({ "data": list }))?
        );
        return Ok(());
    }
    for i in &list {
        let days = match i.days_left {
            Some(d) if d >= 0 => format!("active for {d} more days"),
            Some(_) => "past deadline".into(),
            None => "no deadline".into(),
        };
        outln!(
            "{}  {}  [{}]  {} candidates ({} completed, {} shortlisted)  {}",
            i.id,
            i.title,
            i.status,
            i.counts.total,
            i.counts.completed,
            i.counts.shortlisted,
            days
        );
    }
    Ok(())
}

pub fn show(ws: &Workspace, id: &str, as_json: bool) -> anyhow::Result<()> {
    let d = review::candidate_detail(ws, id)?;
    if as_json {
        outln!("{}", serde_json::to_string_pretty(&d)?);
        return Ok(());
    }
    let r = &d.row;
    outln!("{} <{}>", r.name, r.email);
    outln!("  interview   {}  ({})", r.interview_id, d.posting.title);
    outln!("  status      {}  (progress: {})", r.status, r.progress);
    outln!(
        "  scores      overall {}  résumé {}  video {}  communication {}",
        pct(r.score),
        pct(r.resume_score),
        pct(r.video_score),
        r.speech_score
            .map(|s| format!("{s:.1}/5"))
            .unwrap_or_else(|| "—".into())
    );
    outln!(
        "  stages      {}",
        r.stages
            .iter()
            .map(|s| s.label.as_str())
            .collect::<Vec<_>>()
            .join(" → ")
    );
    if !r.tags.is_empty() {
        outln!("  tags        {}", r.tags.join(", "));
    }
    outln!("  last engaged {}", date(r.last_engaged));
    if let Some(wi) = d.interview.as_ref().and_then(|i| i.web_interview.as_ref()) {
        for h in &wi.highlights {
            outln!("  + {h}");
        }
        for l in &wi.lowlights {
            outln!("  - {l}");
        }
        for q in wi.scorecard.iter().filter(|q| !q.not_scored) {
            outln!("  Q{} {}  {}/10", q.rank, q.question_text, q.score);
        }
    }
    if !d.cheat_flags.is_empty() {
        outln!(
            "  flags       {} (signals for a human, never a verdict)",
            d.cheat_flags.len()
        );
    }
    for n in &d.notes {
        match n.at_seconds {
            Some(t) => outln!(
                "  note @{:02}:{:02} {}",
                (t as i64) / 60,
                (t as i64) % 60,
                n.text
            ),
            None => outln!("  note {}", n.text),
        }
    }
    Ok(())
}

pub fn decide(ws: &Workspace, id: &str, decision: &str) -> anyhow::Result<()> {
    let d = Decision::parse(decision).with_context(|| {
        format!("unknown decision `{decision}`: use shortlist, dismiss or pending")
    })?;
    let before = review::candidate_row(ws, id)?;
    shortlist_core::actions::decisions::set_decision(ws, &[id.to_string()], d)?;
    let after = review::candidate_row(ws, id)?;
    outln!("{id}: {} (was {})", after.status, before.status);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Streaming in chunks gives exactly the rows of one query, for any
    /// chunk size, offset and limit.
    #[test]
    fn chunked_rows_equal_one_query() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(dir.path()).unwrap();
        shortlist_core::demo::load_demo(&ws).unwrap();
        let q = CandidateQuery {
            sort: SortKey::Name,
            ..Default::default()
        };
        let all: Vec<String> = review::list_candidates(&ws, &q)
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.interview_id)
            .collect();
        let n = all.len();
        assert!(n > 20);
        for (offset, limit, chunk) in [
            (0, None, 7),
            (0, None, 1),
            (3, None, 5),
            (4, Some(11), 3),
            (0, Some(n as u32), 4),
            (n as u32 - 2, Some(10), 3),
            (n as u32 + 5, None, 3),
            (2, Some(0), 3),
        ] {
            let mut got = Vec::new();
            let total = for_each_row(&ws, &q, offset, limit, chunk, |r| {
                got.push(r.interview_id.clone());
                Ok(())
            })
            .unwrap();
            assert_eq!(total as usize, n);
            let start = (offset as usize).min(n);
            let end = limit.map_or(n, |l| (start + l as usize).min(n));
            assert_eq!(
                got,
                all[start..end],
                "offset {offset} limit {limit:?} chunk {chunk}"
            );
        }
    }
}
