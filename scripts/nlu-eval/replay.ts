// Recording a model run and playing it back: a fetch that passes requests to the real service
// and writes each answer to a file, and a fetch that answers from such a file, so CI checks
// the whole model path (routes, validation, repair, scoring) without a model. An answer is
// found by the message's user turn and its round (1, or 2 for the repair round), so a changed
// system prompt or tool description still replays; a request not in the file gets a 404.
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";

const recordSchema = z.object({ user: z.string(), round: z.number().int().min(1), status: z.number().int(), body: z.unknown() });
const headerSchema = z.object({ recorded: z.string(), model: z.string(), engine: z.string(), note: z.string().optional() });
type RecordLine = z.infer<typeof recordSchema>;
export type ReplayHeader = z.infer<typeof headerSchema>;

const sentSchema = z.object({ messages: z.array(z.object({ role: z.string(), content: z.unknown() })) });

/** The key of a chat request: its (first) user turn and how many rounds came before. */
function keyOf(body: string): { user: string; round: number } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  const r = sentSchema.safeParse(parsed);
  if (!r.success) return null;
  const user = r.data.messages.find((m) => m.role === "user")?.content;
  if (typeof user !== "string") return null;
  return { user, round: r.data.messages.filter((m) => m.role === "assistant").length + 1 };
}

const bodyText = (init: RequestInit | undefined): string => (typeof init?.body === "string" ? init.body : "");

/** Passes every request on and appends its answer to `file` (started with a header line). */
export function recordingFetch(file: string, header: ReplayHeader, real: typeof fetch = fetch): typeof fetch {
  writeFileSync(file, `${JSON.stringify(header)}\n`);
  return async (input, init) => {
    const res = await real(input, init);
    const key = keyOf(bodyText(init));
    const text = await res.text();
    if (key) {
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: kept as text
      }
      appendFileSync(file, `${JSON.stringify({ ...key, status: res.status, body } satisfies RecordLine)}\n`);
    }
    return new Response(text, { status: res.status, headers: res.headers });
  };
}

export interface Replay {
  header: ReplayHeader;
  fetch: typeof fetch;
  /** Requests that were not in the file. */
  misses(): number;
}

/** Answers from a recorded file; throws when the file is not a recording. */
export function replayFetch(file: string): Replay {
  const [first, ...rest] = readFileSync(file, "utf8").split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = headerSchema.parse(JSON.parse(first ?? "null"));
  const answers = new Map<string, RecordLine>();
  for (const line of rest) {
    const r = recordSchema.parse(JSON.parse(line));
    answers.set(`${r.round}\u0000${r.user}`, r);
  }
  let missed = 0;
  const replay: typeof fetch = async (_input, init) => {
    const key = keyOf(bodyText(init));
    const found = key ? answers.get(`${key.round}\u0000${key.user}`) : undefined;
    if (!found) {
      missed += 1;
      return new Response(JSON.stringify({ error: { message: "not in the replay file" } }), { status: 404, headers: { "content-type": "application/json" } });
    }
    const text = typeof found.body === "string" ? found.body : JSON.stringify(found.body);
    return new Response(text, { status: found.status, headers: { "content-type": "application/json" } });
  };
  return { header, fetch: replay, misses: () => missed };
}
