-- Schema version 10 (issue 13, My Page): the catalogue search folds kana, width and case
-- (`catalog/search_key.rs`); the key is filled by the program in the migration's transaction,
-- since neither engine's SQL can fold kana. A patron's reservation cart (予約カート, H9) keeps
-- the titles put in it across searches until they are reserved or taken out; it goes with the
-- patron.
ALTER TABLE titles ADD COLUMN search_key TEXT;
CREATE TABLE cart_titles (
    patron_id INTEGER NOT NULL REFERENCES patrons (id) ON DELETE CASCADE,
    title_id  INTEGER NOT NULL REFERENCES titles (id),
    added_at  TEXT NOT NULL,
    PRIMARY KEY (patron_id, title_id)
) STRICT;
