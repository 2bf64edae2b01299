-- AlterTable
ALTER TABLE "opportunities" ADD COLUMN     "contract_approved_at" TIMESTAMPTZ(3),
ADD COLUMN     "contract_status" TEXT,
ADD COLUMN     "discount" DECIMAL(5,4),
ADD COLUMN     "product_line" TEXT;
