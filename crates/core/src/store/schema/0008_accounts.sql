-- Schema version 8 (issue 10, accounts): a staff account can be disabled, and sign-in failures
-- are counted per account in the database, as every CLI run is a process of its own (C24).
ALTER TABLE staff ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1));
-- `account` is what was typed: 'patron:CARD' or 'staff:ID', an unknown one too, so that an
-- unknown card waits like a known one. `wait_until` is in seconds since 1970 (UTC).
CREATE TABLE login_throttle (
    account    TEXT PRIMARY KEY,
    failures   INTEGER NOT NULL,
    wait_until INTEGER
) STRICT;
