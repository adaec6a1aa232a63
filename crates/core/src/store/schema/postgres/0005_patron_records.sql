-- Schema version 5: patron records (C22) and Kyoto's mail services (K9). The twin of
-- ../0005_patron_records.sql.

ALTER TABLE patrons ADD COLUMN suspended_reason TEXT COLLATE "C";
ALTER TABLE patrons ADD COLUMN suspended_on TEXT COLLATE "C";
ALTER TABLE patrons ADD COLUMN suspended_until TEXT COLLATE "C";
ALTER TABLE patrons ADD COLUMN confirmed_on TEXT COLLATE "C";
ALTER TABLE patrons ADD COLUMN due_reminder BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX patrons_birth ON patrons (birth_date);

CREATE TABLE replaced_cards (
    card        TEXT COLLATE "C" PRIMARY KEY,
    patron_id   BIGINT NOT NULL REFERENCES patrons (id) ON DELETE CASCADE,
    replaced_on TEXT COLLATE "C" NOT NULL
);
CREATE INDEX replaced_cards_patron ON replaced_cards (patron_id);

CREATE TABLE patron_interests (
    patron_id BIGINT NOT NULL REFERENCES patrons (id) ON DELETE CASCADE,
    kind      TEXT COLLATE "C" NOT NULL CHECK (kind IN ('topic', 'author')),
    term      TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (patron_id, kind, term)
);

CREATE TABLE new_arrivals (
    title_id     BIGINT PRIMARY KEY REFERENCES titles (id),
    arrived_on   TEXT COLLATE "C" NOT NULL,
    announced_on TEXT COLLATE "C"
);
CREATE INDEX new_arrivals_pending ON new_arrivals (announced_on);

CREATE TABLE arrival_digests (
    day      TEXT COLLATE "C" PRIMARY KEY,
    titles   BIGINT NOT NULL,
    messages BIGINT NOT NULL
);
