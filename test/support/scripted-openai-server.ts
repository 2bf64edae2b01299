// An OpenAI-compatible service on 127.0.0.1 that answers each message from a script: per
// message text (the last line of the user turn), the answers in order — tool calls, raw
// argument strings (to exercise the repair round), or an HTTP status (to exercise retries).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";

const scriptSchema = z.record(
  z.string(),
  z.union([
    z.string(),
    z.array(
      z.union([
        z.object({ calls: z.array(z.tuple([z.string(), z.record(z.string(), z.unknown())])) }),
        z.object({ raw: z.array(z.tuple([z.string(), z.string()])) }),
        z.object({ status: z.number().int() }),
      ]),
    ),
  ]),
);
type Step = Exclude<z.infer<typeof scriptSchema>[string], string>[number];

const completion = (calls: Array<[string, string]>) => ({
  id: "chatcmpl-scripted",
  object: "chat.completion",
  created: 1_795_431_000,
  model: "scripted",
  choices: [
    {
      index: 0,
      finish_reason: calls.length ? "tool_calls" : "stop",
      message: {
        role: "assistant",
        content: calls.length ? null : "这不是 CRM 请求。",
        ...(calls.length ? { tool_calls: calls.map(([name, args], i) => ({ id: `call_${i}`, type: "function", function: { name, arguments: args } })) } : {}),
      },
    },
  ],
  usage: { prompt_tokens: 3000, completion_tokens: 40 * Math.max(1, calls.length), total_tokens: 0 },
});

export class ScriptedOpenAiServer {
  private readonly queues = new Map<string, Step[]>();
  private server: Server | undefined;

  constructor(script: unknown) {
    for (const [text, steps] of Object.entries(scriptSchema.parse(script))) if (typeof steps !== "string") this.queues.set(text, [...steps]);
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/v1`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString("utf8")));
      req.on("end", () => {
        const sent = JSON.parse(body) as { messages: Array<{ role: string; content: string | null }> };
        const user = sent.messages.find((m) => m.role === "user")?.content ?? "";
        const step = this.queues.get(user.split("\n").at(-1) ?? "")?.shift();
        const reply = (status: number, payload: unknown) => {
          res.writeHead(status, { "content-type": "application/json" });
          res.end(JSON.stringify(payload));
        };
        if (!step) return reply(404, { error: { message: "no scripted answer" } });
        if ("status" in step) return reply(step.status, { error: { message: "scripted failure" } });
        if ("raw" in step) return reply(200, completion(step.raw));
        reply(200, completion(step.calls.map(([name, args]) => [name, JSON.stringify(args)])));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
