-- The configuration down-link (docs/head-office.md, "Down-link"): the versions head office
-- publishes to each branch, and what each branch last reported running.

-- One row per branch and version; versions only go up. sent_at: when an ingest worker last
-- published it to the cluster (null: not yet; the workers claim and publish new rows).
CREATE TABLE branch_configs (
    branch       text        NOT NULL CHECK (length(branch) BETWEEN 1 AND 64),
    version      int         NOT NULL CHECK (version > 0),
    document     jsonb       NOT NULL CHECK (octet_length(document::text) <= 65536),
    published_by text        NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now(),
    sent_at      timestamptz,
    PRIMARY KEY (branch, version)
);
CREATE INDEX branch_configs_unsent ON branch_configs (branch) WHERE sent_at IS NULL;

-- A branch's newest branch.config fact: the version it runs, the one pending (and the services
-- it waits for), the newest it refused and why. reported_at: the fact's time.
CREATE TABLE branch_config_reports (
    branch      text        PRIMARY KEY CHECK (length(branch) BETWEEN 1 AND 64),
    running     int         NOT NULL,
    pending     int         NOT NULL,
    waiting_for text        NOT NULL,
    refused     int         NOT NULL,
    reason      text        NOT NULL,
    reported_at timestamptz NOT NULL
);
