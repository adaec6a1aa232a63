-- Schema version 9 (issue 13, My Page): the twin of schema/0009_patron_sessions.sql.
CREATE TABLE patron_sessions (
    token_hash TEXT COLLATE "C" PRIMARY KEY,
    patron_id  BIGINT NOT NULL REFERENCES patrons (id) ON DELETE CASCADE,
    csrf       TEXT COLLATE "C" NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen  BIGINT NOT NULL
);
CREATE INDEX patron_sessions_patron ON patron_sessions (patron_id);
