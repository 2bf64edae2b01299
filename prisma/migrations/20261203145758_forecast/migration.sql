-- AlterTable
ALTER TABLE "opportunities" ADD COLUMN     "forecast_category" TEXT;

-- CreateTable
CREATE TABLE "forecast_snapshots" (
    "id" BIGSERIAL NOT NULL,
    "month" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "weighted_fen" BIGINT NOT NULL,
    "commit_fen" BIGINT NOT NULL,
    "probable_fen" BIGINT NOT NULL,
    "upside_fen" BIGINT NOT NULL,
    "uncategorized_fen" BIGINT NOT NULL,
    "deals" INTEGER NOT NULL,
    "undated" INTEGER NOT NULL,
    "taken_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "forecast_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "forecast_snapshots_month_user_id_key" ON "forecast_snapshots"("month", "user_id");
