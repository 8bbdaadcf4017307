-- Service supervision (docs/supervision.md): work orders with their history, the escalator's
-- notices, the business calendar, the categories' time limits and the branch's settings.
CREATE TABLE supervision_categories (
    id           TEXT    PRIMARY KEY,
    name_zh      TEXT    NOT NULL,
    name_en      TEXT    NOT NULL,
    limit_amount INTEGER NOT NULL CHECK (limit_amount > 0),
    limit_unit   TEXT    NOT NULL CHECK (limit_unit IN ('hours', 'days')),
    position     INTEGER NOT NULL
);
INSERT INTO supervision_categories VALUES ('complaint', '投诉', 'Complaint', 2, 'days', 1);
INSERT INTO supervision_categories VALUES ('consultation', '咨询', 'Consultation', 4, 'hours', 2);
INSERT INTO supervision_categories VALUES ('suggestion', '建议', 'Suggestion', 5, 'days', 3);
INSERT INTO supervision_categories VALUES ('praise', '表扬', 'Praise', 5, 'days', 4);
INSERT INTO supervision_categories VALUES ('rectification', '整改', 'Rectification', 3, 'days', 5);
-- Key/value settings of this branch, edited by the admin on /supervision/settings.
CREATE TABLE supervision_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO supervision_settings VALUES ('workday-start', '09:00');
INSERT INTO supervision_settings VALUES ('workday-end', '17:00');
INSERT INTO supervision_settings VALUES ('reminder-before', '2h');
INSERT INTO supervision_settings VALUES ('second-level-after', '1d');
INSERT INTO supervision_settings VALUES ('order-on-dissatisfied', 'true');
-- Exceptions to Monday-Friday: a holiday closes a weekday, a make-up working day (调休) opens a
-- weekend day.
CREATE TABLE business_calendar (
    day        TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    note       TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
CREATE TABLE work_orders (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    category         TEXT    NOT NULL REFERENCES supervision_categories (id),
    channel          TEXT    NOT NULL CHECK (channel IN ('counter', 'phone', 'letter', 'rating', 'inspection')),
    state            TEXT    NOT NULL,
    priority         TEXT    NOT NULL CHECK (priority IN ('normal', 'high', 'urgent')),
    description      TEXT    NOT NULL,
    contact          TEXT    NOT NULL,
    ticket           TEXT,
    rating           TEXT,
    counter          TEXT,
    teller           TEXT,
    owner            TEXT,
    deadline         TEXT    NOT NULL,
    round            INTEGER NOT NULL DEFAULT 1,
    created_by       TEXT    NOT NULL,
    created_at       TEXT    NOT NULL,
    answered_at      TEXT,
    closed_at        TEXT
);
CREATE INDEX work_orders_state ON work_orders (state);
-- One automatic order per rated ticket, whatever the number of times the rating is replayed.
CREATE UNIQUE INDEX work_orders_rating ON work_orders (rating) WHERE rating IS NOT NULL;
-- Every step of every order: appended, never changed.
CREATE TABLE work_order_steps (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id INTEGER NOT NULL REFERENCES work_orders (id),
    at       TEXT    NOT NULL,
    actor    TEXT    NOT NULL,
    action   TEXT    NOT NULL,
    state    TEXT    NOT NULL,
    owner    TEXT,
    note     TEXT    NOT NULL
);
CREATE TRIGGER work_order_steps_no_update BEFORE UPDATE ON work_order_steps BEGIN SELECT RAISE(ABORT, 'work order history is append-only'); END;
CREATE TRIGGER work_order_steps_no_delete BEFORE DELETE ON work_order_steps BEGIN SELECT RAISE(ABORT, 'work order history is append-only'); END;
CREATE TRIGGER work_orders_no_delete BEFORE DELETE ON work_orders BEGIN SELECT RAISE(ABORT, 'work orders are never deleted'); END;
-- The escalator's notices: the key (order, round, level) is stored before a notice is shown, so
-- a restart neither loses nor repeats one.
CREATE TABLE supervision_notices (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    key       TEXT    NOT NULL UNIQUE,
    order_id  INTEGER NOT NULL REFERENCES work_orders (id),
    level     TEXT    NOT NULL,
    recipient TEXT    NOT NULL,
    due_at    TEXT    NOT NULL,
    raised_at TEXT    NOT NULL
);
-- The correction notebook (纠错本): non-standard operations a manager saw at a counter, with the
-- right procedure. Reviewed after the shift without names; each teller sees their own.
CREATE TABLE correction_notes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    day         TEXT NOT NULL,
    at          TEXT NOT NULL,
    counter     TEXT NOT NULL,
    teller      TEXT NOT NULL,
    observed    TEXT NOT NULL,
    procedure   TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX correction_notes_day ON correction_notes (day);
CREATE TRIGGER correction_notes_no_update BEFORE UPDATE ON correction_notes BEGIN SELECT RAISE(ABORT, 'the correction notebook is append-only'); END;
CREATE TRIGGER correction_notes_no_delete BEFORE DELETE ON correction_notes BEGIN SELECT RAISE(ABORT, 'the correction notebook is append-only'); END;
-- Daily inspections (有检查、有记录、有总结、有评价、有整改): checklists defined by the branch, each
-- filled inspection with its items; a failed item's rectification is a work order (same deadlines
-- and escalator).
CREATE TABLE inspection_checklists (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL,
    items      TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE inspections (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    checklist_id INTEGER NOT NULL REFERENCES inspection_checklists (id),
    day          TEXT    NOT NULL,
    counter      TEXT,
    inspector    TEXT    NOT NULL,
    at           TEXT    NOT NULL
);
CREATE INDEX inspections_day ON inspections (day);
CREATE TABLE inspection_items (
    inspection_id INTEGER NOT NULL REFERENCES inspections (id),
    position      INTEGER NOT NULL,
    item          TEXT    NOT NULL,
    passed        INTEGER NOT NULL,
    note          TEXT    NOT NULL,
    order_id      INTEGER REFERENCES work_orders (id),
    PRIMARY KEY (inspection_id, position)
);
CREATE TRIGGER inspections_no_delete BEFORE DELETE ON inspections BEGIN SELECT RAISE(ABORT, 'inspections are never deleted'); END;
CREATE TRIGGER inspection_items_no_update BEFORE UPDATE ON inspection_items BEGIN SELECT RAISE(ABORT, 'inspection records are append-only'); END;
CREATE TRIGGER inspection_items_no_delete BEFORE DELETE ON inspection_items BEGIN SELECT RAISE(ABORT, 'inspection records are append-only'); END;
