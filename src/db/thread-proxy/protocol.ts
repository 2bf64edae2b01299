// The messages a processor thread exchanges with the thread that owns the embedded
// database (PGlite lives in one thread): Prisma's driver-adapter calls, one per message.
import type { Error as DriverError, IsolationLevel, SqlQuery, SqlResultSet, TransactionOptions } from "@prisma/driver-adapter-utils";

export type DbRequest =
  | { seq: number; op: "query" | "execute"; tx: number | null; query: SqlQuery }
  | { seq: number; op: "script"; script: string }
  | { seq: number; op: "begin"; isolation: IsolationLevel | null }
  | { seq: number; op: "commit" | "rollback"; tx: number };

export type DbValue = SqlResultSet | number | { tx: number; options: TransactionOptions } | null;

export type DbResponse =
  | { seq: number; ok: true; value: DbValue }
  /** driver: a database error as Prisma's adapters describe it (unique violation…). */
  | { seq: number; ok: false; message: string; driver: DriverError | null };
