-- Every branch fact once: the key is the branch's outbox identity (generation, sequence) and
-- the fact's time, which a partitioned table needs in every unique key; a resent fact carries
-- the same time, so ON CONFLICT DO NOTHING stores it once.
CREATE TABLE facts (
    branch      text        NOT NULL,
    boot        bigint      NOT NULL,
    seq         bigint      NOT NULL,
    id          text        NOT NULL,
    type        text        NOT NULL,
    at          timestamptz NOT NULL,
    body        jsonb       NOT NULL,
    ingested_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (branch, boot, seq, at)
) PARTITION BY RANGE (at);

-- Monthly partitions (facts_pYYYYMM, UTC months) are created by the ingest as facts arrive.
CREATE INDEX facts_branch_type_at ON facts (branch, type, at);

-- What the door refused, for the operators: counted and kept short.
CREATE TABLE refused_facts (
    id           bigserial   PRIMARY KEY,
    routing_key  text        NOT NULL,
    reason       text        NOT NULL,
    payload_head text        NOT NULL,
    refused_at   timestamptz NOT NULL DEFAULT now()
);
