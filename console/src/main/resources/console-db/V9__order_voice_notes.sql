-- A work order made at a counter caller may carry the teller's dictated note: a recording of its
-- own (docs/recording.md "Voice notes"), uploaded like every recording; the order names it from the
-- start, the recording row comes when its segment is whole.
CREATE TABLE order_voice_notes (
    work_order   INTEGER PRIMARY KEY,
    recording_id TEXT NOT NULL UNIQUE
);
