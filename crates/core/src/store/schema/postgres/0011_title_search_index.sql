-- Schema version 11 (issue 13, My Page): the twin of schema/0011_title_search_index.sql.
-- pg_trgm's GIN index answers `search_key LIKE '%needle%'` for a needle of three or more
-- characters from the trigrams of the key, then checks each row it found, so the results are
-- the LIKE's own. pg_trgm ships with PostgreSQL (Debian's postgresql package) and is a trusted
-- extension: the library's owner may create it without being a superuser. The index reads
-- Japanese only in a database whose LC_CTYPE is a UTF-8 locale (C.UTF-8, ja_JP.UTF-8); under
-- LC_CTYPE C the LIKE still answers the same, by reading every title.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX titles_search_key_trgm ON titles USING gin (search_key gin_trgm_ops);
