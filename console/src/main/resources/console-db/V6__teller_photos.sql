-- A teller's photo as uploaded in the console: the file is teller-photos/<sha256>.<png|jpg> beside
-- console.db (stored once per content); this row says which one is the teller's now.
CREATE TABLE teller_photos (
    teller       TEXT PRIMARY KEY,
    sha256       TEXT NOT NULL,
    content_type TEXT NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg')),
    changed_at   TEXT NOT NULL
);
