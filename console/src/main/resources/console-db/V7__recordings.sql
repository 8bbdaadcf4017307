-- Counter recordings (docs/recording.md). A segment row is made by whichever comes first: the
-- counter caller's recording.segment event (announced) or its upload (received bytes, verified).
-- Files: recordings/staging/<segment>.part while uploading, recordings/segments/<segment>.wav once
-- verified, recordings/<yyyy-MM>/<recording>.opus once encoded (then the segments are deleted).
CREATE TABLE recording_segments (
    segment_id    TEXT PRIMARY KEY,
    device        TEXT NOT NULL,
    recording_id  TEXT,
    idx           INTEGER,
    last          INTEGER,
    ticket        TEXT,
    counter       TEXT,
    teller        TEXT,
    started_at    INTEGER,
    duration_ms   INTEGER,
    bytes         INTEGER,
    sha256        TEXT,
    announced     INTEGER NOT NULL DEFAULT 0,
    upload_length INTEGER,
    upload_sha256 TEXT,
    verified      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);
CREATE INDEX recording_segments_recording ON recording_segments (recording_id, idx);

CREATE TABLE recordings (
    recording_id  TEXT PRIMARY KEY,
    ticket        TEXT NOT NULL,
    ticket_number TEXT NOT NULL,
    counter       TEXT NOT NULL,
    teller        TEXT,
    started_at    INTEGER NOT NULL,
    duration_ms   INTEGER NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('ready', 'stored', 'failed', 'purged')),
    file          TEXT,
    bytes         INTEGER,
    sha256        TEXT,
    rating        TEXT,
    error         TEXT,
    stored_at     INTEGER
);
CREATE INDEX recordings_ticket ON recordings (ticket_number, started_at);
CREATE INDEX recordings_counter ON recordings (counter, started_at);
CREATE INDEX recordings_teller ON recordings (teller, started_at);
CREATE INDEX recordings_time ON recordings (started_at);
CREATE INDEX recordings_rating ON recordings (rating, started_at);
CREATE INDEX recordings_state ON recordings (state);

-- Ratings of recorded tickets as they are committed: a rating often comes before the recording is
-- whole (its last segment is still uploading), so the recording takes it from here when indexed.
CREATE TABLE recording_ratings (
    ticket TEXT PRIMARY KEY,
    level  TEXT NOT NULL
);

-- A legal hold keeps a recording past the retention policy while its work order needs it.
CREATE TABLE recording_holds (
    recording_id TEXT NOT NULL,
    work_order   INTEGER NOT NULL,
    held_by      TEXT NOT NULL,
    held_at      INTEGER NOT NULL,
    PRIMARY KEY (recording_id, work_order)
);
CREATE INDEX recording_holds_order ON recording_holds (work_order);

CREATE TABLE recording_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO recording_settings (key, value) VALUES ('retention-days', '90');
