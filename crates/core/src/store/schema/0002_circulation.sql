-- Schema version 2: circulation (loans, holds, transit, the notice outbox).

-- H16: where an item in transit (回送) is going.
ALTER TABLE items ADD COLUMN transit_to TEXT REFERENCES desks (code);

CREATE TABLE loans (
    id               INTEGER PRIMARY KEY,
    item_id          INTEGER NOT NULL REFERENCES items (id),
    -- C6: removed at return unless the patron keeps a reading history.
    patron_id        INTEGER REFERENCES patrons (id),
    -- Where the patron receives and returns the item (H6, H11): it sets the period and the
    -- return desk. For partner and home loans it is the partner or home desk.
    desk_code        TEXT NOT NULL REFERENCES desks (code),
    loaned_on        TEXT NOT NULL,
    due_on           TEXT NOT NULL,
    renewals         INTEGER NOT NULL DEFAULT 0,
    renewed_on       TEXT,
    returned_on      TEXT,
    returned_at_desk TEXT REFERENCES desks (code),
    CHECK (returned_on IS NOT NULL OR patron_id IS NOT NULL)
) STRICT;
-- No two open loans for one copy.
CREATE UNIQUE INDEX loans_open_item ON loans (item_id) WHERE returned_on IS NULL;
CREATE INDEX loans_patron ON loans (patron_id) WHERE patron_id IS NOT NULL;
CREATE INDEX loans_open_due ON loans (due_on) WHERE returned_on IS NULL;

CREATE TABLE holds (
    id             INTEGER PRIMARY KEY,
    patron_id      INTEGER NOT NULL REFERENCES patrons (id),
    title_id       INTEGER NOT NULL REFERENCES titles (id),
    pickup_desk    TEXT NOT NULL REFERENCES desks (code),
    notify         TEXT NOT NULL CHECK (notify IN ('email', 'none')),
    status         TEXT NOT NULL CHECK (status IN ('waiting', 'allocated', 'in-transit', 'ready',
                                                   'awaiting-return', 'fulfilled', 'cancelled', 'expired')),
    -- C13: first come, first served by placed_at, then id.
    placed_at      TEXT NOT NULL,
    placed_by      TEXT NOT NULL CHECK (placed_by IN ('patron', 'staff')),
    -- H9: a reservation cart; cart_seq orders 読みたい順 (NULL: no order).
    cart_id        INTEGER,
    cart_seq       INTEGER,
    -- The copy set aside for this hold, and the desk whose shelf it waits on (or goes to).
    item_id        INTEGER REFERENCES items (id),
    shelf_desk     TEXT REFERENCES desks (code),
    notified_on    TEXT,
    available_from TEXT,
    expires_on     TEXT,
    delivery_run   TEXT,
    closed_on      TEXT,
    CHECK ((item_id IS NULL) = (status IN ('waiting', 'fulfilled', 'cancelled', 'expired')))
) STRICT;
-- The queue of a title (C13); a plain index, since SQLite uses a partial one only for queries
-- that repeat its WHERE clause word for word.
CREATE INDEX holds_queue ON holds (title_id, status, placed_at);
CREATE INDEX holds_patron ON holds (patron_id, status);
CREATE INDEX holds_shelf ON holds (status, shelf_desk, expires_on);
CREATE INDEX holds_cart ON holds (cart_id, cart_seq) WHERE cart_id IS NOT NULL;
-- One active hold per copy.
CREATE UNIQUE INDEX holds_item ON holds (item_id) WHERE item_id IS NOT NULL;

-- C19: notices wait here and are retried; a sent notice is deleted (C6).
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    created_at      TEXT NOT NULL,
    kind            TEXT NOT NULL,
    to_addr         TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    next_attempt_at TEXT NOT NULL
) STRICT;
