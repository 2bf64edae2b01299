// How a benchmark process ends: whatever it created is cleaned up on success, failure,
// Ctrl-C or SIGTERM; a usage error prints the usage (exit 64), anything else its stack.
import { runCleanups } from "./cleanup.ts";
import { UsageError } from "./options.ts";

export function runMain(main: () => Promise<number>, usage: string): void {
  let finishing = false;
  const finish = async (code: number): Promise<never> => {
    if (!finishing) {
      finishing = true;
      await runCleanups();
    }
    process.exit(code);
  };
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => void finish(130));
  main().then(
    (code) => finish(code),
    (e: unknown) => {
      process.stderr.write(e instanceof UsageError ? `bench: ${e.message}\n${usage}\n` : `bench: ${(e as Error).stack ?? String(e)}\n`);
      return finish(e instanceof UsageError ? 64 : 1);
    },
  );
}
