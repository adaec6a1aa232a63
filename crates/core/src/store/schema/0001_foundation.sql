-- Schema version 1: the foundation (desks, calendar, staff, patrons, catalog, audit).
-- Dates are TEXT 'YYYY-MM-DD' in Asia/Tokyo; times are RFC 3339 with +09:00.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- The desks of the profile, kept as rows so that every reference to a desk is checked.
CREATE TABLE desks (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('counter', 'duty-room', 'partner', 'home'))
) STRICT;

-- C2, H14, H15: a supervisor's change to one desk's day; NULL keeps the profile's rule.
CREATE TABLE calendar_overrides (
    desk_code    TEXT NOT NULL REFERENCES desks (code),
    date         TEXT NOT NULL,
    open         INTEGER CHECK (open IN (0, 1)),
    duty         INTEGER CHECK (duty IN (0, 1)),
    delivery_run INTEGER CHECK (delivery_run IN (0, 1)),
    reason       TEXT NOT NULL,
    PRIMARY KEY (desk_code, date)
) STRICT;

CREATE TABLE staff (
    id                   TEXT PRIMARY KEY,
    name                 TEXT NOT NULL,
    role                 TEXT NOT NULL CHECK (role IN ('counter', 'diet-duty', 'diet-office', 'supervisor', 'admin')),
    password_hash        TEXT,
    must_change_password INTEGER NOT NULL DEFAULT 1 CHECK (must_change_password IN (0, 1)),
    created_at           TEXT NOT NULL
) STRICT;

CREATE TABLE patrons (
    id                 INTEGER PRIMARY KEY,
    card               TEXT NOT NULL UNIQUE,
    name               TEXT NOT NULL,
    kana               TEXT,
    birth_date         TEXT,
    email              TEXT,
    postal_code        TEXT,
    address            TEXT,
    phone              TEXT,
    residence          TEXT,
    -- C6: only with the patron's consent is a returned loan kept linked to them.
    keep_history       INTEGER NOT NULL DEFAULT 0 CHECK (keep_history IN (0, 1)),
    password_hash      TEXT,
    -- K1: a temporary password allows nothing but changing it.
    password_temporary INTEGER NOT NULL DEFAULT 1 CHECK (password_temporary IN (0, 1)),
    registered_on      TEXT NOT NULL
) STRICT;
CREATE INDEX patrons_kana ON patrons (kana);
CREATE INDEX patrons_name ON patrons (name);

-- H14: partner libraries where the patron is registered too.
CREATE TABLE patron_partners (
    patron_id INTEGER NOT NULL REFERENCES patrons (id) ON DELETE CASCADE,
    desk_code TEXT NOT NULL REFERENCES desks (code),
    PRIMARY KEY (patron_id, desk_code)
) STRICT, WITHOUT ROWID;

CREATE TABLE titles (
    id     INTEGER PRIMARY KEY,
    title  TEXT NOT NULL,
    author TEXT,
    isbn   TEXT
) STRICT;
CREATE UNIQUE INDEX titles_isbn ON titles (isbn) WHERE isbn IS NOT NULL;
CREATE INDEX titles_title ON titles (title);

-- C5: status is one of the stored states; 禁帯/館内/館短 follow from loan_type.
CREATE TABLE items (
    id           INTEGER PRIMARY KEY,
    barcode      TEXT NOT NULL UNIQUE,
    title_id     INTEGER NOT NULL REFERENCES titles (id),
    call_number  TEXT,
    collection   TEXT NOT NULL CHECK (collection IN ('general', 'northern')),
    loan_type    TEXT NOT NULL CHECK (loan_type IN ('normal', 'short', 'reference', 'in-library', 'in-library-short')),
    ill          INTEGER NOT NULL DEFAULT 0 CHECK (ill IN (0, 1)),
    length_mm    INTEGER,
    width_mm     INTEGER,
    thickness_mm INTEGER,
    weight_g     INTEGER,
    status       TEXT NOT NULL DEFAULT 'available'
                 CHECK (status IN ('available', 'on-loan', 'partner-loan', 'allocated', 'in-transit')),
    home_desk    TEXT NOT NULL REFERENCES desks (code),
    added_on     TEXT NOT NULL
) STRICT;
CREATE INDEX items_title ON items (title_id);

-- C7: who did what, where and when. `subject` names one thing (a card, a barcode, a hold),
-- never a patron together with a title (C6).
CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    staff_id  TEXT NOT NULL,
    desk_code TEXT,
    action    TEXT NOT NULL,
    subject   TEXT
) STRICT;
