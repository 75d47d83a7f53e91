//! The hiring-panel benchmark (issue 15, docs/benchmarks.md "Hiring
//! panel"): N reviewers (default 10) on one generated workspace, each
//! submitting one evaluation of every candidate, shared through a real
//! PostgreSQL.
//!
//!   tests/pg-dev.sh start /tmp/pg 55491        # prints ADMIN_URL
//!   cargo run -p shortlist-core --release --example gen_workspace -- BASE 10000
//!   cargo run -p shortlist-core --release --example bench_panel -- ADMIN_URL WORK BASE [REVIEWERS]
//!
//! ADMIN_URL: a PostgreSQL login that may create databases and roles (the
//! one `crates/shortlist-team/tests/pg-dev.sh start` prints). The benchmark
//! creates a fresh database `bench_panel_<unix time>` on that server, the
//! schema (`team init`) and one login per reviewer (`<database>_r01`, …), copies
//! BASE to WORK/r01 … (one laptop each), and then times:
//! - the evaluations: one `actions::panel::submit` per candidate (one
//!   transaction each, with its team event), per reviewer;
//! - `team push` of each reviewer (one event per candidate);
//! - `team pull` of reviewer 1 receiving everyone else's events (its own
//!   come back too and only get their server order);
//! - on reviewer 1's workspace, the list's first page (200 rows) sorted by
//!   panel, filtered "at least 2 Strong Yes", "split panel", and both; cold
//!   (a fresh `Workspace::open`) and warm (again on the same one).
//!
//! `bench_panel --list-only WORK/r01` runs the list queries again on a
//! pulled workspace; with `BENCH_PANEL_INDEX=1` it first adds a covering
//! index on `evaluations` (an experiment, see docs/benchmarks.md).
//!
//! Recommendations are a deterministic hash of (reviewer, candidate):
//! 25 % Strong Yes, 30 % Yes, 30 % No, 15 % Strong No.
//! Prints CPU time of this thread and wall time (the PostgreSQL server's
//! own CPU is not in the CPU figure).
use shortlist_core::actions::{panel, team};
use shortlist_core::review::{self, CandidateQuery, Recommendation, SortKey};
use shortlist_core::Workspace;
use std::path::Path;
use std::time::{Duration, Instant};

fn cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map(Duration::from_nanos)
        .unwrap_or_default()
}

fn fmt(d: Duration) -> String {
    if d.as_secs_f64() >= 10.0 {
        format!("{:.1} s", d.as_secs_f64())
    } else {
        format!("{:.1} ms", d.as_secs_f64() * 1000.0)
    }
}

fn timed<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let (t, c) = (Instant::now(), cpu());
    let out = f();
    println!(
        "{label:>44}: cpu {:>10}  wall {:>10}",
        fmt(cpu() - c),
        fmt(t.elapsed())
    );
    out
}

/// `postgres://user:pw@host:port/db` with another user, password and db.
fn with_login(admin: &str, login: &str, password: &str, db: &str) -> String {
    let (scheme, rest) = admin.split_once("://").expect("a postgres:// URL");
    let (_, hostpath) = rest.rsplit_once('@').expect("a URL with user@host");
    let host = hostpath.split('/').next().unwrap();
    format!("{scheme}://{login}:{password}@{host}/{db}")
}

fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).unwrap();
    for e in std::fs::read_dir(src).unwrap() {
        let e = e.unwrap();
        let to = dst.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to);
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
}

fn recommendation(reviewer: usize, interview: &str) -> Recommendation {
    // FNV-1a of both: deterministic, spread.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in interview.bytes().chain((reviewer as u64).to_le_bytes()) {
        h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    match h % 100 {
        0..=24 => Recommendation::StrongYes,
        25..=54 => Recommendation::Yes,
        55..=84 => Recommendation::No,
        _ => Recommendation::StrongNo,
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--list-only") {
        // Again on a workspace a previous run pulled into (WORK/r01).
        let dir = Path::new(
            args.get(1)
                .expect("usage: bench_panel --list-only WORK/r01"),
        );
        if std::env::var_os("BENCH_PANEL_INDEX").is_some() {
            // Experiment: a covering index for the panel's subqueries.
            let ws = Workspace::open(dir).unwrap();
            timed(
                "create index evaluations(interview_id, submitted_at, recommendation)",
                || {
                    ws.writer()
                        .execute_batch(
                            "CREATE INDEX IF NOT EXISTS bench_evaluations_panel \
                         ON evaluations (interview_id, submitted_at, recommendation)",
                        )
                        .unwrap()
                },
            );
        }
        list_queries(dir);
        return;
    }
    let usage = "usage: bench_panel ADMIN_URL WORK BASE_WORKSPACE [REVIEWERS]";
    let admin_url = args.first().expect(usage);
    let work = Path::new(args.get(1).expect(usage));
    let base = Path::new(args.get(2).expect(usage));
    let n: usize = args.get(3).map(|s| s.parse().expect(usage)).unwrap_or(10);
    if work.exists() && std::fs::read_dir(work).unwrap().next().is_some() {
        panic!(
            "{} is not empty; give an empty or new folder",
            work.display()
        );
    }

    let db = format!(
        "bench_panel_{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
    );
    {
        let mut admin = shortlist_team::Remote::connect(admin_url).expect("connect as admin");
        admin
            .client()
            .batch_execute(&format!("CREATE DATABASE \"{db}\""))
            .expect("create the benchmark database");
    }
    let admin_db = {
        let (_, rest) = admin_url.split_once("://").unwrap();
        let (userinfo, _) = rest.rsplit_once('@').unwrap();
        let (user, pw) = userinfo.split_once(':').unwrap_or((userinfo, ""));
        with_login(admin_url, user, pw, &db)
    };
    let mut admin = shortlist_team::Remote::connect(&admin_db).unwrap();
    shortlist_team::init(&mut admin).unwrap();
    println!("database {db}, {n} reviewers, workspace {}", base.display());

    let ids: Vec<String> = {
        let ws = Workspace::open(base).unwrap();
        let conn = ws.reader();
        let mut stmt = conn
            .prepare("SELECT interview_id FROM candidates ORDER BY interview_id")
            .unwrap();
        let ids = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        ids
    };
    println!("{} candidates", ids.len());

    let mut laptops = Vec::new();
    for r in 1..=n {
        // Roles are cluster-wide: a fresh login per run (its password is
        // left alone if the role exists).
        let login = format!("{db}_r{r:02}");
        let password = format!("pw-{login}-{db}");
        shortlist_team::add_reviewer(&mut admin, &login, &password).unwrap();
        let dir = work.join(format!("r{r:02}"));
        copy_dir(base, &dir);
        let ws = Workspace::open(&dir).unwrap();
        let url = with_login(admin_url, &login, &password, &db);
        team::init_server(
            &ws,
            &url,
            &format!("Reviewer {r}"),
            &format!("r{r}@example.org"),
            Some(false),
        )
        .unwrap();
        laptops.push((ws, password));
    }

    for (r, (ws, _)) in laptops.iter().enumerate() {
        timed(
            &format!("reviewer {} submits {} evaluations", r + 1, ids.len()),
            || {
                for id in &ids {
                    panel::submit(
                        ws,
                        id,
                        &panel::EvaluationInput {
                            recommendation: Some(recommendation(r, id)),
                            ..Default::default()
                        },
                    )
                    .unwrap();
                }
            },
        );
    }
    for (r, (ws, password)) in laptops.iter().enumerate() {
        let p = timed(&format!("reviewer {} push", r + 1), || {
            team::push(ws, Some(password)).unwrap()
        });
        assert_eq!(p.sent, ids.len(), "reviewer {} pushed {p:?}", r + 1);
    }
    let (ws, password) = &laptops[0];
    let pulled = timed("reviewer 1 pull", || {
        team::pull(ws, Some(password)).unwrap()
    });
    println!("{:>44}  {pulled:?}", "");
    assert_eq!(pulled.fetched, (n - 1) * ids.len());
    assert_eq!(pulled.applied, (n - 1) * ids.len());
    let dir1 = work.join("r01");
    drop(laptops);

    list_queries(&dir1);
}

/// The list's first page on a pulled workspace, sorted by panel and
/// filtered; cold (fresh open) and warm.
fn list_queries(dir1: &Path) {
    let posting = {
        let ws = Workspace::open(dir1).unwrap();
        review::list_interviewers(&ws)
            .unwrap()
            .into_iter()
            .next()
            .map(|p| p.id)
    };
    let base_q = CandidateQuery {
        posting_id: posting,
        sort: SortKey::Panel,
        descending: true,
        limit: 200,
        ..Default::default()
    };
    let queries = [
        ("sorted by panel", base_q.clone()),
        (
            "≥ 2 Strong Yes, sorted by panel",
            CandidateQuery {
                panel_min_strong_yes: Some(2),
                ..base_q.clone()
            },
        ),
        (
            "split, sorted by panel",
            CandidateQuery {
                panel_split: true,
                ..base_q.clone()
            },
        ),
        (
            "≥ 2 Strong Yes and split, by panel",
            CandidateQuery {
                panel_min_strong_yes: Some(2),
                panel_split: true,
                ..base_q.clone()
            },
        ),
    ];
    for (label, q) in &queries {
        let ws = Workspace::open(dir1).unwrap();
        let page = timed(&format!("cold: {label}"), || {
            review::list_candidates(&ws, q).unwrap()
        });
        let again = timed(&format!("warm: {label}"), || {
            review::list_candidates(&ws, q).unwrap()
        });
        assert_eq!(page, again);
        let top = page.rows.first().and_then(|r| r.panel.as_ref());
        println!(
            "{:>44}  {} rows of {}; first: {}",
            "",
            page.rows.len(),
            page.total,
            top.map(|p| p.label.as_str()).unwrap_or("-")
        );
        assert!(page.rows.iter().all(|r| r.panel.is_some()));
    }
}
