-- Schema version 9 (issue 13, My Page): patrons' web sessions live in the database, so several
-- `kashidashi serve` processes share them. Only a SHA-256 of the cookie's token is kept: a copy
-- of the database signs nobody in. Times are seconds since 1970 (UTC); `last_seen` drives the
-- idle logout. The CSRF token is per session and only ever sent back inside forms.
CREATE TABLE patron_sessions (
    token_hash TEXT PRIMARY KEY,
    patron_id  INTEGER NOT NULL REFERENCES patrons (id) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen  INTEGER NOT NULL
) STRICT;
CREATE INDEX patron_sessions_patron ON patron_sessions (patron_id);
