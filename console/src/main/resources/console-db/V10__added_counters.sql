-- Counters added in the console (not in the branch file), each with its counter caller and rating
-- pad. Their names and the disabled flag are a floor_changes row like any other counter's.
-- services: the services it serves with their weights, "A=1,B=2".
-- *_secret_hash: the device's broker secret as Mosquitto's password file keeps it ($7$, PBKDF2-SHA512):
-- the secret itself was shown once in the console and is kept nowhere.
CREATE TABLE added_counters (
    id                 TEXT    PRIMARY KEY,
    number             TEXT    NOT NULL,
    services           TEXT    NOT NULL,
    caller             TEXT    NOT NULL UNIQUE,
    caller_secret_hash TEXT    NOT NULL,
    pad                TEXT    NOT NULL UNIQUE,
    pad_secret_hash    TEXT    NOT NULL,
    added_at           TEXT    NOT NULL
);
