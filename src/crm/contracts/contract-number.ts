// Contract numbers from `contracts.numberPattern` (default HT-{yyyy}-{seq4}): the year of
// signing and a per-year sequence, handed out by one atomic counter statement so two
// replicas (or two reps at once) never get the same number.
import type { Tx } from "../../db/tx.ts";

const SEQ = /\{seq([1-9])\}/;

/** The number for sequence `seq` in `year`: {yyyy}/{yy} the year, {seqN} zero-padded to N. */
export function formatContractNumber(pattern: string, year: number, seq: number): string {
  return pattern
    .replaceAll("{yyyy}", String(year))
    .replaceAll("{yy}", String(year % 100).padStart(2, "0"))
    .replace(SEQ, (_, n: string) => String(seq).padStart(Number(n), "0"));
}

/** The counter a pattern's sequence runs on: per year when the number shows the year. */
export function counterKey(pattern: string, year: number): string {
  return /\{yy(yy)?\}/.test(pattern) ? `contract:${year}` : "contract";
}

export async function nextCounter(tx: Tx, key: string): Promise<number> {
  const rows = await tx.$queryRawUnsafe<{ value: number }[]>(
    `INSERT INTO counters (key, value) VALUES ($1, 1)
     ON CONFLICT (key) DO UPDATE SET value = counters.value + 1
     RETURNING value`,
    key,
  );
  return Number(rows[0]!.value);
}

/** The next free number (skipping any an import already used). */
export async function nextContractNumber(tx: Tx, pattern: string, year: number): Promise<string> {
  for (;;) {
    const number = formatContractNumber(pattern, year, await nextCounter(tx, counterKey(pattern, year)));
    if (!(await tx.contract.findUnique({ where: { number }, select: { id: true } }))) return number;
  }
}
