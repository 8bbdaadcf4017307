-- The configuration head office publishes to this branch (docs/head-office.md, "Down-link"): one
-- row. running: the version applied in full (0: none yet); pending: the newest document received
-- and not yet applied in full (JSON; its service changes wait for their safe moment); refused:
-- the newest version refused, with the reason. Head office's changes themselves are made through
-- the console's own tables (floor, tellers, business_calendar), audited as done by head office.
CREATE TABLE head_office_config (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    running    INTEGER NOT NULL,
    pending    TEXT,
    refused    INTEGER NOT NULL,
    reason     TEXT    NOT NULL,
    changed_at TEXT    NOT NULL
);
