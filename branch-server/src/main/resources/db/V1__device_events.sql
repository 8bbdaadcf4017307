-- Every event a device sent, once: by event id, and by (device, outbox generation, sequence).
CREATE TABLE device_events (
    id          TEXT    PRIMARY KEY,
    device      TEXT    NOT NULL,
    boot        INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    type        TEXT    NOT NULL,
    at          TEXT    NOT NULL,
    received_at TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    UNIQUE (device, boot, seq)
);
CREATE INDEX device_events_type_at ON device_events (type, at);
