// Runs our real entry points (src/main.ts, the chat console) as child processes.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

export interface Proc {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  waitFor(pattern: RegExp, ms?: number): Promise<void>;
  exited(): Promise<number | null>;
}

const running = new Set<ChildProcessWithoutNullStreams>();

/** Kills every child a test started and did not stop (a failed assertion must not leak servers). */
export function killStragglers(): void {
  for (const c of running) if (c.exitCode === null) c.kill("SIGKILL");
  running.clear();
}

export function runTs(script: string, args: string[], env: Record<string, string | undefined>): Proc {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: ROOT,
    env: { PATH: process.env["PATH"], HOME: process.env["HOME"], ...env },
  });
  running.add(child);
  child.on("exit", () => running.delete(child));
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  return {
    child,
    output: () => out,
    exited: () => exit,
    async waitFor(pattern, ms = 60_000) {
      const deadline = Date.now() + ms;
      while (!pattern.test(out)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; output so far:\n${out}`);
        if (child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before ${pattern}:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

export async function until<T>(probe: () => T | undefined | Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}
