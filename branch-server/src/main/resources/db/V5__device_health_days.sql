-- Daily device health summaries for head office (uplink/DeviceHealthDays): built once per business
-- day after it ended, journaled for the uplink in the same transaction, kept to count and send
-- again for the nightly reconciliation.
CREATE TABLE device_health_days (
    day    TEXT NOT NULL,
    device TEXT NOT NULL,
    body   TEXT NOT NULL,
    PRIMARY KEY (day, device)
);
-- Days summed up (also those without a device to sum up), so each is built once.
CREATE TABLE device_health_days_built (
    day      TEXT PRIMARY KEY,
    built_at TEXT NOT NULL
);
