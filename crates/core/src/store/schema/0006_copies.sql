-- Schema version 6: copies beyond the desk (C21) and stock-taking (蔵書点検).

-- C21: why a copy is out of circulation (NULL while it circulates). A marked copy has no open
-- loan, no hold and no transit: it is stored 'available', and its state keeps it off the shelf.
ALTER TABLE items ADD COLUMN copy_state TEXT
    CHECK (copy_state IN ('lost', 'damaged', 'repair', 'withdrawn', 'claims-returned', 'missing'));
ALTER TABLE items ADD COLUMN state_since TEXT;
ALTER TABLE items ADD COLUMN state_note TEXT;

-- C21: a loan closed without a return. 'lost'; or 'claimed' while staff search for a copy the
-- patron says was returned, the patron staying linked until the claim is settled.
ALTER TABLE loans ADD COLUMN closed_as TEXT CHECK (closed_as IN ('lost', 'claimed'));

-- C21 蔵書点検: staff scan the shelves of one collection; what should be there and was not
-- scanned is marked missing when the stock-taking finishes.
CREATE TABLE stocktakes (
    id          INTEGER PRIMARY KEY,
    collection  TEXT NOT NULL CHECK (collection IN ('general', 'northern')),
    started_on  TEXT NOT NULL,
    started_by  TEXT NOT NULL,
    finished_on TEXT
) STRICT;
-- One stock-taking of a collection at a time: every desk scans into the same one.
CREATE UNIQUE INDEX stocktakes_open ON stocktakes (collection) WHERE finished_on IS NULL;

CREATE TABLE stocktake_scans (
    stocktake_id INTEGER NOT NULL REFERENCES stocktakes (id),
    item_id      INTEGER NOT NULL REFERENCES items (id),
    scanned_at   TEXT NOT NULL,
    PRIMARY KEY (stocktake_id, item_id)
) STRICT, WITHOUT ROWID;
