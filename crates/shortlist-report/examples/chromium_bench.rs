//! Same candidate report printed by headless Chromium from equivalent HTML,
//! against our writer. Target: ours >= 20x faster.
//! `cargo run --release -p shortlist-report --example chromium_bench`
//! (needs Debian's `chromium`).
use std::fmt::Write as _;
use std::process::Command;
use std::time::Instant;

use shortlist_report::sample::{candidate, Script};
use shortlist_report::{build, pdf, ReportModel, ReportOptions};

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn html(m: &ReportModel, fonts_dir: &str) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>\
@font-face{{font-family:'Noto Sans';src:url('file://{fonts_dir}/NotoSans-Regular.ttf')}}\
@font-face{{font-family:'Noto Sans';font-weight:bold;src:url('file://{fonts_dir}/NotoSans-Bold.ttf')}}\
@font-face{{font-family:'Noto Sans Arabic';src:url('file://{fonts_dir}/NotoSansArabic-Regular.ttf')}}\
@font-face{{font-family:'Noto Sans Hebrew';src:url('file://{fonts_dir}/NotoSansHebrew-Regular.ttf')}}\
@font-face{{font-family:'Noto Sans CJK SC';src:url('file://{fonts_dir}/NotoSansCJKsc-Subset.otf')}}\
@page{{size:A4;margin:66pt 54pt 62pt}}body{{font:9.5pt 'Noto Sans','Noto Sans Arabic','Noto Sans Hebrew','Noto Sans CJK SC';color:#1b2230}}\
h1{{font-size:22pt;margin:0}}h2{{font-size:12.5pt;border-bottom:2px solid #2f5bea;display:inline-block}}\
table{{width:100%;border-collapse:collapse}}td,th{{padding:4.5pt 5pt;border-bottom:.5pt solid #e3e7ee;text-align:start;vertical-align:top}}\
.bar{{background:#eceff5;border-radius:4px;height:7px;width:260px;display:inline-block}}.bar i{{display:block;height:7px;background:#2f5bea;border-radius:4px}}\
.chip{{display:inline-block;background:#e8eefd;color:#2f5bea;border-radius:9px;padding:2px 7px;margin:2px}}</style></head><body>",
        m.doc_language,
        esc(&m.doc_title)
    );
    let _ = write!(
        h,
        "<p>{}</p><h1>{}</h1><p>{}</p>",
        esc(m.label("report-kicker")),
        esc(&m.candidate_name),
        esc(&m.email)
    );
    let _ = write!(
        h,
        "<table><tr><th>{}</th><td>{}<br>{}</td><th>{}</th><td>{}</td></tr></table>",
        esc(m.label("interviewer")),
        esc(&m.interviewer_title),
        esc(m.interviewer_slug.as_deref().unwrap_or("")),
        esc(m.label("report-date")),
        esc(&m.report_date)
    );
    let _ = write!(h, "<h2>{}</h2><table>", esc(m.label("scores")));
    for s in &m.scores {
        let p = s.pct.unwrap_or(0.0);
        let _ = write!(h, "<tr><td>{}</td><td><span class=bar><i style=\"width:{p}%\"></i></span></td><td><b>{}%</b></td><td>{}</td></tr>", esc(&s.label), p.round(), esc(s.raw.as_deref().unwrap_or("")));
    }
    h.push_str("</table>");
    if let Some(r) = &m.radar {
        let svg = shortlist_report::radar::render_svg(r, &Default::default()).unwrap();
        let _ = write!(
            h,
            "<h2>{}</h2><div style=\"width:262pt\">{svg}</div>",
            esc(m.label("candidate-vs-average"))
        );
    }
    let _ = write!(
        h,
        "<h2>{}</h2><table><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        esc(m.label("questions")),
        esc(m.label("question")),
        esc(m.label("score")),
        esc(m.label("weight")),
        esc(m.label("summary"))
    );
    for q in &m.questions {
        let _ = write!(
            h,
            "<tr><td>{}</td><td><b>{}</b></td><td>{}/{}<br>{}%</td><td>×{}</td><td>{}</td></tr>",
            q.rank,
            esc(&q.question),
            q.score_raw,
            q.scale,
            q.pct.round(),
            q.weight,
            esc(&q.summary)
        );
    }
    h.push_str("</table>");
    if let Some(tags) = &m.tags {
        h.push_str("<h2>Tags</h2>");
        for t in tags {
            let _ = write!(h, "<span class=chip>{}</span>", esc(t));
        }
    }
    for (k, list) in [("highlights", &m.highlights), ("lowlights", &m.lowlights)] {
        if let Some(l) = list {
            let _ = write!(h, "<h2>{}</h2><ul>", esc(m.label(k)));
            for i in l {
                let _ = write!(h, "<li>{}</li>", esc(i));
            }
            h.push_str("</ul>");
        }
    }
    let _ = write!(h, "<h2>{}</h2><table>", esc(m.label("integrity")));
    for s in &m.integrity.signals {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{:?}</td><td>{}</td></tr>",
            esc(&s.label),
            s.confidence_pct,
            s.review_suggested
        );
    }
    let _ = write!(
        h,
        "</table><h2>{}</h2><p>{}</p>",
        esc(m.label("reviewer")),
        esc(m.decision.as_deref().unwrap_or(""))
    );
    if let Some(tr) = &m.transcript {
        let _ = write!(h, "<h2>{}</h2><table>", esc(m.label("transcript")));
        for r in tr {
            let _ = write!(
                h,
                "<tr><td>{}</td><td><b>{}</b></td><td dir=auto>{}</td></tr>",
                esc(&r.time),
                esc(&r.speaker),
                esc(&r.text)
            );
        }
        h.push_str("</table>");
    }
    h.push_str("</body></html>");
    h
}

fn main() {
    let fonts = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../assets/fonts")
        .canonicalize()
        .unwrap();
    let data = candidate(Script::Latin, 120);
    let model = build(&data, &ReportOptions::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let html_path = dir.path().join("report.html");
    std::fs::write(&html_path, html(&model, fonts.to_str().unwrap())).unwrap();

    pdf::render(&model).unwrap();
    let n = 30;
    let t = Instant::now();
    for _ in 0..n {
        pdf::render(&build(&data, &ReportOptions::default()).unwrap()).unwrap();
    }
    let ours = t.elapsed().as_secs_f64() / n as f64;

    let mut best = f64::MAX;
    for i in 0..3 {
        let out = dir.path().join(format!("chromium-{i}.pdf"));
        let t = Instant::now();
        let st = Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--print-to-pdf={}", out.display()))
            .arg(format!("file://{}", html_path.display()))
            .output()
            .expect("chromium is installed (apt-get install -y chromium)");
        let el = t.elapsed().as_secs_f64();
        assert!(
            out.exists(),
            "chromium wrote no PDF: {}",
            String::from_utf8_lossy(&st.stderr)
        );
        best = best.min(el);
        let pages = Command::new("pdfinfo")
            .arg(&out)
            .output()
            .map(|o| {
                String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .find(|l| l.starts_with("Pages"))
                    .unwrap_or("")
                    .to_string()
            })
            .unwrap_or_default();
        eprintln!("chromium run {i}: {:.0} ms ({pages})", el * 1000.0);
    }
    println!(
        "ours {:.1} ms/report, chromium best {:.0} ms, ratio {:.0}x",
        ours * 1000.0,
        best * 1000.0,
        best / ours
    );
}
