-- The head-office console (docs/head-office.md, "Head-office console"): the branch register,
-- targets, the Spring Festival calendar and the daily rollups the comparison pages read.

-- Every branch the console shows, with the groups it is compared within.
CREATE TABLE branches (
    branch     text PRIMARY KEY CHECK (length(branch) BETWEEN 1 AND 64),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    region     text NOT NULL CHECK (length(region) BETWEEN 1 AND 64),
    size_group text NOT NULL CHECK (length(size_group) BETWEEN 1 AND 32)
);
CREATE INDEX branches_region ON branches (region);

-- Targets per branch, month (its first day) and measure; who set each and when.
CREATE TABLE targets (
    branch  text          NOT NULL REFERENCES branches,
    month   date          NOT NULL CHECK (extract(day FROM month) = 1),
    measure text          NOT NULL CHECK (measure IN ('issued', 'served', 'wait', 'satisfaction')),
    value   numeric(12, 2) NOT NULL CHECK (value >= 0 AND value <= 10000000),
    set_by  text          NOT NULL,
    set_at  timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (branch, month, measure)
);

-- The first day of the lunar new year (Spring Festival) by Gregorian year: January and
-- February are compared with last year relative to it (docs/head-office.md).
CREATE TABLE spring_festival (
    year int  PRIMARY KEY,
    day  date NOT NULL UNIQUE CHECK (extract(year FROM day) = year)
);
INSERT INTO spring_festival (year, day) VALUES
    (2018, '2018-02-16'), (2019, '2019-02-05'), (2020, '2020-01-25'), (2021, '2021-02-12'),
    (2022, '2022-02-01'), (2023, '2023-01-22'), (2024, '2024-02-10'), (2025, '2025-01-29'),
    (2026, '2026-02-17'), (2027, '2027-02-06'), (2028, '2028-01-26'), (2029, '2029-02-13'),
    (2030, '2030-02-03'), (2031, '2031-01-23'), (2032, '2032-02-11'), (2033, '2033-01-31'),
    (2034, '2034-02-19'), (2035, '2035-02-08');

-- Rollups by business day, rebuilt whole for a day from the facts (console/Rollup): a day's rows
-- are exact for the facts ingested before its built_at; a fact ingested later marks it stale.
CREATE TABLE branch_day (
    day        date   NOT NULL,
    branch     text   NOT NULL,
    issued     int    NOT NULL,
    served     int    NOT NULL,
    wait_sum_s bigint NOT NULL,
    wait_n     int    NOT NULL,
    good       int    NOT NULL,
    rated      int    NOT NULL,
    PRIMARY KEY (day, branch)
);
CREATE TABLE teller_day (
    day    date NOT NULL,
    branch text NOT NULL,
    teller text NOT NULL,
    served int  NOT NULL,
    good   int  NOT NULL,
    rated  int  NOT NULL,
    PRIMARY KEY (day, branch, teller)
);
CREATE TABLE rollup_days (
    day      date        PRIMARY KEY,
    built_at timestamptz NOT NULL,
    tickets  bigint      NOT NULL,
    ratings  bigint      NOT NULL
);

-- Which days got facts since a rollup: the stale check reads facts by ingest time.
CREATE INDEX facts_ingested_at ON facts (ingested_at);
