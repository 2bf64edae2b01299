// pglite-prisma-adapter@0.6 is typed against an older @prisma/driver-adapter-utils than
// Prisma 6.19's. The difference is the shape of `argTypes`, which this adapter never reads
// (it passes values straight to PGlite), so the runtime contract holds; only the type
// declarations disagree. The cast lives here, once.
import type { PGlite } from "@electric-sql/pglite";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";

export function pgliteAdapter(client: PGlite): SqlMigrationAwareDriverAdapterFactory {
  return new PrismaPGlite(client) as unknown as SqlMigrationAwareDriverAdapterFactory;
}
