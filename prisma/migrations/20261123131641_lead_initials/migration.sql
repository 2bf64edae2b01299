-- AlterTable
ALTER TABLE "leads" ADD COLUMN     "initials" TEXT NOT NULL DEFAULT '';

-- 查 finds leads by pinyin initials too (written by hand, like *_search_indexes). Leads
-- created before this migration have none until they are edited; there were none in use.
CREATE INDEX "leads_initials_prefix_idx" ON "leads" ("initials" text_pattern_ops);
CREATE INDEX "leads_initials_bigrams_idx" ON "leads" USING GIN (search_bigrams("initials"));
