-- Supervision facts for head office (docs/head-office.md), written in the transaction of the change
-- they describe, then copied to the uplink's outbox by the branch server and forgotten: the same
-- journal as branch.db's uplink_journal, for the changes committed in this file.
CREATE TABLE supervision_uplink_journal (
    id   INTEGER PRIMARY KEY AUTOINCREMENT,
    type TEXT NOT NULL,
    body TEXT NOT NULL
);
