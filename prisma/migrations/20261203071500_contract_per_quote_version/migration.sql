-- One live contract per quote version (转合同 twice at once, from two devices or replicas):
-- written by hand, Prisma cannot declare a partial unique index. A void contract frees its
-- quote version to be converted again. The chat command checks first and answers with the
-- existing number; this index settles the race (the loser's event is retried and then
-- gets that answer).
CREATE UNIQUE INDEX "contracts_quote_version_live_key" ON "contracts" ("quote_id", "quote_version")
  WHERE "quote_id" IS NOT NULL AND "status" <> 'void';
