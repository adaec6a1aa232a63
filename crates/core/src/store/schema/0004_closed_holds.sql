-- Schema version 4: closed holds fade (C20).
-- Hold numbers (予約番号) are never reused. SQLite numbers a new row max(id) + 1, so removing
-- the newest closed holds (C6 at a return, C20 at night) would hand their numbers out again;
-- AUTOINCREMENT never does. The table is rebuilt with it (no table refers to holds).
CREATE TABLE holds_numbered (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO holds_numbered SELECT * FROM holds;
DROP TABLE holds;
ALTER TABLE holds_numbered RENAME TO holds;
CREATE INDEX holds_queue ON holds (title_id, status, placed_at);
CREATE INDEX holds_patron ON holds (patron_id, status);
CREATE INDEX holds_shelf ON holds (status, shelf_desk, expires_on);
CREATE INDEX holds_cart ON holds (cart_id, cart_seq) WHERE cart_id IS NOT NULL;
CREATE UNIQUE INDEX holds_item ON holds (item_id) WHERE item_id IS NOT NULL;
-- The nightly job finds closed holds past their days by this.
CREATE INDEX holds_closed ON holds (closed_on) WHERE closed_on IS NOT NULL;

-- A notice about a hold names it, so that cancelling the hold withdraws the notice (C20).
ALTER TABLE outbox ADD COLUMN hold_id INTEGER;
CREATE INDEX outbox_hold ON outbox (hold_id) WHERE hold_id IS NOT NULL;
