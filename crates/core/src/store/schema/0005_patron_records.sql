-- Schema version 5: patron records (C22) and Kyoto's mail services (K9).

-- C22 利用停止: staff suspend a patron with a reason; `suspended_until` is the last day of the
-- suspension (NULL: until resumed). The suspension ends by itself after that day.
ALTER TABLE patrons ADD COLUMN suspended_reason TEXT;
ALTER TABLE patrons ADD COLUMN suspended_on TEXT;
ALTER TABLE patrons ADD COLUMN suspended_until TEXT;
-- C22: the day staff last confirmed the address; the registration runs `registration_years`
-- from it (NULL: from `registered_on`).
ALTER TABLE patrons ADD COLUMN confirmed_on TEXT;
-- K9: registered for the due-date reminder (返却期限日お知らせメール).
ALTER TABLE patrons ADD COLUMN due_reminder INTEGER NOT NULL DEFAULT 0 CHECK (due_reminder IN (0, 1));
-- C22: the warning for a name and birth date already on file looks patrons up by birth date.
CREATE INDEX patrons_birth ON patrons (birth_date);

-- C22: numbers of cards replaced after a loss; refused by name, never issued again.
CREATE TABLE replaced_cards (
    card        TEXT PRIMARY KEY,
    patron_id   INTEGER NOT NULL REFERENCES patrons (id) ON DELETE CASCADE,
    replaced_on TEXT NOT NULL
) STRICT;
CREATE INDEX replaced_cards_patron ON replaced_cards (patron_id);

-- K9 新着図書お知らせ: the themes (keywords) and authors a patron registered.
CREATE TABLE patron_interests (
    patron_id INTEGER NOT NULL REFERENCES patrons (id) ON DELETE CASCADE,
    kind      TEXT NOT NULL CHECK (kind IN ('topic', 'author')),
    term      TEXT NOT NULL,
    PRIMARY KEY (patron_id, kind, term)
) STRICT, WITHOUT ROWID;

-- K9: a title whose first copy was added or imported, announced in one day's digest; one row
-- per title, so a title is never announced twice. No patron is linked to it (C6).
CREATE TABLE new_arrivals (
    title_id     INTEGER PRIMARY KEY REFERENCES titles (id),
    arrived_on   TEXT NOT NULL,
    announced_on TEXT
) STRICT;
CREATE INDEX new_arrivals_pending ON new_arrivals (announced_on);

-- K9: the day's digest was queued (one digest per patron per day).
CREATE TABLE arrival_digests (
    day      TEXT PRIMARY KEY,
    titles   INTEGER NOT NULL,
    messages INTEGER NOT NULL
) STRICT;
