-- Schema version 11 (issue 13, My Page): the catalogue search's substring index. A search is
-- `search_key LIKE '%needle%'`, which no B-tree can answer: over a library-scale catalogue
-- (400,000 titles) it read every title, 0.1-0.7 s a search. FTS5's trigram tokenizer indexes
-- every three characters of the key (as they are: the key is folded already), so a needle is
-- looked up, not scanned (`catalog/search.rs`). Each key is indexed with two spaces after it,
-- so that every place a needle of one or two characters occurs begins a trigram, which
-- `title_search_terms` (the index's own list of trigrams) finds by prefix. The index keeps no
-- copy of the text (contentless); the triggers keep it in step with every write of a title,
-- the migration's own filling of older keys (`fill_missing`) included.
CREATE VIRTUAL TABLE title_search USING fts5 (
    search_key,
    content = '',
    contentless_delete = 1,
    tokenize = 'trigram case_sensitive 1'
);
CREATE VIRTUAL TABLE title_search_terms USING fts5vocab (title_search, row);
INSERT INTO title_search (rowid, search_key)
    SELECT id, search_key || '  ' FROM titles WHERE search_key IS NOT NULL;
CREATE TRIGGER title_search_insert AFTER INSERT ON titles WHEN new.search_key IS NOT NULL BEGIN
    INSERT INTO title_search (rowid, search_key) VALUES (new.id, new.search_key || '  ');
END;
CREATE TRIGGER title_search_delete AFTER DELETE ON titles BEGIN
    DELETE FROM title_search WHERE rowid = old.id;
END;
CREATE TRIGGER title_search_update AFTER UPDATE OF search_key ON titles BEGIN
    DELETE FROM title_search WHERE rowid = old.id;
    INSERT INTO title_search (rowid, search_key)
        SELECT new.id, new.search_key || '  ' WHERE new.search_key IS NOT NULL;
END;
