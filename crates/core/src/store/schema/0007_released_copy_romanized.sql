-- Schema version 7: C17, the copy a closed hold let go of, so the expired-holds report can name
-- the copy still on the hold shelf (barcode, call number) and say where it went next.
ALTER TABLE holds ADD COLUMN released_item_id INTEGER REFERENCES items (id);
-- MARC 880: a title imported in its own script keeps the record's romanized title (and author)
-- here, so that a search in romaji finds it too.
ALTER TABLE titles ADD COLUMN romanized TEXT;
