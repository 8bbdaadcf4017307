-- Hall media (docs/console.md, "Hall media"): the library, the playlists being edited, the
-- revisions submitted and approved, and the emergency notice. Image bytes are files named by
-- their SHA-256 in the media folder beside console.db.
CREATE TABLE media (
    sha256      TEXT    PRIMARY KEY,
    mime        TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    size        INTEGER NOT NULL,
    added_by    TEXT    NOT NULL,
    added_at    TEXT    NOT NULL
);
CREATE TABLE notices (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    zh          TEXT    NOT NULL,
    en          TEXT    NOT NULL,
    added_by    TEXT    NOT NULL,
    added_at    TEXT    NOT NULL
);
-- The draft: what editors change; nothing here reaches the hall before a revision of it is approved.
CREATE TABLE playlists (
    id            TEXT    PRIMARY KEY,
    priority      INTEGER NOT NULL,
    targets       TEXT    NOT NULL,
    weekdays      TEXT    NOT NULL,
    date_from     TEXT,
    date_to       TEXT,
    start_time    TEXT,
    end_time      TEXT,
    slide_seconds INTEGER NOT NULL,
    items         TEXT    NOT NULL,
    changed_by    TEXT    NOT NULL,
    changed_at    TEXT    NOT NULL
);
-- A snapshot of the draft submitted for approval; the newest approved one is what the halls play.
CREATE TABLE signage_revisions (
    revision      INTEGER PRIMARY KEY AUTOINCREMENT,
    playlists     TEXT    NOT NULL,
    submitted_by  TEXT    NOT NULL,
    submitted_at  TEXT    NOT NULL,
    state         TEXT    NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
    decided_by    TEXT,
    decided_at    TEXT
);
CREATE TABLE emergency_notice (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    zh      TEXT    NOT NULL,
    en      TEXT    NOT NULL,
    since   TEXT    NOT NULL,
    set_by  TEXT    NOT NULL
);
