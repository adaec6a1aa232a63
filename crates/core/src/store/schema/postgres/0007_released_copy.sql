-- Schema version 7 (the twin of schema/0007_released_copy.sql): C17, the copy a closed hold let
-- go of, so the expired-holds report can name the copy still on the hold shelf and say where it
-- went next.
ALTER TABLE holds ADD COLUMN released_item_id BIGINT REFERENCES items (id);
