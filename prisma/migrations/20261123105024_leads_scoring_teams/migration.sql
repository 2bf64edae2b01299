-- DropIndex
DROP INDEX "leads_phone_idx";

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "last_lead_assigned_at" TIMESTAMPTZ(3),
ADD COLUMN     "team_id" UUID;

-- AlterTable
ALTER TABLE "leads" ADD COLUMN     "archived_at" TIMESTAMPTZ(3),
ADD COLUMN     "dedupe_key" TEXT,
ADD COLUMN     "grade" TEXT NOT NULL DEFAULT 'C',
ADD COLUMN     "last_interaction_at" TIMESTAMPTZ(3),
ADD COLUMN     "note" TEXT,
ADD COLUMN     "product_line" TEXT,
ADD COLUMN     "region" TEXT,
ADD COLUMN     "score" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "wechat_id" TEXT;

-- CreateTable
CREATE TABLE "teams" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "regions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "product_lines" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "teams_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_score_entries" (
    "id" BIGSERIAL NOT NULL,
    "lead_id" UUID NOT NULL,
    "delta" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "event_key" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lead_score_entries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "teams_name_key" ON "teams"("name");

-- CreateIndex
CREATE UNIQUE INDEX "lead_score_entries_event_key_key" ON "lead_score_entries"("event_key");

-- CreateIndex
CREATE INDEX "lead_score_entries_lead_id_at_idx" ON "lead_score_entries"("lead_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "leads_phone_key" ON "leads"("phone");

-- CreateIndex
CREATE UNIQUE INDEX "leads_dedupe_key_key" ON "leads"("dedupe_key");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_score_entries" ADD CONSTRAINT "lead_score_entries_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;
