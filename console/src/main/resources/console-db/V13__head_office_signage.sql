-- Head office's text notices for the hall displays (docs/head-office.md, "Down-link"): one row
-- while head office's configuration has a signage part, none otherwise. playlist: the hall
-- playlist "head-office" (JSON, as in signage_revisions), played beside the branch's approved
-- revision without going through the branch's approval (head office is the authority).
CREATE TABLE head_office_signage (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    playlist   TEXT NOT NULL,
    version    INTEGER NOT NULL,
    changed_at TEXT NOT NULL
);
