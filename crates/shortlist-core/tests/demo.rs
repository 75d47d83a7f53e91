//! The built-in demo (SPEC F6): determinism, API-shaped files, coverage of
//! every stage state, scripts and media, and consistency between recordings
//! and transcripts.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;
use sha2::{Digest, Sha256};
use shortlist_core::demo::{self, facts, generate, write_bundle, Bundle};
use shortlist_core::ext::{InterviewExtension, PostingExtension};
use shortlist_core::model::{Candidate, InterviewData, Posting};
use shortlist_core::Workspace;

fn bundle() -> Bundle {
    generate().expect("demo generates")
}

/// `{"data": x}` → x; a bare object or array as is.
fn unwrap(v: Value) -> Value {
    match v {
        Value::Object(mut o) if is_wrapper(&o) => o.remove("data").unwrap(),
        v => v,
    }
}

/// A wrapper has `data` and at most `pagination` besides; a bare
/// InterviewDataResponse also has a `data` field (custom data), so the key
/// alone does not decide.
fn is_wrapper(o: &serde_json::Map<String, Value>) -> bool {
    o.contains_key("data") && o.keys().all(|k| k == "data" || k == "pagination")
}

fn json(b: &Bundle, path: &str) -> Value {
    serde_json::from_slice(&b.files[path]).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn interviews(b: &Bundle) -> Vec<InterviewData> {
    b.files
        .keys()
        .filter(|p| p.starts_with("interviews/"))
        .map(|p| serde_json::from_value(unwrap(json(b, p))).unwrap_or_else(|e| panic!("{p}: {e}")))
        .collect()
}

fn candidates(b: &Bundle) -> Vec<Candidate> {
    let mut out = vec![];
    for p in b.files.keys().filter(|p| p.starts_with("candidates/")) {
        let list = unwrap(json(b, p));
        let items: Vec<Candidate> =
            serde_json::from_value(list).unwrap_or_else(|e| panic!("{p}: {e}"));
        out.extend(items);
    }
    out
}

fn hash_dir(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, hex::encode(Sha256::digest(std::fs::read(&p).unwrap())));
            }
        }
    }
    out
}

#[test]
fn bundle_is_byte_identical_across_runs() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let sa = write_bundle(a.path()).unwrap();
    let sb = write_bundle(b.path()).unwrap();
    assert_eq!(sa, sb);
    let (ha, hb) = (hash_dir(a.path()), hash_dir(b.path()));
    assert_eq!(ha.len(), sa.files);
    assert!(
        ha.len() > 150,
        "expected a full bundle, got {} files",
        ha.len()
    );
    assert_eq!(ha, hb);
}

#[test]
fn layout_follows_spec_f4() {
    let b = bundle();
    for path in b.files.keys() {
        let top = path.split('/').next().unwrap();
        assert!(
            [
                "postings",
                "candidates",
                "interviews",
                "extensions",
                "media"
            ]
            .contains(&top),
            "unexpected top-level entry {path}"
        );
        if top != "media" {
            assert!(path.ends_with(".json"), "{path}");
            assert_eq!(path.matches('/').count(), 1, "{path}");
        }
    }
    // > 50 candidates are paged: first page wrapped with has_more, then .2.json
    let p1 = json(&b, "candidates/pst_627.json");
    assert_eq!(p1["pagination"]["has_more"], true);
    assert_eq!(p1["data"].as_array().unwrap().len(), demo::PAGE_SIZE);
    let p2 = json(&b, "candidates/pst_627.2.json");
    assert_eq!(p2["pagination"]["has_more"], false);
    assert_eq!(p2["pagination"]["total_count"], 56);
    // both the wrapped and bare forms occur, for postings and interviews
    for prefix in ["postings/", "interviews/"] {
        let (mut wrapped, mut bare) = (0, 0);
        for p in b.files.keys().filter(|p| p.starts_with(prefix)) {
            if json(&b, p).as_object().is_some_and(is_wrapper) {
                wrapped += 1;
            } else {
                bare += 1;
            }
        }
        assert!(
            wrapped > 0 && bare > 0,
            "{prefix}: wrapped {wrapped}, bare {bare}"
        );
    }
    assert!(
        json(&b, "candidates/pst_731.json").is_array(),
        "a bare list form too"
    );
}

#[test]
fn every_file_deserialises_into_the_model_types() {
    let b = bundle();
    let mut postings = 0;
    let mut exts = 0;
    for (path, bytes) in &b.files {
        let v: Value = match path.split('/').next().unwrap() {
            "media" => continue,
            _ => serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{path}: {e}")),
        };
        if path.starts_with("postings/") {
            let p: Posting = serde_json::from_value(unwrap(v.clone())).unwrap();
            assert_eq!(format!("postings/{}.json", p.id), *path);
            assert_eq!(unwrap(v)["object"], "posting");
            postings += 1;
        } else if path.starts_with("extensions/") {
            if v.get("interview_id").is_some() {
                let e: InterviewExtension = serde_json::from_value(v).unwrap();
                assert_eq!(format!("extensions/{}.json", e.interview_id), *path);
            } else {
                let e: PostingExtension = serde_json::from_value(v).unwrap();
                assert_eq!(format!("extensions/{}.json", e.posting_id), *path);
            }
            exts += 1;
        }
    }
    assert_eq!(postings, facts::POSTING_IDS.len());
    assert!(exts > 60);
    let ivs = interviews(&b);
    let cands = candidates(&b);
    assert_eq!(ivs.len(), facts::TOTAL_CANDIDATES);
    assert_eq!(cands.len(), facts::TOTAL_CANDIDATES);
    // candidates and interviews agree, and reference known postings
    let by_id: BTreeMap<_, _> = ivs.iter().map(|i| (i.interview_id.clone(), i)).collect();
    for c in &cands {
        let i = by_id[&c.interview_id];
        assert_eq!(
            (&i.name, &i.email, &i.status),
            (&c.name, &c.email, &c.status)
        );
        assert_eq!(i.score, c.score);
        assert!(facts::POSTING_IDS.contains(&c.posting_id.as_str()));
    }
}

#[test]
fn facts_hold() {
    let b = bundle();
    let cands = candidates(&b);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for c in &cands {
        *counts.entry(c.status.clone()).or_default() += 1;
    }
    let expected: BTreeMap<String, usize> = facts::STATUS_COUNTS
        .iter()
        .map(|(s, n)| (s.to_string(), *n))
        .collect();
    assert_eq!(counts, expected);
    assert_eq!(b.stats().by_status, expected);
    let per_posting: BTreeSet<&str> = cands.iter().map(|c| c.posting_id.as_str()).collect();
    assert!(per_posting.len() >= 3);
    let mut per: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &cands {
        *per.entry(c.posting_id.as_str()).or_default() += 1;
    }
    for (p, n) in facts::CANDIDATES_PER_POSTING {
        assert_eq!(per.get(p).copied().unwrap_or(0), *n, "{p}");
    }
    let ivs = interviews(&b);
    let find = |id: &str| ivs.iter().find(|i| i.interview_id == id).unwrap();
    let xss = find(facts::XSS_INTERVIEW_ID);
    assert_eq!(xss.name, "<img src=x onerror=alert(1)>");
    let ranking = xss.cheat_detection.as_ref().and_then(|c| c.overall_ranking);
    assert!(
        ranking.unwrap_or(0) > 1,
        "the XSS probe carries cheat flags"
    );
    assert_eq!(
        find(facts::FORMULA_INTERVIEW_ID).name,
        "=HYPERLINK(\"http://x\",\"y\")"
    );
    for (id, name, status, media, resume) in facts::SHOWCASE {
        let i = find(id);
        assert_eq!(
            (i.name.as_str(), i.status.as_str()),
            (*name, *status),
            "{id}"
        );
        let w = i.web_interview.as_ref();
        let rec = w.and_then(|w| {
            w.video_recording_url
                .as_deref()
                .or(w.audio_recording_url.as_deref())
        });
        assert_eq!(rec, *media, "{id}");
        assert_eq!(
            i.resume.as_ref().and_then(|r| r.resume_url.as_deref()),
            *resume,
            "{id}"
        );
    }
    // the probes exist, completed, in the sales posting
    for probe in [
        "<img src=x onerror=alert(1)>",
        "=HYPERLINK(\"http://x\",\"y\")",
    ] {
        let c = cands.iter().find(|c| c.name == probe).expect(probe);
        assert_eq!(c.status, "completed");
        assert_eq!(c.posting_id, "pst_627");
    }
}

#[test]
fn every_stage_state_is_present_with_matching_step_progress() {
    let ivs = interviews(&bundle());
    for status in [
        "pending",
        "in_progress",
        "completed",
        "knocked_out",
        "evaluating",
    ] {
        assert!(ivs.iter().any(|i| i.status == status), "{status}");
    }
    let mut two_of_three = 0;
    for i in &ivs {
        let steps = &i.workflow.as_ref().unwrap().steps;
        let done = steps.iter().filter(|s| s.status == "completed").count();
        match i.status.as_str() {
            "pending" => {
                assert_eq!(done, 0, "{}", i.interview_id);
                assert!(i.score.is_none());
            }
            "in_progress" => {
                assert!(done < steps.len());
                assert!(steps.iter().any(|s| s.status == "in_progress"));
                if steps.len() == 3 && done == 2 {
                    two_of_three += 1;
                }
            }
            "knocked_out" => {
                assert!(steps.iter().any(|s| s.status == "knocked_out"));
                let failed_form = i.form.as_ref().is_some_and(|f| {
                    f.overall_status == "failed"
                        && f.questions.iter().any(|q| q.is_knockout && !q.passed)
                });
                let failed_sms = i.sms.as_ref().is_some_and(|s| {
                    !s.is_eligible && s.criteria.iter().any(|c| c.is_dealbreaker && !c.passed)
                });
                assert!(failed_form || failed_sms, "{}", i.interview_id);
                assert!(i.web_interview.is_none());
            }
            "evaluating" => {
                assert_eq!(done, steps.len());
                assert!(i.score.is_none() && i.web_interview.is_none());
            }
            _ => {
                assert_eq!(done, steps.len(), "{}", i.interview_id);
                let w = i
                    .web_interview
                    .as_ref()
                    .expect("completed has web interview");
                assert!(i.score.is_some());
                assert!((4..=6).contains(&w.scorecard.len()));
                assert_eq!(w.scorecard.iter().filter(|q| q.not_scored).count(), 1);
                assert!(w.scorecard.iter().all(|q| (1.0..=10.0).contains(&q.score)));
                assert!(!w.transcript.is_empty());
                // the match score is the weighted scorecard, per scoring.rs
                let pct =
                    shortlist_core::scoring::weighted_scorecard_pct(&w.scorecard, 10.0).unwrap();
                assert!((pct - w.match_score).abs() < 0.06, "{}", i.interview_id);
            }
        }
    }
    assert!(two_of_three >= 3, "only {two_of_three} candidates at 2/3");
}

#[test]
fn scores_are_varied() {
    let ivs = interviews(&bundle());
    let scores: Vec<f64> = ivs.iter().filter_map(|i| i.score).collect();
    let min = scores.iter().cloned().fold(f64::MAX, f64::min);
    let max = scores.iter().cloned().fold(f64::MIN, f64::max);
    assert!(min < 50.0 && max > 85.0, "scores {min}..{max}");
    // per-question averages differ within an interviewer (the radar has a shape)
    let mut sums: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for i in ivs.iter().filter(|i| i.posting_id == "pst_627") {
        for q in i.web_interview.iter().flat_map(|w| &w.scorecard) {
            let e = sums.entry(q.question_id.clone()).or_default();
            e.0 += q.score;
            e.1 += 1.0;
        }
    }
    let avgs: Vec<f64> = sums.values().map(|(s, n)| s / n).collect();
    let spread = avgs.iter().cloned().fold(f64::MIN, f64::max)
        - avgs.iter().cloned().fold(f64::MAX, f64::min);
    assert!(spread > 0.5, "per-question averages {avgs:?}");
}

fn has_script(s: &str, range: std::ops::RangeInclusive<u32>) -> bool {
    s.chars().any(|c| range.contains(&(c as u32)))
}

#[test]
fn several_scripts_in_names_and_transcripts() {
    let ivs = interviews(&bundle());
    let names: String = ivs.iter().map(|i| i.name.as_str()).collect();
    let transcripts: String = ivs
        .iter()
        .flat_map(|i| i.web_interview.iter().flat_map(|w| &w.transcript))
        .map(|l| l.text.as_str())
        .collect();
    for (script, range) in [
        ("Arabic", 0x0600..=0x06FF),
        ("CJK", 0x4E00..=0x9FFF),
        ("Cyrillic", 0x0400..=0x04FF),
        ("Greek", 0x0370..=0x03FF),
    ] {
        assert!(has_script(&names, range.clone()), "{script} name");
        assert!(has_script(&transcripts, range), "{script} transcript");
    }
    assert!(has_script(&names, 0x0590..=0x05FF), "Hebrew name");
    assert!(
        has_script(&names, 0x3040..=0x30FF) || names.contains("佐藤"),
        "Japanese name"
    );
    assert!(names.contains("José Álvarez") && names.contains("Zoë Ångström"));
}

#[test]
fn media_is_real_and_references_resolve() {
    let b = bundle();
    let ivs = interviews(&b);
    let mut referenced = BTreeSet::new();
    let mut kinds = BTreeSet::new();
    for i in &ivs {
        let w = i.web_interview.as_ref();
        let urls = [
            w.and_then(|w| w.video_recording_url.clone()),
            w.and_then(|w| w.audio_recording_url.clone()),
            i.resume.as_ref().and_then(|r| r.resume_url.clone()),
        ];
        for u in urls.into_iter().flatten() {
            let bytes = b
                .files
                .get(&u)
                .unwrap_or_else(|| panic!("{}: {u} missing", i.interview_id));
            let mime = infer::get(bytes).map(|t| t.mime_type()).unwrap_or("?");
            let ext = u.rsplit('.').next().unwrap();
            let ok = match ext {
                "webm" => mime == "video/webm",
                "mp4" => mime == "video/mp4",
                "mp3" => mime == "audio/mpeg",
                "ogg" => mime == "audio/ogg",
                "wav" => mime == "audio/x-wav",
                "pdf" => mime == "application/pdf",
                _ => false,
            };
            assert!(ok, "{u}: magic bytes say {mime}");
            kinds.insert(ext.to_string());
            referenced.insert(u);
        }
    }
    for ext in ["webm", "mp4", "mp3", "ogg", "wav", "pdf"] {
        assert!(kinds.contains(ext), "no {ext} referenced");
    }
    // every embedded file is used by some candidate
    let media: BTreeSet<String> = b
        .files
        .keys()
        .filter(|p| p.starts_with("media/"))
        .cloned()
        .collect();
    assert_eq!(media, referenced);
    let total: usize = demo::ASSETS.iter().map(|a| a.bytes.len()).sum();
    assert!(total < 8 * 1024 * 1024, "demo media is {total} bytes");
}

#[test]
fn transcripts_of_recorded_interviews_are_the_recorded_lines() {
    let b = bundle();
    let manifest = demo::manifest().unwrap();
    let mut checked = 0;
    for i in interviews(&b) {
        let Some(w) = &i.web_interview else { continue };
        let Some(url) = w
            .video_recording_url
            .as_ref()
            .or(w.audio_recording_url.as_ref())
        else {
            continue;
        };
        let clip = manifest
            .clips
            .iter()
            .find(|c| c.files.values().any(|f| format!("media/{f}") == *url))
            .unwrap();
        assert_eq!(w.transcript.len(), clip.lines.len());
        for (t, l) in w.transcript.iter().zip(&clip.lines) {
            assert_eq!(
                (&t.speaker, &t.text, t.timestamp),
                (&l.speaker, &l.text, l.start)
            );
            assert!(l.end <= clip.duration + 0.01);
        }
        // per-question slices are the question's lines
        for (qi, q) in w.scorecard.iter().enumerate() {
            let want: Vec<&str> = clip
                .lines
                .iter()
                .filter(|l| l.question == qi + 1)
                .map(|l| l.text.as_str())
                .collect();
            let got: Vec<&str> = q.transcript.iter().map(|l| l.text.as_str()).collect();
            assert_eq!(got, want);
        }
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} recorded interviews");
}

#[test]
fn manifest_times_match_the_media_durations() {
    // The wav's duration is computable from its header: check the manifest
    // timing against the real file (the other containers were encoded from
    // the same audio by the same script).
    let m = demo::manifest().unwrap();
    let clip = m
        .clips
        .iter()
        .find(|c| c.files.contains_key("wav"))
        .unwrap();
    let wav = demo::ASSETS
        .iter()
        .find(|a| a.path == clip.files["wav"])
        .unwrap()
        .bytes;
    let le32 = |o: usize| u32::from_le_bytes(wav[o..o + 4].try_into().unwrap());
    let byte_rate = le32(28) as f64;
    // find the data chunk
    let mut o = 12;
    let data_len = loop {
        let id = &wav[o..o + 4];
        let len = le32(o + 4) as usize;
        if id == b"data" {
            break len;
        }
        o += 8 + len;
    };
    let secs = data_len as f64 / byte_rate;
    assert!(
        (secs - clip.duration).abs() < 0.05,
        "{secs} vs {}",
        clip.duration
    );
    for w in clip.lines.windows(2) {
        assert!(w[0].start < w[0].end && w[0].end < w[1].start);
    }
}

#[test]
fn resume_pdfs_agree_with_candidate_data() {
    let b = bundle();
    let mut checked = 0;
    for i in interviews(&b) {
        let Some(url) = i.resume.as_ref().and_then(|r| r.resume_url.clone()) else {
            continue;
        };
        let pdf = &b.files[&url];
        // The manifest names each résumé's owner; the PDF's own text (read
        // as Cross-Agent checks read it) carries their contact details.
        let m = demo::manifest().unwrap();
        let r = m
            .resumes
            .iter()
            .find(|r| format!("media/{}", r.file) == url)
            .unwrap();
        assert_eq!(r.name, i.name, "{url}");
        assert!(pdf.starts_with(b"%PDF-"));
        let text = shortlist_core::actions::resume::pdf_text(pdf).unwrap();
        let data = i.data.as_ref().unwrap();
        assert!(text.contains(&i.name), "{url}: {text}");
        assert!(text.contains(&i.email), "{url}: {text}");
        assert!(
            text.contains(data["phone_number"].as_str().unwrap()),
            "{url}: {text}"
        );
        if let Some((_, email, phone, city)) = demo::content::RESUME_CONTACTS
            .iter()
            .find(|c| c.0 == i.name)
        {
            assert_eq!(&i.email, email);
            assert_eq!(data["phone_number"], *phone);
            assert_eq!(data["city"], *city);
        } else {
            assert!(
                demo::content::MISMATCHES.iter().any(|m| m.0 == i.name),
                "no résumé contact for {}",
                i.name
            );
        }
        checked += 1;
    }
    assert_eq!(checked, 9);
}

#[test]
fn rich_blocks_are_present() {
    let b = bundle();
    let ivs = interviews(&b);
    let exts: Vec<InterviewExtension> = b
        .files
        .iter()
        .filter(|(p, _)| p.starts_with("extensions/int_"))
        .map(|(_, v)| serde_json::from_slice(v).unwrap())
        .collect();
    assert!(ivs.iter().any(|i| i
        .cheat_detection
        .as_ref()
        .and_then(|c| c.web_interview.as_ref())
        .and_then(|w| w.tab_switch_detection.as_ref())
        .is_some_and(|t| t["total_count"].as_i64().unwrap_or(0) > 0)));
    assert!(ivs.iter().any(|i| i
        .cheat_detection
        .as_ref()
        .and_then(|c| c.web_interview.as_ref())
        .and_then(|w| w.cheat_detection_result.as_ref())
        .is_some_and(|r| !r.cheating_instances.is_empty())));
    assert!(ivs.iter().any(|i| i.sms.is_some()) && ivs.iter().any(|i| i.form.is_some()));
    assert!(ivs.iter().any(|i| i
        .resume
        .as_ref()
        .is_some_and(|r| !r.score_criteria.is_empty())));
    assert!(exts
        .iter()
        .any(|e| e
            .diagnostics
            .as_ref()
            .is_some_and(|d| !d.connectivity.is_empty()
                && !d.visits.is_empty()
                && d.session_replay.is_some())));
    assert!(exts.iter().any(|e| !e.cross_agent_signals.is_empty()));
    assert!(exts.iter().any(|e| e.evaluation_modules.len() >= 3));
    let timings: BTreeSet<(String, bool)> = exts
        .iter()
        .flat_map(|e| &e.resume_questions)
        .map(|q| (q.timing.clone(), q.asked))
        .collect();
    assert!(timings.contains(&("upfront".into(), true)));
    assert!(timings.contains(&("deferred".into(), true)));
    assert!(timings.contains(&("deferred".into(), false)));
    // custom columns
    let c = &candidates(&b)[0];
    let md = c.metadata.as_ref().unwrap();
    assert!(md.contains_key("source") && md.contains_key("desired_shift"));
    assert!(c.data.as_ref().unwrap().contains_key("country"));
    // candidate ids are shared across interviewers for some people
    let mut by_cand: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for c in candidates(&b) {
        by_cand
            .entry(c.candidate_id.unwrap())
            .or_default()
            .insert(c.posting_id);
    }
    assert!(by_cand.values().filter(|p| p.len() > 1).count() >= 5);
    // a shared candidate_id means the same person: same name and e-mail
    let mut who: BTreeMap<String, (String, String)> = BTreeMap::new();
    for c in candidates(&b) {
        let id = c.candidate_id.clone().unwrap();
        let me = (c.name.clone(), c.email.clone());
        assert_eq!(who.entry(id).or_insert_with(|| me.clone()), &me);
    }
}

// ---------------------------------------------------------------- import

fn count(ws: &Workspace, sql: &str) -> i64 {
    ws.reader().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn demo_loads_into_a_workspace_and_reloading_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    assert!(ws.is_empty().unwrap());
    let first = demo::load_demo(&ws).unwrap();
    assert_eq!(first.postings.added, facts::POSTING_IDS.len() as u64);
    assert_eq!(first.candidates.added, facts::TOTAL_CANDIDATES as u64);
    assert_eq!(first.interviews.added, facts::TOTAL_CANDIDATES as u64);
    assert_eq!(first.media.added, demo::ASSETS.len() as u64);
    assert!(!ws.is_empty().unwrap());

    assert!(count(&ws, "SELECT count(*) FROM postings") >= 3);
    assert_eq!(
        count(&ws, "SELECT count(*) FROM candidates"),
        facts::TOTAL_CANDIDATES as i64
    );
    for (status, n) in facts::STATUS_COUNTS {
        let got = count(
            &ws,
            &format!("SELECT count(*) FROM candidates WHERE imported_status = '{status}'"),
        );
        assert_eq!(got, *n as i64, "{status}");
    }
    for (posting, n) in facts::CANDIDATES_PER_POSTING {
        let got = count(
            &ws,
            &format!("SELECT count(*) FROM candidates WHERE posting_id = '{posting}'"),
        );
        assert_eq!(got, *n as i64, "{posting}");
    }
    // names survive in every script, the probes verbatim
    let xss: String = ws
        .reader()
        .query_row(
            "SELECT name FROM candidates WHERE interview_id = ?1",
            [facts::XSS_INTERVIEW_ID],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(xss, "<img src=x onerror=alert(1)>");
    for name in [
        "ليلى حداد",
        "王芳",
        "Дмитрий Иванов",
        "Αλέξανδρος Παπαδόπουλος",
        "נועה כהן",
    ] {
        assert_eq!(
            count(
                &ws,
                &format!("SELECT count(*) FROM candidates WHERE name = '{name}'")
            ),
            1,
            "{name}"
        );
    }
    assert!(
        count(
            &ws,
            "SELECT sum(json_array_length(interview_raw, '$.web_interview.transcript')) FROM candidates"
        ) > 300
    );
    // every candidate indexed once (the index row shares the candidate's rowid)
    assert_eq!(
        count(&ws, "SELECT count(*) FROM fts"),
        count(&ws, "SELECT count(*) FROM candidates")
    );
    assert!(count(&ws, "SELECT count(*) FROM cheat_flags") > 0);

    // media: stored content-addressed, bytes are what their type says
    let rows: Vec<(String, String, String)> = {
        let conn = ws.reader();
        let mut st = conn
            .prepare(
                "SELECT cm.kind, m.mime, m.hash FROM candidate_media cm JOIN media m USING (hash)",
            )
            .unwrap();
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        rows
    };
    let mut mimes = BTreeSet::new();
    for (kind, mime, hash) in &rows {
        let path = shortlist_core::store::media::path_for(&ws.media_dir(), hash).unwrap();
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(hex::encode(Sha256::digest(&bytes)), *hash);
        let sniffed = infer::get(&bytes).map(|t| t.mime_type()).unwrap_or("?");
        assert_eq!(sniffed, mime, "{kind} {hash}");
        mimes.insert(mime.clone());
    }
    for m in [
        "video/webm",
        "video/mp4",
        "audio/mpeg",
        "audio/ogg",
        "audio/x-wav",
        "application/pdf",
    ] {
        assert!(mimes.contains(m), "no {m} in the workspace");
    }

    // loading again: nothing added or updated, nothing changed on disk
    let before = (
        count(&ws, "SELECT count(*) FROM candidates"),
        count(&ws, "SELECT count(*) FROM media"),
        count(&ws, "SELECT count(*) FROM fts"),
    );
    let second = demo::load_demo(&ws).unwrap();
    assert!(second.is_noop(), "{second:?}");
    assert_eq!(second.media.added, 0);
    assert_eq!(second.candidates.unchanged, facts::TOTAL_CANDIDATES as u64);
    let after = (
        count(&ws, "SELECT count(*) FROM candidates"),
        count(&ws, "SELECT count(*) FROM media"),
        count(&ws, "SELECT count(*) FROM fts"),
    );
    assert_eq!(before, after);
}

#[test]
fn demo_reads_back_through_the_review_model_and_keeps_decisions_on_reload() {
    use shortlist_core::review::{self, Decision};
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    demo::load_demo(&ws).unwrap();

    let interviewers = review::list_interviewers(&ws).unwrap();
    assert_eq!(interviewers.len(), facts::POSTING_IDS.len());
    let sales = interviewers.iter().find(|i| i.id == "pst_627").unwrap();
    assert_eq!(sales.slug.as_deref(), Some("627-seasonal-sales-associate"));
    assert_eq!(sales.interviewer_name.as_deref(), Some("Sally"));
    assert_eq!(sales.counts.total, 56);
    assert_eq!(sales.subscribers, 3);
    assert!(sales.budget.is_some() && sales.spend.is_some());
    let statuses: BTreeSet<&str> = interviewers.iter().map(|i| i.status.as_str()).collect();
    assert!(statuses.is_superset(&BTreeSet::from(["active", "expired", "draft"])));

    // a recorded, flagged candidate has everything a profile shows
    let d = review::candidate_detail(&ws, "int_0083").unwrap();
    assert_eq!(d.row.name, "王芳");
    let kinds: BTreeSet<&str> = d.media.iter().map(|m| m.kind.as_str()).collect();
    assert!(kinds.contains("video"), "{kinds:?}");
    assert!(!d.cheat_flags.is_empty());
    let ext = d.extension.as_ref().expect("extension");
    assert!(ext.diagnostics.is_some() && !ext.evaluation_modules.is_empty());

    // Candidate vs Average has several axes over many candidates
    let cmp = review::candidate_vs_average(&ws, "int_0024").unwrap();
    assert!(
        cmp.axes.len() >= 4 && cmp.n >= 10,
        "{} axes, n {}",
        cmp.axes.len(),
        cmp.n
    );

    // the reviewer's decision survives loading the demo again
    shortlist_core::actions::decisions::set_decision(
        &ws,
        &["int_0004".to_string()],
        Decision::Dismissed,
    )
    .unwrap();
    let again = demo::load_demo(&ws).unwrap();
    assert!(again.is_noop(), "{again:?}");
    let row = review::candidate_row(&ws, "int_0004").unwrap();
    assert_eq!(row.decision, Decision::Dismissed);
}

#[test]
fn demo_resume_mismatches_show_up_in_cross_agent_checks() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    demo::load_demo(&ws).unwrap();
    let id = |name: &str, posting: &str| -> String {
        ws.reader()
            .query_row(
                "SELECT interview_id FROM candidates WHERE name = ?1 AND posting_id = ?2",
                [name, posting],
                |r| r.get(0),
            )
            .unwrap()
    };
    let expect: &[(&str, &str, &[&str])] = &[
        (
            "Daniel Kim",
            "pst_845",
            &["years", "dates", "titles", "skills"],
        ),
        ("Emily Johnson", "pst_512", &["years", "dates", "skills"]),
        ("Théo Moreau", "pst_627", &["years", "titles", "employers"]),
    ];
    for (name, posting, topics) in expect {
        let r = shortlist_core::actions::cross_agent::cross_agent(&ws, &id(name, posting)).unwrap();
        assert_eq!(r.resume_source, "pdf", "{name}: {r:#?}");
        let rules: Vec<_> = r.signals.iter().filter(|s| s.source == "resume").collect();
        for t in *topics {
            assert!(
                rules.iter().any(|s| s.topic == *t),
                "{name}: no {t} in {rules:#?}"
            );
        }
        assert!(rules.iter().all(|s| !s.resume_claim.is_empty()
            && !s.interview_quote.is_empty()
            && s.timestamp.is_some()));
    }
    // A consistent résumé (José: the recorded interview names no employer
    // or dates) gives no résumé findings.
    let jose = shortlist_core::actions::cross_agent::cross_agent(&ws, "int_0024").unwrap();
    assert_eq!(jose.resume_source, "pdf");
    assert!(
        jose.signals.iter().all(|s| s.source != "resume"),
        "{:#?}",
        jose.signals
    );
}
