//! JSON export (F34) re-imports to the same state, through the real importer.
mod common;

use std::path::Path;

use shortlist_core::import::import_path;
use shortlist_core::review::{self, CandidateQuery};
use shortlist_core::Workspace;
use shortlist_report::export;

fn state(ws: &Workspace) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    for i in review::list_interviewers(ws).unwrap() {
        let mut s = serde_json::to_value(&i).unwrap();
        s.as_object_mut().unwrap().remove("days_left");
        out.push(s);
        let page = review::list_candidates(
            ws,
            &CandidateQuery {
                posting_id: Some(i.id.clone()),
                ..Default::default()
            },
        )
        .unwrap();
        for r in page.rows {
            let d = review::candidate_detail(ws, &r.interview_id).unwrap();
            out.push(serde_json::json!({
                "row": r, "interview": d.interview, "candidate": d.candidate,
                "extension": d.extension, "media": d.media, "flags": d.cheat_flags,
            }));
        }
    }
    out
}

fn roundtrip(src: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path().join("ws")).unwrap();
    import_path(&ws, src, &|_| {}).unwrap();
    let before = state(&ws);
    for p in review::list_interviewers(&ws).unwrap() {
        // The app's default form is the bundle ZIP (export::JSON_EXPORT_EXT);
        // the single JSON document re-imports too (it carries no media).
        let default = format!("bundle.{}", export::JSON_EXPORT_EXT);
        for form in ["folder", default.as_str(), "all.json"] {
            let out = dir.path().join(format!("{}-{form}", p.id));
            export::export_json(&ws, &p.id, &out).unwrap();
            // Into the same workspace: nothing changes.
            let s = import_path(&ws, &out, &|_| {}).unwrap();
            assert!(
                s.is_noop(),
                "{} {form}: re-import changed something: {s}",
                p.id
            );
            if form.ends_with(".json") {
                // Its recordings are not in it: into a fresh workspace only
                // when they are (checked in `json_document_imports_fresh`).
                continue;
            }
            // Into a fresh workspace: the same state for that interviewer.
            let ws2 = Workspace::open(dir.path().join(format!("ws2-{}-{form}", p.id))).unwrap();
            import_path(&ws2, &out, &|_| {}).unwrap();
            let mine: Vec<_> = state(&ws2);
            let expected: Vec<_> = before
                .iter()
                .filter(|v| {
                    v.get("id").map(|i| i == &p.id).unwrap_or(false)
                        || v["row"]["posting_id"] == p.id
                })
                .cloned()
                .collect();
            assert!(!mine.is_empty(), "{} {form}: nothing imported", p.id);
            assert_eq!(
                mine, expected,
                "{} {form}: state differs after import into a fresh workspace",
                p.id
            );
        }
    }
    assert_eq!(state(&ws), before);
}

#[test]
fn good_bundle_roundtrips() {
    roundtrip(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/good-bundle"));
}

#[test]
fn demo_roundtrips() {
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path().join("demo");
    shortlist_core::demo::write_bundle(&b).unwrap();
    roundtrip(&b);
}

/// Share: a bundle of chosen candidates from two interviewers imports into a
/// colleague's empty workspace as exactly those candidates (with their
/// recordings), and into the same workspace as a no-op; an unknown id is
/// refused before anything is written.
#[test]
fn share_bundle_holds_exactly_the_chosen_candidates() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path().join("ws")).unwrap();
    import_path(
        &ws,
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/good-bundle"),
        &|_| {},
    )
    .unwrap();
    let before = state(&ws);
    let mut chosen = Vec::new();
    for p in review::list_interviewers(&ws).unwrap() {
        let page = review::list_candidates(
            &ws,
            &CandidateQuery {
                posting_id: Some(p.id.clone()),
                ..Default::default()
            },
        )
        .unwrap();
        chosen.push(page.rows[0].interview_id.clone());
    }
    assert_eq!(chosen.len(), 2, "one candidate from each interviewer");

    let out = dir.path().join("share.zip");
    let missing = vec![chosen[0].clone(), "int_nope".to_string()];
    let err = export::share_bundle(&ws, &missing, &out).unwrap_err();
    assert!(err.to_string().contains("int_nope"), "{err}");
    assert!(!out.exists(), "nothing written for a refused share");

    let n = export::share_bundle(&ws, &chosen, &out).unwrap();
    assert!(n <= chosen.len());
    assert!(import_path(&ws, &out, &|_| {}).unwrap().is_noop());

    let ws2 = Workspace::open(dir.path().join("colleague")).unwrap();
    import_path(&ws2, &out, &|_| {}).unwrap();
    let theirs = state(&ws2);
    let expected: Vec<_> = before
        .iter()
        .filter(|v| {
            v.get("row")
                .map(|r| chosen.iter().any(|c| r["interview_id"] == c.as_str()))
                .unwrap_or(false)
        })
        .cloned()
        .collect();
    let theirs_rows: Vec<_> = theirs
        .iter()
        .filter(|v| v.get("row").is_some())
        .cloned()
        .collect();
    assert_eq!(
        theirs_rows, expected,
        "the colleague sees exactly the shared candidates"
    );
    let audit: i64 = ws
        .reader()
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'export.share'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audit, 2);
}

/// The single JSON document (`.json`) imports into a fresh workspace as the
/// same candidates when its media are URLs (it carries no files), and into
/// the workspace it came from as a no-op.
#[test]
fn json_document_imports_fresh() {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/good-bundle");
    let bundle = dir.path().join("bundle");
    for entry in walk(&src) {
        let rel = entry.strip_prefix(&src).unwrap();
        if rel.starts_with("media") {
            continue;
        }
        let to = bundle.join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        let text = std::fs::read_to_string(&entry).unwrap();
        // Local recordings become remote ones.
        std::fs::write(
            &to,
            text.replace("\"media/", "\"https://media.example.invalid/"),
        )
        .unwrap();
    }
    let ws = Workspace::open(dir.path().join("ws")).unwrap();
    import_path(&ws, &bundle, &|_| {}).unwrap();
    let before = state(&ws);
    assert!(before.len() > 2);
    for p in review::list_interviewers(&ws).unwrap() {
        let out = dir.path().join(format!("{}.json", p.id));
        let n = export::export_json(&ws, &p.id, &out).unwrap();
        assert!(n > 0);
        assert!(import_path(&ws, &out, &|_| {}).unwrap().is_noop());
        let ws2 = Workspace::open(dir.path().join(format!("fresh-{}", p.id))).unwrap();
        let s = import_path(&ws2, &out, &|_| {}).unwrap();
        assert_eq!(s.candidates.added as usize, n, "{s}");
        let expected: Vec<_> = before
            .iter()
            .filter(|v| {
                v.get("id").map(|i| i == &p.id).unwrap_or(false) || v["row"]["posting_id"] == p.id
            })
            .cloned()
            .collect();
        assert_eq!(state(&ws2), expected, "{}", p.id);
    }
    // Not the export's shape: refused with a message naming the file.
    let bad = dir.path().join("other.json");
    std::fs::write(&bad, b"{\"hello\": 1}").unwrap();
    let e = import_path(&ws, &bad, &|_| {}).unwrap_err().to_string();
    assert!(e.contains("other.json") && e.contains("postings"), "{e}");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
