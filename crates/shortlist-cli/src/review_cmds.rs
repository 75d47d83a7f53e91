//! `demo`, `import`, `list`, `interviewers`, `show`, `decide`.

use std::path::Path;

use anyhow::Context;
use serde_json::json;
use shortlist_core::review::{self, CandidateQuery, Decision, SortKey};
use shortlist_core::Workspace;

pub fn demo(ws: &Workspace) -> anyhow::Result<()> {
    let summary = shortlist_core::demo::load_demo(ws).context("loading the demo workspace")?;
    println!(
        "demo workspace written to {}: {summary}",
        ws.root().display()
    );
    Ok(())
}

pub fn import(ws: &Workspace, path: &Path, progress: bool) -> anyhow::Result<()> {
    let report = |p: shortlist_core::import::ImportProgress| {
        if progress {
            eprintln!("{}: {}/{}", p.phase, p.done, p.total);
        }
    };
    let summary = shortlist_core::import::import_path(ws, path, &report)?;
    println!("{summary}");
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

pub fn list(
    ws: &Workspace,
    interviewer: Option<String>,
    search: Option<String>,
    status: Option<String>,
    cohort: Option<String>,
    as_json: bool,
) -> anyhow::Result<()> {
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
        ..Default::default()
    };
    let page = review::list_candidates(ws, &q)?;
    if as_json {
        let out = json!({ "data": page.rows, "total": page.total });
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    if page.rows.is_empty() {
        println!("no candidates match");
        return Ok(());
    }
    println!(
        "{} {} {} {} {} LAST ENGAGED",
        cell("INTERVIEW", 14),
        cell("NAME", 26),
        cell("STATUS", 12),
        cell("SCORE", 6),
        cell("STAGE", 26),
    );
    for r in &page.rows {
        println!(
            "{} {} {} {} {} {}",
            cell(&r.interview_id, 14),
            cell(&r.name, 26),
            cell(&r.status, 12),
            cell(&pct(r.score), 6),
            cell(&r.stage_summary, 26),
            date(r.last_engaged)
        );
    }
    println!("{} candidate(s)", page.total);
    Ok(())
}

pub fn interviewers(ws: &Workspace, as_json: bool) -> anyhow::Result<()> {
    let list = review::list_interviewers(ws)?;
    if as_json {
        println!(
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
        println!(
            "{}  {}  [{}]  {} candidates ({} completed, {} shortlisted)  {}",
            i.id, i.title, i.status, i.counts.total, i.counts.completed, i.counts.shortlisted, days
        );
    }
    Ok(())
}

pub fn show(ws: &Workspace, id: &str, as_json: bool) -> anyhow::Result<()> {
    let d = review::candidate_detail(ws, id)?;
    if as_json {
        println!("{}", serde_json::to_string_pretty(&d)?);
        return Ok(());
    }
    let r = &d.row;
    println!("{} <{}>", r.name, r.email);
    println!("  interview   {}  ({})", r.interview_id, d.posting.title);
    println!("  status      {}  (progress: {})", r.status, r.progress);
    println!(
        "  scores      overall {}  résumé {}  video {}  communication {}",
        pct(r.score),
        pct(r.resume_score),
        pct(r.video_score),
        r.speech_score
            .map(|s| format!("{s:.1}/5"))
            .unwrap_or_else(|| "—".into())
    );
    println!(
        "  stages      {}",
        r.stages
            .iter()
            .map(|s| s.label.as_str())
            .collect::<Vec<_>>()
            .join(" → ")
    );
    if !r.tags.is_empty() {
        println!("  tags        {}", r.tags.join(", "));
    }
    println!("  last engaged {}", date(r.last_engaged));
    if let Some(wi) = d.interview.as_ref().and_then(|i| i.web_interview.as_ref()) {
        for h in &wi.highlights {
            println!("  + {h}");
        }
        for l in &wi.lowlights {
            println!("  - {l}");
        }
        for q in wi.scorecard.iter().filter(|q| !q.not_scored) {
            println!("  Q{} {}  {}/10", q.rank, q.question_text, q.score);
        }
    }
    if !d.cheat_flags.is_empty() {
        println!(
            "  flags       {} (signals for a human, never a verdict)",
            d.cheat_flags.len()
        );
    }
    for n in &d.notes {
        match n.at_seconds {
            Some(t) => println!(
                "  note @{:02}:{:02} {}",
                (t as i64) / 60,
                (t as i64) % 60,
                n.text
            ),
            None => println!("  note {}", n.text),
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
    println!("{id}: {} (was {})", after.status, before.status);
    Ok(())
}
