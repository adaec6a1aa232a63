-- Schema version 4: closed holds fade (C20). Hold numbers are an identity, never reused.
-- The nightly job finds closed holds past their days by this.
CREATE INDEX holds_closed ON holds (closed_on) WHERE closed_on IS NOT NULL;

-- A notice about a hold names it, so that cancelling the hold withdraws the notice (C20).
ALTER TABLE outbox ADD COLUMN hold_id BIGINT;
CREATE INDEX outbox_hold ON outbox (hold_id) WHERE hold_id IS NOT NULL;
