-- Schema version 3: due-date reminders (C19) are sent once per loan.
ALTER TABLE loans ADD COLUMN reminded_on TEXT;
