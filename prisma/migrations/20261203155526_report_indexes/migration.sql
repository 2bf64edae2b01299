-- CreateIndex
CREATE INDEX "leads_created_at_idx" ON "leads"("created_at");

-- CreateIndex
CREATE INDEX "opportunities_closed_at_idx" ON "opportunities"("closed_at");

-- CreateIndex
CREATE INDEX "opportunities_created_at_idx" ON "opportunities"("created_at");

-- CreateIndex
CREATE INDEX "follow_ups_author_id_at_idx" ON "follow_ups"("author_id", "at");
