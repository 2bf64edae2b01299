-- AlterTable
ALTER TABLE "customers" ADD COLUMN     "note" TEXT,
ADD COLUMN     "owned_since" TIMESTAMPTZ(3),
ADD COLUMN     "pool_warned_at" TIMESTAMPTZ(3),
ADD COLUMN     "region" TEXT;

-- AlterTable
ALTER TABLE "contacts" ADD COLUMN     "email" TEXT;

-- CreateTable
CREATE TABLE "pool_events" (
    "id" BIGSERIAL NOT NULL,
    "customer_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "from_user_id" UUID,
    "to_user_id" UUID,
    "reason" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pool_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "approval_requests" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "requester_id" UUID NOT NULL,
    "opportunity_id" UUID,
    "payload" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "approval_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "approval_steps" (
    "id" BIGSERIAL NOT NULL,
    "request_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "mode" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'waiting',
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "approval_steps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "approval_tasks" (
    "id" BIGSERIAL NOT NULL,
    "step_id" BIGINT NOT NULL,
    "approver_id" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'waiting',
    "comment" TEXT,
    "card_task_id" TEXT,
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "approval_tasks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "pool_events_to_user_id_kind_at_idx" ON "pool_events"("to_user_id", "kind", "at");

-- CreateIndex
CREATE INDEX "pool_events_customer_id_at_idx" ON "pool_events"("customer_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "approval_requests_code_key" ON "approval_requests"("code");

-- CreateIndex
CREATE INDEX "approval_requests_status_created_at_idx" ON "approval_requests"("status", "created_at");

-- CreateIndex
CREATE INDEX "approval_requests_requester_id_status_idx" ON "approval_requests"("requester_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "approval_steps_request_id_position_key" ON "approval_steps"("request_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "approval_tasks_card_task_id_key" ON "approval_tasks"("card_task_id");

-- CreateIndex
CREATE INDEX "approval_tasks_approver_id_status_idx" ON "approval_tasks"("approver_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "approval_tasks_step_id_approver_id_key" ON "approval_tasks"("step_id", "approver_id");

-- CreateIndex
CREATE INDEX "customers_pooled_at_idx" ON "customers"("pooled_at");

-- AddForeignKey
ALTER TABLE "pool_events" ADD CONSTRAINT "pool_events_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_requester_id_fkey" FOREIGN KEY ("requester_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_opportunity_id_fkey" FOREIGN KEY ("opportunity_id") REFERENCES "opportunities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_steps" ADD CONSTRAINT "approval_steps_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "approval_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_tasks" ADD CONSTRAINT "approval_tasks_step_id_fkey" FOREIGN KEY ("step_id") REFERENCES "approval_steps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_tasks" ADD CONSTRAINT "approval_tasks_approver_id_fkey" FOREIGN KEY ("approver_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
