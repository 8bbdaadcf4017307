-- Services and counters as changed in the console (renamed, disabled), over the branch file's
-- (which stays the seed of a new branch): a row overrides the file's service or counter of the
-- same kind and id.
CREATE TABLE floor_changes (
    kind       TEXT    NOT NULL CHECK (kind IN ('service', 'counter')),
    id         TEXT    NOT NULL,
    name_zh    TEXT    NOT NULL,
    name_en    TEXT    NOT NULL,
    disabled   INTEGER NOT NULL DEFAULT 0,
    changed_at TEXT    NOT NULL,
    PRIMARY KEY (kind, id)
);
