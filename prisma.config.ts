// Prisma CLI configuration.
// The JavaScript schema engine works offline (the native one must be downloaded, which
// these machines cannot do). It needs a driver adapter even to diff two datamodels; an
// in-memory PGlite serves. Migrations are authored with `npm run db:migration:new` and
// applied by our own migrator (src/db/migrator.ts); see docs/decisions.md.
import path from "node:path";
import { defineConfig } from "prisma/config";

// The CLI falls back to downloading a native engine unless a URL is present.
process.env.DATABASE_URL ??= "postgresql://unused@127.0.0.1/unused";

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const { PGlite } = await import("@electric-sql/pglite");
    const { pgliteAdapter } = await import("./src/db/pglite-adapter.ts");
    return pgliteAdapter(new PGlite());
  },
});
