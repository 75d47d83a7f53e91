//! Integration tests against a real PostgreSQL, one server for the whole
//! binary (`harness = false`: this main starts it, runs the tests, and the
//! server guard's Drop stops it even when tests fail). Each test gets its
//! own database. Arguments: substrings selecting tests by name.

mod pg;
mod team;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

pub type TestFn = fn(&pg::PgServer, &str);

fn main() {
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let list = std::env::args().any(|a| a == "--list");
    let tests: Vec<(&str, TestFn)> = team::TESTS
        .iter()
        .copied()
        .filter(|(name, _)| filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str())))
        .collect();
    if list {
        for (name, _) in &tests {
            println!("{name}: test");
        }
        return;
    }
    let t0 = Instant::now();
    let failed = {
        let server = pg::PgServer::start();
        println!(
            "PostgreSQL up on 127.0.0.1:{} in {:.1?}; running {} tests",
            server.port,
            t0.elapsed(),
            tests.len()
        );
        let mut failed = Vec::new();
        for (i, (name, f)) in tests.iter().enumerate() {
            let t = Instant::now();
            let db = server.create_db(&format!("t{i}_{name}"));
            let r = catch_unwind(AssertUnwindSafe(|| f(&server, &db)));
            let ok = r.is_ok();
            println!(
                "test {name} ... {} ({:.2?} with its database)",
                if ok { "ok" } else { "FAILED" },
                t.elapsed()
            );
            if !ok {
                failed.push(*name);
            }
        }
        let t = Instant::now();
        drop(server); // pg_ctl stop -m fast
        println!("PostgreSQL stopped in {:.1?}", t.elapsed());
        failed
    };
    println!(
        "\ntest result: {}. {} passed; {} failed; finished in {:.1?} (server start and stop included)",
        if failed.is_empty() { "ok" } else { "FAILED" },
        tests.len() - failed.len(),
        failed.len(),
        t0.elapsed()
    );
    if !failed.is_empty() {
        println!("failures: {failed:?}");
        std::process::exit(1);
    }
}
