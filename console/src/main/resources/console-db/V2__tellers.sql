-- Tellers as changed in the console, over the branch file's (which stays the seed of a new
-- branch): a row overrides the file's teller of the same id or adds one. pin_hash NULL keeps the
-- file's PIN.
CREATE TABLE tellers (
    id          TEXT    PRIMARY KEY,
    name        TEXT    NOT NULL,
    employee_no TEXT    NOT NULL,
    pin_hash    TEXT,
    disabled    INTEGER NOT NULL DEFAULT 0,
    changed_at  TEXT    NOT NULL
);
