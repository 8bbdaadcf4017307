-- The business day the engine is in; it only moves forward.
CREATE TABLE business_day (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    day TEXT    NOT NULL
);
-- The next number per service per day, including blocks leased to kiosks.
CREATE TABLE numbers (
    day     TEXT    NOT NULL,
    service TEXT    NOT NULL,
    next    INTEGER NOT NULL,
    PRIMARY KEY (day, service)
);
CREATE TABLE tickets (
    id               TEXT    PRIMARY KEY,
    day              TEXT    NOT NULL,
    service          TEXT    NOT NULL,
    seq              INTEGER NOT NULL,
    number           TEXT    NOT NULL,
    issued_at        TEXT    NOT NULL,
    source           TEXT    NOT NULL,
    offline          INTEGER NOT NULL,
    status           TEXT    NOT NULL,
    directed_counter TEXT,
    counter          TEXT,
    teller           TEXT,
    called_at        TEXT,
    started_at       TEXT,
    finished_at      TEXT,
    recalls          INTEGER NOT NULL DEFAULT 0,
    UNIQUE (day, number)
);
CREATE INDEX tickets_day_status ON tickets (day, status);
-- Every change of a ticket, for audits and reports.
CREATE TABLE ticket_log (
    ticket  TEXT NOT NULL,
    at      TEXT NOT NULL,
    action  TEXT NOT NULL,
    counter TEXT,
    teller  TEXT,
    detail  TEXT
);
CREATE INDEX ticket_log_ticket ON ticket_log (ticket);
-- Every call, with why the routing policy chose that ticket.
CREATE TABLE calls (
    id      TEXT    PRIMARY KEY,
    ticket  TEXT    NOT NULL,
    number  TEXT    NOT NULL,
    counter TEXT    NOT NULL,
    teller  TEXT,
    at      TEXT    NOT NULL,
    recall  INTEGER NOT NULL,
    reason  TEXT    NOT NULL
);
CREATE INDEX calls_at ON calls (at);
-- One rating per completed ticket.
CREATE TABLE ratings (
    ticket   TEXT PRIMARY KEY,
    arm_id   TEXT NOT NULL,
    counter  TEXT NOT NULL,
    teller   TEXT NOT NULL,
    level    TEXT NOT NULL,
    at       TEXT NOT NULL,
    event_id TEXT NOT NULL
);
CREATE INDEX ratings_teller ON ratings (teller, at);
CREATE TABLE arms (
    id         TEXT PRIMARY KEY,
    ticket     TEXT NOT NULL,
    counter    TEXT NOT NULL,
    teller     TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE TABLE counters (
    id           TEXT PRIMARY KEY,
    status       TEXT NOT NULL,
    teller       TEXT,
    ticket       TEXT,
    pause_reason TEXT,
    since        TEXT NOT NULL,
    call_id      TEXT
);
CREATE TABLE leases (
    device  TEXT    NOT NULL,
    day     TEXT    NOT NULL,
    service TEXT    NOT NULL,
    first   INTEGER NOT NULL,
    last    INTEGER NOT NULL
);
-- Answers already given, so that a repeated request gets the same answer and does nothing twice.
CREATE TABLE requests (
    device   TEXT NOT NULL,
    id       TEXT NOT NULL,
    op       TEXT NOT NULL,
    at       TEXT NOT NULL,
    response TEXT NOT NULL,
    PRIMARY KEY (device, id)
);
