-- 查 (src/crm/search.ts) — written by hand: Prisma cannot declare expression indexes.
-- Chinese is searched by two characters (腾讯, 张伟), which pg_trgm's trigrams cannot
-- index; these GIN indexes hold every pair of adjacent characters instead (the idea of
-- pg_bigm), with no extension to install. A query of n ≥ 2 characters looks up all its
-- pairs (`search_bigrams(col) @> search_bigrams(q)`) and rechecks with LIKE.
-- Prefixes (华为… before …华为…, hw → 华为技术) use text_pattern_ops btrees (the database
-- collation is not C, so plain btrees cannot serve LIKE 'x%'). Phones are found by their
-- last digits through an index on the reversed number.
-- See docs/decisions.md, "查: one search over leads, customers and contacts".
-- PL/pgSQL: five times faster than the same in SQL (which runs a set-returning subquery
-- per call), and it runs once per row and index on every write. Repeated pairs are fine:
-- GIN stores each key of a row once, and @> ignores repeats.
CREATE FUNCTION search_bigrams(t text) RETURNS text[]
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
DECLARE
  s text := lower(t);
  pairs text[] := '{}';
BEGIN
  FOR i IN 1 .. char_length(s) - 1 LOOP
    pairs := pairs || substr(s, i, 2);
  END LOOP;
  RETURN pairs;
END
$$;

CREATE INDEX "customers_name_key_bigrams_idx" ON "customers" USING GIN (search_bigrams("name_key"));
CREATE INDEX "customers_initials_bigrams_idx" ON "customers" USING GIN (search_bigrams("initials"));
CREATE INDEX "customers_name_key_prefix_idx" ON "customers" ("name_key" text_pattern_ops);
CREATE INDEX "customers_initials_prefix_idx" ON "customers" ("initials" text_pattern_ops);

CREATE INDEX "contacts_name_bigrams_idx" ON "contacts" USING GIN (search_bigrams("name"));
CREATE INDEX "contacts_initials_bigrams_idx" ON "contacts" USING GIN (search_bigrams("initials"));
CREATE INDEX "contacts_initials_prefix_idx" ON "contacts" ("initials" text_pattern_ops);
CREATE INDEX "contacts_phone_reversed_idx" ON "contacts" (reverse("phone") text_pattern_ops);

CREATE INDEX "leads_name_bigrams_idx" ON "leads" USING GIN (search_bigrams("name"));
CREATE INDEX "leads_company_bigrams_idx" ON "leads" USING GIN (search_bigrams("company"));
CREATE INDEX "leads_phone_reversed_idx" ON "leads" (reverse("phone") text_pattern_ops);
