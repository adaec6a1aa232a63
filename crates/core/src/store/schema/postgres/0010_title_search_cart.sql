-- Schema version 10 (issue 13, My Page): the twin of schema/0010_title_search_cart.sql.
ALTER TABLE titles ADD COLUMN search_key TEXT COLLATE "C";
CREATE TABLE cart_titles (
    patron_id BIGINT NOT NULL REFERENCES patrons (id) ON DELETE CASCADE,
    title_id  BIGINT NOT NULL REFERENCES titles (id),
    added_at  TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (patron_id, title_id)
);
