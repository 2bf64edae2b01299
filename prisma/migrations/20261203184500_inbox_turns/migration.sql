-- Fair turns (issue 17): each waiting delivery's place in the processing queue. A sender's
-- backlog is spaced out in virtual time when it is stored (src/inbox/inbox-store.ts), so one
-- sender's flood or a bulk import cannot hold back everyone else; taps on cards jump ahead.
ALTER TABLE "inbox_events" ADD COLUMN "turn_at" TIMESTAMPTZ(3);
UPDATE "inbox_events" SET "turn_at" = "received_at";
ALTER TABLE "inbox_events" ALTER COLUMN "turn_at" SET NOT NULL;
ALTER TABLE "inbox_events" ALTER COLUMN "turn_at" SET DEFAULT CURRENT_TIMESTAMP;
-- The claim reads waiting deliveries in turn order.
CREATE INDEX "inbox_events_waiting_turn_idx" ON "inbox_events" ("turn_at", "id") WHERE "status" = 'pending';
-- A sender's last turn (when storing) and whether one of theirs is being processed (when claiming).
CREATE INDEX "inbox_events_sender_open_idx" ON "inbox_events" ("channel", "sender_id", "turn_at") WHERE "status" IN ('pending', 'processing');
