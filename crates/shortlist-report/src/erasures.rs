//! The erasure log (SPEC F52) as CSV and PDF: id hash, time, reviewer,
//! reason, counts and the audit head at each erasure. It holds no personal
//! data, so it can leave the workspace (and, copied elsewhere, anchors the
//! audit log's head: see `shortlist_core::audit`).

use std::io::Write;
use std::path::Path;

use krilla::metadata::Metadata;
use krilla::Document;
use shortlist_core::actions::erase::ErasureRecord;

use crate::error::{ReportError, ReportResult};
use crate::export::{neutralise, write_atomic};
use crate::layout::{render_pages, Op, Row};
use crate::model::ReportStyle;
use crate::pdf::{page_decor, with_engine, Composer};
use crate::text::Rgb;
use crate::theme::Theme;

/// `YYYY-MM-DD HH:MM:SS` UTC of Unix seconds.
pub fn utc(ts: f64) -> String {
    time::OffsetDateTime::from_unix_timestamp(ts.floor() as i64)
        .map(|d| {
            d.format(time::macros::format_description!(
                "[year]-[month]-[day] [hour]:[minute]:[second] UTC"
            ))
            .unwrap_or_default()
        })
        .unwrap_or_default()
}

const HEADER: [&str; 10] = [
    "entry",
    "id_hash",
    "erased_at",
    "reviewer",
    "reason",
    "rows_removed",
    "media_removed",
    "notes_removed",
    "outbox_removed",
    "audit_head",
];

/// The erasure log as CSV (UTF-8 with BOM, CRLF, formulas neutralised like
/// every CSV export).
pub fn erasures_csv(records: &[ErasureRecord]) -> ReportResult<Vec<u8>> {
    let mut buf = Vec::new();
    buf.extend_from_slice("\u{FEFF}".as_bytes());
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(&mut buf);
        let err = |e: csv::Error| ReportError::Csv(e.to_string());
        w.write_record(HEADER).map_err(err)?;
        for r in records {
            let rec = [
                r.id.to_string(),
                r.id_hash.clone(),
                utc(r.erased_at),
                r.reviewer.clone(),
                r.reason.clone(),
                r.rows_removed.to_string(),
                r.media_removed.to_string(),
                r.notes_removed.to_string(),
                r.outbox_removed.to_string(),
                r.audit_head.clone(),
            ];
            w.write_record(rec.iter().map(|c| neutralise(c)))
                .map_err(err)?;
        }
        w.flush().map_err(|e| ReportError::Csv(e.to_string()))?;
    }
    Ok(buf)
}

/// The erasure log as a PDF table (A4, bundled fonts). `generated_at` is
/// printed in the footer (Unix seconds).
pub fn erasures_pdf(records: &[ErasureRecord], generated_at: f64) -> ReportResult<Vec<u8>> {
    with_engine(|eng| {
        let t = Theme::for_style(ReportStyle::Classic);
        let mut c = Composer::new(eng, t);
        let w = c.flow.width();
        let title = c.text("Erasure log", t.h1(), w);
        let (x, y) = (c.flow.left(), c.flow.y);
        c.flow.push(Op::text(&title, x, y));
        c.flow.y += title.height() + 6.0;
        c.para(
            &format!(
                "{} erasure(s). No personal data: each candidate appears only as the salted SHA-256 of its interview id. \
                 The audit head after each erasure anchors the workspace's audit log.",
                records.len()
            ),
            t.small(),
        );
        c.flow.gap(10.0);
        let widths = vec![
            24.0,
            150.0,
            78.0,
            64.0,
            w - 24.0 - 150.0 - 78.0 - 64.0 - 52.0,
            52.0,
        ];
        let ts = c.table_style(widths.clone());
        let hs = t.label();
        let header = Row {
            cells: [
                "#",
                "Id hash / audit head",
                "Erased",
                "Reviewer",
                "Reason",
                "Removed",
            ]
            .iter()
            .zip(&widths)
            .map(|(h, wd)| c.text(h, hs, wd - 10.0))
            .collect(),
            fill: None,
        };
        let mut rows = Vec::new();
        for (i, r) in records.iter().enumerate() {
            let removed = format!(
                "{} rows\n{} media\n{} notes\n{} outbox",
                r.rows_removed, r.media_removed, r.notes_removed, r.outbox_removed
            );
            let hashes = format!("{}\nhead {}", r.id_hash, r.audit_head);
            rows.push(Row {
                cells: vec![
                    c.text(&r.id.to_string(), t.small(), widths[0] - 10.0),
                    c.text(&hashes, t.small().size(6.5), widths[1] - 10.0),
                    c.text(&utc(r.erased_at), t.small(), widths[2] - 10.0),
                    c.text(&r.reviewer, t.small(), widths[3] - 10.0),
                    c.text(&r.reason, t.small(), widths[4] - 10.0),
                    c.text(&removed, t.small(), widths[5] - 10.0),
                ],
                fill: (i % 2 == 1).then_some(Rgb(0xFA, 0xFB, 0xFD)),
            });
        }
        if rows.is_empty() {
            c.para(
                "No candidate has been erased from this workspace.",
                t.body(),
            );
        } else {
            c.flow.table(Some(&header), &rows, &ts);
        }
        let pages = std::mem::take(&mut c.flow.pages);
        let mut doc = Document::new();
        let foot = format!("Generated {}", utc(generated_at));
        let mut decorate = |i: usize, n: usize| -> Vec<Op> {
            page_decor(
                c.eng,
                &t,
                "Shortlist · Erasure log",
                "",
                &foot,
                &format!("{} / {}", i + 1, n),
                false,
            )
        };
        render_pages(&mut doc, &pages, &mut decorate);
        doc.set_metadata(
            Metadata::new()
                .title("Erasure log".to_string())
                .creator("Shortlist".to_string()),
        );
        doc.finish().map_err(|e| ReportError::Pdf(format!("{e:?}")))
    })
}

/// Write the erasure log to `dest` as CSV or PDF (by extension `.csv` /
/// `.pdf`), atomically, and audit the export. Returns the entry count.
pub fn export_erasures(
    ws: &shortlist_core::Workspace,
    records: &[ErasureRecord],
    dest: &Path,
) -> ReportResult<usize> {
    let ext = dest
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let (bytes, action) = match ext.as_deref() {
        Some("csv") => (erasures_csv(records)?, "export.erasures_csv"),
        Some("pdf") => (
            erasures_pdf(records, shortlist_core::store::now())?,
            "export.erasures_pdf",
        ),
        _ => {
            return Err(ReportError::Store(shortlist_core::StoreError::Invalid(
                format!(
                    "{}: the erasure log exports as .csv or .pdf; name the file accordingly",
                    dest.display()
                ),
            )))
        }
    };
    write_atomic(dest, |f| {
        f.write_all(&bytes).map_err(|e| ReportError::io(dest, e))
    })?;
    crate::record_export(ws, action, &format!("erasures:{}", records.len()))?;
    Ok(records.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(reason: &str) -> ErasureRecord {
        ErasureRecord {
            id: 1,
            id_hash: "ab".repeat(32),
            erased_at: 1_760_000_000.0,
            reviewer: "Dana".into(),
            reason: reason.into(),
            rows_removed: 12,
            media_removed: 1,
            notes_removed: 2,
            outbox_removed: 0,
            audit_head: format!("7 {}", "cd".repeat(32)),
        }
    }

    #[test]
    fn csv_has_the_log_and_neutralises_formulas() {
        let csv = String::from_utf8(erasures_csv(&[rec("=HYPERLINK(\"x\")")]).unwrap()).unwrap();
        let lines: Vec<&str> = csv.trim_start_matches('\u{FEFF}').split("\r\n").collect();
        assert!(lines[0].starts_with("entry,id_hash,erased_at,reviewer,reason"));
        assert!(lines[1].contains(&"ab".repeat(32)));
        assert!(lines[1].contains("2025-10-09 08:53:20 UTC"), "{}", lines[1]);
        assert!(
            lines[1].contains("\"'=HYPERLINK(\"\"x\"\")\""),
            "{}",
            lines[1]
        );
    }

    #[test]
    fn pdf_is_a_pdf_with_the_entries() {
        let pdf = erasures_pdf(
            &[rec("candidate's request"), rec("retention: dismissed")],
            1_760_000_000.0,
        )
        .unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let empty = erasures_pdf(&[], 1_760_000_000.0).unwrap();
        assert!(empty.starts_with(b"%PDF-"));
        assert!(pdf.len() > empty.len());
    }
}
