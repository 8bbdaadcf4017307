-- Login throttling (LoginThrottle) kept across restarts: one row per account ("account:<login>")
-- or address ("address:<ip>") with failures in a row, mirrored from memory by a writer thread.
CREATE TABLE login_throttle (
    key          TEXT    PRIMARY KEY,
    failures     INTEGER NOT NULL CHECK (failures > 0),
    last_failure TEXT    NOT NULL,
    until        TEXT    NOT NULL
);

-- Services added in the console (not in the branch file): what the engine needs to issue and call
-- them. Their names and the disabled flag are a floor_changes row like any other service's.
-- counters: the counters that serve it with their weights, "c1=1,c2=2".
CREATE TABLE added_services (
    id       TEXT    PRIMARY KEY,
    prefix   TEXT    NOT NULL UNIQUE,
    first    INTEGER NOT NULL,
    last     INTEGER NOT NULL,
    opens    TEXT    NOT NULL,
    closes   TEXT    NOT NULL,
    counters TEXT    NOT NULL,
    added_at TEXT    NOT NULL
);
