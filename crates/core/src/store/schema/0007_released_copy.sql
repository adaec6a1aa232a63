-- Schema version 7: C17, the copy a closed hold let go of, so the expired-holds report can name
-- the copy still on the hold shelf (barcode, call number) and say where it went next.
ALTER TABLE holds ADD COLUMN released_item_id INTEGER REFERENCES items (id);
