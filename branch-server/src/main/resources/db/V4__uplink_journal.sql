-- Facts for head office, written in the transaction that committed them (uplink/UplinkJournal):
-- a crash right after a commit cannot lose them on their way to uplink.db.
CREATE TABLE uplink_journal (
    id   INTEGER PRIMARY KEY AUTOINCREMENT,
    type TEXT NOT NULL,
    body TEXT NOT NULL
);
