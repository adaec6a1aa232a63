-- Schema version 11 (issue 13, My Page): the catalogue search's substring index. A search is
-- `search_key LIKE '%needle%'`, which no B-tree can answer: over a library-scale catalogue
-- (400,000 titles) it read every title, 78 ms a search. FTS5's trigram tokenizer indexes every
-- three characters of the key, so a needle of three or more is looked up, not scanned
-- (`catalog/search.rs`). The index holds no text of its own (content is `titles`), and the
-- triggers keep it in step with every write of a title, the migration's own filling of older
-- keys (`fill_missing`) included.
CREATE VIRTUAL TABLE title_search USING fts5 (
    search_key,
    content = 'titles',
    content_rowid = 'id',
    tokenize = 'trigram'
);
INSERT INTO title_search (title_search) VALUES ('rebuild');
CREATE TRIGGER title_search_insert AFTER INSERT ON titles BEGIN
    INSERT INTO title_search (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER title_search_delete AFTER DELETE ON titles BEGIN
    INSERT INTO title_search (title_search, rowid, search_key)
        VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER title_search_update AFTER UPDATE OF search_key ON titles BEGIN
    INSERT INTO title_search (title_search, rowid, search_key)
        VALUES ('delete', old.id, old.search_key);
    INSERT INTO title_search (rowid, search_key) VALUES (new.id, new.search_key);
END;
