//! Schema migrations, keyed on SQLite's `user_version` (cargo's
//! `util/sqlite.rs` pattern): migration *i* brings the schema from version
//! *i* to *i + 1*; all pending ones run in one transaction; a database whose
//! `user_version` is newer than this build knows is refused, never touched.
//!
//! Append only: never edit a migration that has shipped.

/// Table groups:
/// * imported (replaced per record by import/sync, rebuilt from `raw`):
///   `postings`, `candidates`, `steps`, `scorecard`, `tags`,
///   `cheat_flags`, `candidate_media`, `fts` (and, up to v3, `transcript`).
/// * reviewer (never touched by import): `decisions`, `decision_log`,
///   `evaluations`, `evaluation_history`, `team_events`, `team_state`,
///   `notes`, `cohorts`, `cohort_members`, `audit`, `settings`, `outbox`,
///   `retake_grants`, `enrichment`, `notification_reads`, `erasures`.
/// * content store index: `media`.
/// * workspace facts: `meta` (v5).
/// * derived, trigger-maintained for the list cache (v8): `list_state`,
///   `list_changes`, `panel_summary`.
pub const MIGRATIONS: &[&str] = &[
    // v0 -> v1
    r#"
CREATE TABLE postings (
    id              TEXT PRIMARY KEY,
    raw             TEXT NOT NULL,           -- PostingResponse as received
    raw_hash        TEXT NOT NULL,
    ext_raw         TEXT,                    -- PostingExtension as received
    ext_hash        TEXT,
    title           TEXT NOT NULL,
    slug            TEXT,
    interviewer_name TEXT,
    status          TEXT NOT NULL,
    language        TEXT,
    created_at      REAL,
    deadline        REAL,
    max_retakes     INTEGER,
    budget          REAL,
    spend           REAL,
    currency        TEXT,
    subscribers     INTEGER NOT NULL DEFAULT 0,
    imported_at     REAL NOT NULL
);

CREATE TABLE candidates (
    interview_id    TEXT PRIMARY KEY,
    posting_id      TEXT NOT NULL REFERENCES postings(id),
    candidate_id    TEXT,
    cand_raw        TEXT,                    -- CandidateResponse as received
    cand_hash       TEXT,
    interview_raw   TEXT,                    -- InterviewDataResponse as received (media bytes never inline)
    interview_hash  TEXT,
    ext_raw         TEXT,                    -- InterviewExtension as received
    ext_hash        TEXT,
    name            TEXT NOT NULL,
    email           TEXT NOT NULL,
    phone           TEXT,
    location        TEXT,
    country         TEXT,
    interview_url   TEXT,
    imported_status TEXT NOT NULL,           -- pending/in_progress/evaluating/completed/knocked_out/...
    score           REAL,                    -- overall 0-100
    resume_score    REAL,                    -- 0-100
    video_score     REAL,                    -- web interview match 0-100
    speech_score    REAL,                    -- raw 0-5
    steps_total     INTEGER NOT NULL DEFAULT 0,
    steps_done      INTEGER NOT NULL DEFAULT 0,
    knocked_out     INTEGER NOT NULL DEFAULT 0,
    cheat_ranking   INTEGER,
    cheat_confidence REAL,
    created_at      REAL,
    interviewed_at  REAL,
    last_activity_at REAL,
    custom          TEXT,                    -- JSON object of metadata/data columns, flattened
    imported_at     REAL NOT NULL
);
CREATE INDEX candidates_posting ON candidates(posting_id);
CREATE INDEX candidates_candidate ON candidates(candidate_id);

CREATE TABLE steps (
    interview_id    TEXT NOT NULL REFERENCES candidates(interview_id) ON DELETE CASCADE,
    step_order      INTEGER NOT NULL,
    step_id         TEXT NOT NULL,
    kind            TEXT,                    -- resume/web_interview/conversational_sms/form
    status          TEXT NOT NULL,           -- not_started/in_progress/completed/knocked_out
    score           REAL,                    -- percent, when the step has one
    last_updated_at REAL,
    PRIMARY KEY (interview_id, step_order)
);

CREATE TABLE scorecard (
    interview_id    TEXT NOT NULL REFERENCES candidates(interview_id) ON DELETE CASCADE,
    question_id     TEXT NOT NULL,
    rank            INTEGER NOT NULL,
    question_text   TEXT NOT NULL,
    score           REAL NOT NULL,           -- raw
    score_pct       REAL NOT NULL,
    weight          REAL NOT NULL,
    not_scored      INTEGER NOT NULL,
    PRIMARY KEY (interview_id, question_id)
);
CREATE INDEX scorecard_question ON scorecard(question_id);

CREATE TABLE transcript (
    interview_id    TEXT NOT NULL REFERENCES candidates(interview_id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    speaker         TEXT NOT NULL,
    text            TEXT NOT NULL,
    at_seconds      REAL NOT NULL,
    PRIMARY KEY (interview_id, seq)
);

CREATE TABLE tags (
    interview_id    TEXT NOT NULL REFERENCES candidates(interview_id) ON DELETE CASCADE,
    tag             TEXT NOT NULL,
    PRIMARY KEY (interview_id, tag)
);
CREATE INDEX tags_tag ON tags(tag);

CREATE TABLE cheat_flags (
    interview_id    TEXT NOT NULL REFERENCES candidates(interview_id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    kind            TEXT NOT NULL,           -- tab_switching, ai_scripted_answer, multiple_people, ...
    confidence      REAL,
    at_seconds      REAL,
    detail          TEXT,
    PRIMARY KEY (interview_id, seq)
);

CREATE TABLE media (
    hash            TEXT PRIMARY KEY,        -- sha256 hex; file is media/<hash[0..2]>/<hash>
    mime            TEXT NOT NULL,
    size            INTEGER NOT NULL,
    added_at        REAL NOT NULL
);

CREATE TABLE candidate_media (
    interview_id    TEXT NOT NULL REFERENCES candidates(interview_id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,           -- video/audio/resume
    hash            TEXT REFERENCES media(hash),
    remote_url      TEXT,                    -- kept when the bundle had a signed URL
    original_name   TEXT,
    PRIMARY KEY (interview_id, kind)
);

CREATE VIRTUAL TABLE fts USING fts5(
    interview_id UNINDEXED, name, email, tags, transcript,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- reviewer data: keyed by stable ids, never written by import
CREATE TABLE decisions (
    interview_id    TEXT PRIMARY KEY,
    decision        TEXT NOT NULL CHECK (decision IN ('shortlisted','dismissed','pending')),
    decided_by      TEXT NOT NULL,
    decided_at      REAL NOT NULL
);
CREATE TABLE decision_log (
    id              INTEGER PRIMARY KEY,
    interview_id    TEXT NOT NULL,
    previous        TEXT,                    -- NULL = pending
    decision        TEXT,                    -- NULL = pending
    decided_by      TEXT NOT NULL,
    decided_at      REAL NOT NULL
);
CREATE TABLE notes (
    id              INTEGER PRIMARY KEY,
    interview_id    TEXT NOT NULL,
    at_seconds      REAL,                    -- pinned moment of the recording, if any
    text            TEXT NOT NULL,
    author          TEXT NOT NULL,
    created_at      REAL NOT NULL
);
CREATE INDEX notes_interview ON notes(interview_id);
CREATE TABLE cohorts (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    created_at      REAL NOT NULL
);
CREATE TABLE cohort_members (
    cohort_id       INTEGER NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    interview_id    TEXT NOT NULL,
    added_at        REAL NOT NULL,
    PRIMARY KEY (cohort_id, interview_id)
);
CREATE TABLE audit (
    id              INTEGER PRIMARY KEY,
    at              REAL NOT NULL,
    action          TEXT NOT NULL,
    entity          TEXT,                    -- ids only, never personal data
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL
);
CREATE TABLE settings (
    key             TEXT PRIMARY KEY,
    value           TEXT NOT NULL
);
"#,
    // v1 -> v2: reviewer-side action tables (issue 5). Never written by import.
    r#"
-- Outbox (F40): every message / ATS push is written here in the same
-- transaction as the action that asked for it, then delivered.
-- `payload` holds the rendered message (to, subject, body) or the ATS request:
-- reviewer-side personal data, allowed here, never copied to audit or logs.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('nudge','blast','retake','ats_push')),
    interview_id    TEXT NOT NULL,
    payload         TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'queued'
                    CHECK (status IN ('queued','sending','sent','failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL,
    claimed_at      REAL,                    -- when it went to 'sending' (lease start)
    last_error      TEXT,
    created_at      REAL NOT NULL,
    sent_at         REAL,
    delivered_via   TEXT,                    -- smtp / eml / api
    remote_id       TEXT,                    -- ATS queue item id
    remote_status   TEXT,                    -- last polled ATS status
    idempotency_key TEXT NOT NULL UNIQUE
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_interview ON outbox(interview_id);

-- Allow Retake grants (reviewer data; the mail goes through the outbox).
CREATE TABLE retake_grants (
    id              INTEGER PRIMARY KEY,
    interview_id    TEXT NOT NULL,
    granted_by      TEXT NOT NULL,
    granted_at      REAL NOT NULL,
    forced          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX retake_grants_interview ON retake_grants(interview_id);

-- Enrich (F12): values derived offline; shown beside, never over, imported data.
CREATE TABLE enrichment (
    interview_id    TEXT PRIMARY KEY,
    country         TEXT,
    timezone        TEXT,
    tags            TEXT NOT NULL DEFAULT '[]',  -- JSON array of normalised tags
    sources         TEXT NOT NULL DEFAULT '[]',  -- JSON array: what each value came from
    enriched_at     REAL NOT NULL
);

-- Notifications (F23): which derived notifications the reviewer has read.
CREATE TABLE notification_reads (
    key             TEXT PRIMARY KEY,
    read_at         REAL NOT NULL
);
"#,
    // v2 -> v3: derived imported columns, so the list stays fast at 100,000
    // rows (no JSON parsing or subqueries per row while filtering and
    // sorting). Kept current by `project::refresh_derived`, which uses the
    // same expressions as this backfill.
    r#"
ALTER TABLE candidates ADD COLUMN progress TEXT NOT NULL DEFAULT 'pending';
ALTER TABLE candidates ADD COLUMN imported_decision TEXT;
ALTER TABLE candidates ADD COLUMN flag_count INTEGER NOT NULL DEFAULT 0;
UPDATE candidates AS c SET
    progress = CASE
        WHEN c.knocked_out = 1 OR c.imported_status = 'knocked_out' THEN 'knocked_out'
        WHEN c.imported_status IN ('pending','in_progress','evaluating','completed') THEN c.imported_status
        WHEN c.steps_total > 0 AND c.steps_done >= c.steps_total THEN 'completed'
        WHEN c.steps_done > 0 THEN 'in_progress'
        ELSE 'pending' END,
    imported_decision = CASE
        WHEN c.imported_status IN ('shortlisted','dismissed') THEN c.imported_status
        WHEN json_extract(c.cand_raw, '$.dismissed') = 1 THEN 'dismissed'
        WHEN json_extract(c.cand_raw, '$.shortlisted') = 1 THEN 'shortlisted'
        ELSE NULL END,
    flag_count = (SELECT count(*) FROM cheat_flags f WHERE f.interview_id = c.interview_id);
CREATE INDEX candidates_posting_activity ON candidates(posting_id, last_activity_at);
-- Covers the list's view counts for one interviewer.
CREATE INDEX candidates_posting_counts ON candidates(posting_id, progress, imported_decision, interview_id);
"#,
    // v3 -> v4: import speed (issue 2) and search speed (issue 3).
    // * `transcript` (one row per transcript line) was written by every
    //   import and read by nothing: transcripts are read from the stored raw
    //   JSON. Dropped.
    // * `fts` no longer stores a second copy of the text it indexes
    //   (contentless, rows deletable by rowid): snippets are cut from the
    //   raw JSON of the page's rows. Its rowid is the candidate's rowid, as
    //   before; the interview id column is gone (join on rowid).
    //   `detail=none`: search is AND-ed prefix terms only (no phrases, NEAR
    //   or column filters), so token positions are not stored.
    //   `prefix='2'`: two-character prefix queries read one prefix doclist
    //   instead of merging every term that starts with them.
    //   The index is rebuilt from the old one's stored text, unchanged.
    // * `candidates_list` covers every column the candidate list filters,
    //   sorts and counts on, so a list or search of one interviewer reads
    //   this index, never the wide candidate rows (whose raw JSON makes the
    //   table hundreds of MB at 100,000 candidates), except for the page's
    //   own rows. It supersedes `candidates_posting_counts`.
    r#"
DROP TABLE transcript;
CREATE VIRTUAL TABLE fts_v4 USING fts5(
    name, email, tags, transcript,
    content = '', contentless_delete = 1, detail = none, prefix = '2',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO fts_v4 (rowid, name, email, tags, transcript)
    SELECT rowid, name, email, tags, transcript FROM fts;
DROP TABLE fts;
ALTER TABLE fts_v4 RENAME TO fts;
DROP INDEX candidates_posting_counts;
CREATE INDEX candidates_list ON candidates(posting_id, progress, imported_decision, flag_count,
    last_activity_at, created_at, score, resume_score, video_score, name, interview_id);
"#,
    // Panels (F70–F74): evaluations per reviewer and candidate (drafts until
    // submitted, amendments kept in `evaluation_history`), team identity of
    // notes (the `note_added` event a note started as, the version shown),
    // and the team event log (`team_events`/`team_state`, the DDL of
    // `shortlist_team::LOCAL_SCHEMA` verbatim; a test keeps them equal).
    r#"
CREATE TABLE evaluations (
    interview_id    TEXT NOT NULL,
    reviewer        TEXT NOT NULL,           -- reviewer id: team login, else e-mail, else name
    reviewer_name   TEXT NOT NULL,
    recommendation  TEXT CHECK (recommendation IN ('strong_no','no','yes','strong_yes')),
    ratings         TEXT NOT NULL DEFAULT '{}',  -- JSON {question_id: 1..4}
    comment         TEXT NOT NULL DEFAULT '',
    submitted_at    REAL,                    -- NULL = draft
    amended_at      REAL,                    -- last change after submission
    updated_at      REAL NOT NULL,
    PRIMARY KEY (interview_id, reviewer)
);
CREATE TABLE evaluation_history (
    id              INTEGER PRIMARY KEY,
    interview_id    TEXT NOT NULL,
    reviewer        TEXT NOT NULL,
    recommendation  TEXT,
    ratings         TEXT NOT NULL,
    comment         TEXT NOT NULL,
    submitted_at    REAL,
    replaced_at     REAL NOT NULL
);
CREATE INDEX evaluation_history_key ON evaluation_history(interview_id, reviewer);
ALTER TABLE notes ADD COLUMN uid TEXT;       -- id of the note's `note_added` team event
ALTER TABLE notes ADD COLUMN version TEXT;   -- id of the team event of the text shown
ALTER TABLE notes ADD COLUMN updated_at REAL;
CREATE UNIQUE INDEX notes_uid ON notes(uid) WHERE uid IS NOT NULL;
CREATE TABLE IF NOT EXISTS team_events (
    id           TEXT PRIMARY KEY,          -- UUIDv7, hyphenated
    reviewer     TEXT NOT NULL,
    device       TEXT NOT NULL,
    kind         TEXT NOT NULL,
    interview_id TEXT NOT NULL,
    created_at   TEXT NOT NULL,             -- RFC 3339, UTC, microseconds
    payload      TEXT NOT NULL,             -- JSON
    parent       TEXT,                      -- edited event's id
    origin       TEXT NOT NULL CHECK (origin IN ('local', 'remote')),
    pushed       INTEGER NOT NULL DEFAULT 0 CHECK (pushed IN (0, 1)),
    seq          INTEGER UNIQUE,            -- server order, once known
    applied      INTEGER NOT NULL DEFAULT 0 CHECK (applied IN (0, 1))
);
CREATE INDEX IF NOT EXISTS team_events_outbox ON team_events (id) WHERE pushed = 0 AND origin = 'local';
CREATE INDEX IF NOT EXISTS team_events_inbox ON team_events (seq) WHERE applied = 0;
CREATE INDEX IF NOT EXISTS team_events_parent ON team_events (parent) WHERE parent IS NOT NULL;
CREATE TABLE IF NOT EXISTS team_state (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    last_pulled_seq INTEGER NOT NULL DEFAULT 0,
    last_pull_at    TEXT,
    last_push_at    TEXT
);
INSERT OR IGNORE INTO team_state (id) VALUES (1);
"#,
    // v5 -> v6: integrity checks (F37, F50). They run off the open path
    // (after an unclean shutdown, on a schedule, on demand); each result is
    // kept: when, why (`kind`), how long, and what was wrong (`problems`, a
    // JSON array of lines). The last one decides whether open refuses the
    // workspace.
    r#"
CREATE TABLE integrity_checks (
    id              INTEGER PRIMARY KEY,
    started_at      REAL NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('unclean_shutdown','scheduled','manual')),
    duration_ms     INTEGER NOT NULL,
    ok              INTEGER NOT NULL,
    problems        TEXT NOT NULL DEFAULT '[]',
    media_files     INTEGER NOT NULL DEFAULT 0
);
"#,
    // v6 -> v7: erasure, retention and audit hardening (F51, F52).
    // * `meta`: workspace facts that are not settings (never shown or set
    //   through `settings`): `id_salt`, the random salt of pseudonymous
    //   interview ids (audit entities, erasure log); `vacuum_before_erasure`
    //   when the file held data before `secure_delete` was always on (its
    //   free pages may still hold old bytes: the first erasure vacuums).
    // * `audit` gains `actor` (the reviewer) and becomes append-only by
    //   trigger. The old rows move over re-chained with interview ids
    //   pseudonymised (`store::chain::migrate_legacy`, run by `migrate`
    //   right after this script).
    // * `erasures`: the erasure log; no personal data (id hash, time,
    //   reviewer, reason, counts), append-only too.
    r#"
CREATE TABLE meta (
    key             TEXT PRIMARY KEY,
    value           TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('id_salt', lower(hex(randomblob(32))));
INSERT INTO meta (key, value)
    SELECT 'vacuum_before_erasure', '1'
    WHERE EXISTS (SELECT 1 FROM candidates) OR EXISTS (SELECT 1 FROM notes)
       OR EXISTS (SELECT 1 FROM outbox) OR EXISTS (SELECT 1 FROM audit);
ALTER TABLE audit RENAME TO audit_legacy;
CREATE TABLE audit (
    id              INTEGER PRIMARY KEY,
    at              REAL NOT NULL,
    action          TEXT NOT NULL,
    entity          TEXT,                    -- ids only; interview ids as iv_<salted sha256>
    actor           TEXT,                    -- the reviewer (NULL: the app itself, or a pre-v5 entry)
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL
);
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: its entries cannot be changed'); END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: its entries cannot be deleted'); END;
CREATE TABLE erasures (
    id              INTEGER PRIMARY KEY,
    id_hash         TEXT NOT NULL,           -- sha256(id_salt, interview id), hex
    erased_at       REAL NOT NULL,
    reviewer        TEXT NOT NULL,
    reason          TEXT NOT NULL,
    rows_removed    INTEGER NOT NULL,
    media_removed   INTEGER NOT NULL,
    notes_removed   INTEGER NOT NULL,
    outbox_removed  INTEGER NOT NULL,
    audit_head      TEXT NOT NULL            -- `<id> <hash>` of the audit head after the erasure
);
CREATE INDEX erasures_id_hash ON erasures(id_hash);
CREATE TRIGGER erasures_append_only_update BEFORE UPDATE ON erasures
BEGIN SELECT RAISE(ABORT, 'the erasure log is append-only: its entries cannot be changed'); END;
CREATE TRIGGER erasures_append_only_delete BEFORE DELETE ON erasures
BEGIN SELECT RAISE(ABORT, 'the erasure log is append-only: its entries cannot be deleted'); END;
"#,
    // v7 -> v8: what the candidate list's in-memory cache needs to stay
    // current without reloading after every write (issues 13 and 15;
    // `review/list_cache.rs`). All maintained by triggers, so every writer
    // (the app, the CLI, another process, import, sync, team pull) keeps
    // them right.
    // * `list_state.generation`: bumped by any change to what the cached
    //   projection holds from the imported tables (a candidate added,
    //   removed, renamed, re-scored, …): the cache reloads.
    // * `list_state.sets_generation`: bumped by changes to steps, tags and
    //   cohorts (the stage, tag and cohort filters): the cache re-asks
    //   those filters.
    // * `list_changes`: candidates (by rowid, no personal data) whose
    //   reviewer decision (`decision`) or submitted evaluations (`panel`)
    //   changed, in commit order; the cache patches just those. Only the
    //   last 4,096 to 8,192 entries are kept; a cache older than that
    //   reloads.
    // * `panel_summary`: per candidate, the submitted evaluations and their
    //   recommendations (the list's panel sort and filters); a row exists
    //   while the candidate has at least one submitted evaluation. Drafts
    //   (and edits that change neither the submission nor the
    //   recommendation) touch neither it nor the log.
    // * `evaluations_submitted_by`: a reviewer's submitted evaluations (the
    //   viewer's own, which decide what the list may show of the others').
    r#"
CREATE TABLE list_state (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    generation      INTEGER NOT NULL DEFAULT 0,
    sets_generation INTEGER NOT NULL DEFAULT 0
);
INSERT INTO list_state (id) VALUES (1);
CREATE TABLE list_changes (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    candidate       INTEGER NOT NULL,        -- candidates.rowid
    kind            TEXT NOT NULL CHECK (kind IN ('decision','panel'))
);
CREATE TRIGGER list_changes_prune AFTER INSERT ON list_changes WHEN new.seq % 4096 = 0
BEGIN DELETE FROM list_changes WHERE seq <= new.seq - 4096; END;

CREATE TRIGGER list_candidates_insert AFTER INSERT ON candidates
BEGIN UPDATE list_state SET generation = generation + 1; END;
CREATE TRIGGER list_candidates_delete AFTER DELETE ON candidates
BEGIN UPDATE list_state SET generation = generation + 1; END;
CREATE TRIGGER list_candidates_update AFTER UPDATE ON candidates
WHEN old.rowid IS NOT new.rowid OR old.interview_id IS NOT new.interview_id
  OR old.posting_id IS NOT new.posting_id OR old.name IS NOT new.name
  OR old.progress IS NOT new.progress OR old.imported_decision IS NOT new.imported_decision
  OR old.flag_count IS NOT new.flag_count OR old.score IS NOT new.score
  OR old.resume_score IS NOT new.resume_score OR old.video_score IS NOT new.video_score
  OR old.last_activity_at IS NOT new.last_activity_at OR old.created_at IS NOT new.created_at
BEGIN UPDATE list_state SET generation = generation + 1; END;

CREATE TRIGGER list_steps_insert AFTER INSERT ON steps
BEGIN UPDATE list_state SET sets_generation = sets_generation + 1; END;
CREATE TRIGGER list_steps_delete AFTER DELETE ON steps
BEGIN UPDATE list_state SET sets_generation = sets_generation + 1; END;
CREATE TRIGGER list_steps_update AFTER UPDATE ON steps
BEGIN UPDATE list_state SET sets_generation = sets_generation + 1; END;
CREATE TRIGGER list_tags_insert AFTER INSERT ON tags
BEGIN UPDATE list_state SET sets_generation = sets_generation + 1; END;
CREATE TRIGGER list_tags_delete AFTER DELETE ON tags
BEGIN UPDATE list_state SET sets_generation = sets_generation + 1; END;
CREATE TRIGGER list_tags_update AFTER UPDATE ON tags
BEGIN UPDATE list_state SET sets_generation = sets_generation + 1; END;
CREATE TRIGGER list_cohorts_insert AFTER INSERT ON cohorts
BEGIN UPDATE list_state SET sets_generation = sets_generation + 1; END;
CREATE TRIGGER list_cohorts_delete AFTER DELETE ON cohorts
BEGIN UPDATE list_state SET sets_generation = sets_generation + 1; END;
CREATE TRIGGER list_cohorts_update AFTER UPDATE ON cohorts
BEGIN UPDATE list_state SET sets_generation = sets_generation + 1; END;
CREATE TRIGGER list_cohort_members_insert AFTER INSERT ON cohort_members
BEGIN UPDATE list_state SET sets_generation = sets_generation + 1; END;
CREATE TRIGGER list_cohort_members_delete AFTER DELETE ON cohort_members
BEGIN UPDATE list_state SET sets_generation = sets_generation + 1; END;
CREATE TRIGGER list_cohort_members_update AFTER UPDATE ON cohort_members
BEGIN UPDATE list_state SET sets_generation = sets_generation + 1; END;

CREATE TRIGGER list_decisions_insert AFTER INSERT ON decisions
BEGIN INSERT INTO list_changes (candidate, kind)
    SELECT rowid, 'decision' FROM candidates WHERE interview_id = new.interview_id; END;
CREATE TRIGGER list_decisions_delete AFTER DELETE ON decisions
BEGIN INSERT INTO list_changes (candidate, kind)
    SELECT rowid, 'decision' FROM candidates WHERE interview_id = old.interview_id; END;
CREATE TRIGGER list_decisions_update AFTER UPDATE ON decisions
BEGIN INSERT INTO list_changes (candidate, kind)
    SELECT rowid, 'decision' FROM candidates WHERE interview_id IN (old.interview_id, new.interview_id); END;

CREATE TABLE panel_summary (
    interview_id    TEXT PRIMARY KEY,
    submitted       INTEGER NOT NULL,        -- submitted evaluations
    strong_no       INTEGER NOT NULL,        -- … recommending Strong No
    no              INTEGER NOT NULL,
    yes             INTEGER NOT NULL,
    strong_yes      INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO panel_summary
    SELECT interview_id, count(*), sum(recommendation IS 'strong_no'), sum(recommendation IS 'no'),
           sum(recommendation IS 'yes'), sum(recommendation IS 'strong_yes')
    FROM evaluations WHERE submitted_at IS NOT NULL GROUP BY interview_id;
CREATE INDEX evaluations_submitted_by ON evaluations(reviewer, interview_id) WHERE submitted_at IS NOT NULL;
CREATE INDEX evaluations_reviewer ON evaluations(reviewer, reviewer_name);
CREATE INDEX team_events_reviewer ON team_events(reviewer);

CREATE TRIGGER panel_evaluations_insert AFTER INSERT ON evaluations
WHEN new.submitted_at IS NOT NULL
BEGIN
    DELETE FROM panel_summary WHERE interview_id = new.interview_id;
    INSERT INTO panel_summary
        SELECT interview_id, count(*), sum(recommendation IS 'strong_no'), sum(recommendation IS 'no'),
               sum(recommendation IS 'yes'), sum(recommendation IS 'strong_yes')
        FROM evaluations WHERE interview_id = new.interview_id AND submitted_at IS NOT NULL
        GROUP BY interview_id;
    INSERT INTO list_changes (candidate, kind)
        SELECT rowid, 'panel' FROM candidates WHERE interview_id = new.interview_id;
END;
CREATE TRIGGER panel_evaluations_delete AFTER DELETE ON evaluations
WHEN old.submitted_at IS NOT NULL
BEGIN
    DELETE FROM panel_summary WHERE interview_id = old.interview_id;
    INSERT INTO panel_summary
        SELECT interview_id, count(*), sum(recommendation IS 'strong_no'), sum(recommendation IS 'no'),
               sum(recommendation IS 'yes'), sum(recommendation IS 'strong_yes')
        FROM evaluations WHERE interview_id = old.interview_id AND submitted_at IS NOT NULL
        GROUP BY interview_id;
    INSERT INTO list_changes (candidate, kind)
        SELECT rowid, 'panel' FROM candidates WHERE interview_id = old.interview_id;
END;
CREATE TRIGGER panel_evaluations_update AFTER UPDATE ON evaluations
WHEN old.submitted_at IS NOT new.submitted_at OR old.recommendation IS NOT new.recommendation
  OR old.interview_id IS NOT new.interview_id OR old.reviewer IS NOT new.reviewer
BEGIN
    DELETE FROM panel_summary WHERE interview_id IN (old.interview_id, new.interview_id);
    INSERT INTO panel_summary
        SELECT interview_id, count(*), sum(recommendation IS 'strong_no'), sum(recommendation IS 'no'),
               sum(recommendation IS 'yes'), sum(recommendation IS 'strong_yes')
        FROM evaluations WHERE interview_id IN (old.interview_id, new.interview_id)
          AND submitted_at IS NOT NULL
        GROUP BY interview_id;
    INSERT INTO list_changes (candidate, kind)
        SELECT rowid, 'panel' FROM candidates WHERE interview_id IN (old.interview_id, new.interview_id);
END;
"#,
    // v8 -> v9: the list page's rows without the raw JSON (issue 14, F54).
    // The page's 200 rows were read from the table, where each row's raw
    // interview JSON (about 10 KB) comes before the list's columns, so
    // every row walked its overflow chain: ~600 pages per page of 200, each
    // decrypted and authenticated in an encrypted workspace. This index
    // covers every column a list row shows ([`crate::review::list`]'s
    // `row_select`), one small entry per candidate, read by interview id.
    r#"
CREATE INDEX candidates_card ON candidates(interview_id, candidate_id, posting_id, name, email,
    phone, location, country, interview_url, progress, imported_decision, score, resume_score,
    video_score, speech_score, steps_done, steps_total, created_at, interviewed_at,
    last_activity_at, cheat_ranking, custom, flag_count);
"#,
    // v9 -> v10: no per-row trigger on the tables an import inserts into
    // (candidates, steps, tags). Each such trigger made every insert of an
    // import a multi-write statement, which SQLite journals statement by
    // statement: a 100,000-candidate import took 33 s of CPU instead of 17.
    // The import, their only inserter, bumps `list_state` once in its own
    // transaction instead ([`crate::import`]'s commit); updates and deletes
    // (few, from any writer) keep their triggers.
    r#"
DROP TRIGGER list_candidates_insert;
DROP TRIGGER list_steps_insert;
DROP TRIGGER list_tags_insert;
"#,
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;
