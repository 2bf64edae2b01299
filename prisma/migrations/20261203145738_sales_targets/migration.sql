-- CreateTable
CREATE TABLE "sales_targets" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID,
    "team_id" UUID,
    "month" TEXT NOT NULL,
    "won_fen" BIGINT,
    "receipts_fen" BIGINT,
    "set_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sales_targets_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sales_targets_month_idx" ON "sales_targets"("month");

-- CreateIndex
CREATE UNIQUE INDEX "sales_targets_user_id_month_key" ON "sales_targets"("user_id", "month");

-- CreateIndex
CREATE UNIQUE INDEX "sales_targets_team_id_month_key" ON "sales_targets"("team_id", "month");

-- A target is a rep's or a team's, never both or neither.
ALTER TABLE "sales_targets" ADD CONSTRAINT "sales_targets_one_owner" CHECK (("user_id" IS NULL) <> ("team_id" IS NULL));
