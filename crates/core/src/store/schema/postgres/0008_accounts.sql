-- Schema version 8 (issue 10, accounts): the twin of schema/0008_accounts.sql.
ALTER TABLE staff ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE;
CREATE TABLE login_throttle (
    account    TEXT COLLATE "C" PRIMARY KEY,
    failures   INTEGER NOT NULL,
    wait_until BIGINT
);
