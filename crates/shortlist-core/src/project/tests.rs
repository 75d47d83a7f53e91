//! Tests of the projection's SQL and index words.

use super::derived::DERIVED_SQL;
use super::fts::index_words;
use super::interview::last_by_key;
use rusqlite::Connection;

/// The terms the workspace's own full-text index holds for `text`
/// (fts5vocab over a table made with the schema's definition).
fn index_terms(conn: &rusqlite::Connection, text: &str) -> Vec<String> {
    conn.execute_batch("DELETE FROM t;").unwrap();
    conn.execute(
        "INSERT INTO t (rowid, name, email, tags, transcript) VALUES (1, '', '', '', ?1)",
        [text],
    )
    .unwrap();
    let mut st = conn.prepare("SELECT term FROM v ORDER BY term").unwrap();
    let rows = st.query_map([], |r| r.get(0)).unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

#[test]
fn derived_sql_reads_only_its_parameters() {
    // A column added to the expressions without a parameter would be
    // left as `c.<column>` (and the statement would not prepare).
    assert!(!DERIVED_SQL.contains("c."), "{}", *DERIVED_SQL);
    let conn = Connection::open_in_memory().unwrap();
    // It runs once per new candidate: no temporary table (an `IN` list
    // or a subquery would open one each time).
    let ops: Vec<String> = conn
        .prepare(&format!("EXPLAIN {}", *DERIVED_SQL))
        .unwrap()
        .query_map(
            rusqlite::named_params! {
                ":knocked_out": 0, ":imported_status": "", ":steps_total": 0,
                ":steps_done": 0, ":cand_raw": None::<String>,
            },
            |r| r.get(1),
        )
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!ops.iter().any(|op| op == "OpenEphemeral"), "{ops:?}");
    let row = |k: i64, status: &str, total: i64, done: i64, raw: Option<&str>| {
        conn.query_row(
            &DERIVED_SQL,
            rusqlite::named_params! {
                ":knocked_out": k, ":imported_status": status, ":steps_total": total,
                ":steps_done": done, ":cand_raw": raw,
            },
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?)),
        )
        .unwrap()
    };
    assert_eq!(
        row(1, "completed", 2, 2, None),
        ("knocked_out".into(), None)
    );
    assert_eq!(row(0, "other", 2, 2, None), ("completed".into(), None));
    assert_eq!(row(0, "other", 2, 1, None), ("in_progress".into(), None));
    assert_eq!(
        row(0, "other", 0, 0, Some(r#"{"dismissed":true}"#)),
        ("pending".into(), Some("dismissed".into()))
    );
    assert_eq!(
        row(0, "shortlisted", 0, 0, None),
        ("pending".into(), Some("shortlisted".into()))
    );
}

#[test]
fn distinct_words_index_the_same_terms() {
    let dir = tempfile::tempdir().unwrap();
    let ws = crate::Workspace::open(dir.path().join("ws")).unwrap();
    let def: String = ws
        .reader()
        .query_row(
            "SELECT sql FROM sqlite_master WHERE name = 'fts'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let using = &def[def.find("USING").expect("virtual table")..];
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.execute_batch(&format!(
        "CREATE VIRTUAL TABLE t {using}; CREATE VIRTUAL TABLE v USING fts5vocab(t, row);"
    ))
    .unwrap();

    // Hand-picked: punctuation, digits, case, letters beyond ASCII
    // (with and without a case, dotted and dotless i), combining marks,
    // other separators (no-break space, dashes, ’, ideographic space),
    // scripts without spaces, emoji and joiners, full-width letters.
    let mut texts: Vec<String> = [
        "The team, the TEAM and the team's shift: 3.5 shifts/week (night-shift) — twice!",
        "Olá José, ÉTÉ été Été; straße STRASSE Straße; İstanbul istanbul ıi",
        "e\u{301}te\u{301} cafe\u{301} CAFÉ café Cafe\u{301}",
        "foo_bar foo-bar foo.bar foo@bar.com FOO@BAR.COM don’t don't DON'T",
        "日本語のテキスト 日本語 Ольга ОЛЬГА ольга Ωmega ωmega",
        "👍🏽 team👍team a\u{200d}b no\u{a0}break no\u{3000}break ＡＢＣ ａｂｃ",
        "",
        "   ...   ",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Generated: 300 texts drawn from the same kinds of characters.
    let pool: Vec<char> = "aAbBzZ09 .,;:'-_/\n\téÉßİıΩωЖжà\u{301}\u{308}\u{a0}\u{2014}\u{2019}\u{3000}日本語👍\u{200d}Ａａ"
        .chars()
        .collect();
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..300 {
        let mut t = String::new();
        for _ in 0..200 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            t.push(pool[(x % pool.len() as u64) as usize]);
        }
        texts.push(t);
    }
    for text in &texts {
        // Given in two parts, as transcript lines are.
        let cut = text
            .char_indices()
            .nth(text.chars().count() / 2)
            .map_or(0, |c| c.0);
        let distinct = index_words([&text[..cut], &text[cut..]]);
        // The lines joined as the index was given them before.
        let full = format!("{}\n{}", &text[..cut], &text[cut..]);
        assert_eq!(
            index_terms(&conn, &distinct),
            index_terms(&conn, &full),
            "{full:?} gave {distinct:?}"
        );
    }
    // And it is shorter: each word once.
    assert_eq!(
        index_words(["Team team TEAM, team.", "Shift shift team"]),
        "team shift"
    );
    assert_eq!(index_words(["tea", "m"]), "tea m");
}

#[test]
fn last_by_key_keeps_what_insert_or_replace_would() {
    let items = [(1, "a"), (2, "b"), (1, "c"), (3, "d"), (2, "e")];
    let kept: Vec<_> = last_by_key(&items, |i| i.0).collect();
    assert_eq!(kept, vec![&(1, "c"), &(3, "d"), &(2, "e")]);
    let none: [(i32, &str); 0] = [];
    assert_eq!(last_by_key(&none, |i| i.0).count(), 0);
}
