-- Which pad an arm went to and when, so open arms are sent again after a server restart.
ALTER TABLE arms ADD COLUMN pad TEXT;
ALTER TABLE arms ADD COLUMN armed_at TEXT;
-- Wrong-PIN lockouts per teller ('teller:<id>') and per counter ('counter:<id>'), for supervisors.
CREATE TABLE pin_lockouts (
    subject      TEXT    PRIMARY KEY,
    failures     INTEGER NOT NULL,
    locked_until TEXT
);
