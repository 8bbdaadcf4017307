-- Login throttling (LoginThrottle) kept across restarts: one row per account ("account:<login>")
-- or address ("address:<ip>") with failures in a row, mirrored from memory by a writer thread.
CREATE TABLE login_throttle (
    key          TEXT    PRIMARY KEY,
    failures     INTEGER NOT NULL CHECK (failures > 0),
    last_failure TEXT    NOT NULL,
    until        TEXT    NOT NULL
);
