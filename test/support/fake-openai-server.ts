// An OpenAI-compatible chat completions endpoint on 127.0.0.1 for end-to-end tests: answers
// from a queue (tool calls, or an HTTP error), records every request body.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Tool calls (answered once `after` settles, when given: a slow model), or an HTTP error. */
export type FakeAnswer = { toolCalls: Array<{ name: string; args: Record<string, unknown> }>; after?: () => Promise<unknown> } | { status: number };

export interface RecordedChat {
  messages: Array<{ role: string; content: string | null }>;
  tools: Array<{ function: { name: string } }>;
}

function completion(calls: Array<{ name: string; args: Record<string, unknown> }>) {
  return {
    id: "chatcmpl-fake",
    object: "chat.completion",
    created: 1_795_431_000,
    model: "test-model",
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: calls.length ? null : "这不是 CRM 请求。",
          ...(calls.length ? { tool_calls: calls.map((c, i) => ({ id: `call_${i}`, type: "function", function: { name: c.name, arguments: JSON.stringify(c.args) } })) } : {}),
          refusal: null,
        },
        logprobs: null,
        finish_reason: calls.length ? "tool_calls" : "stop",
      },
    ],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

export class FakeOpenAiServer {
  readonly requests: RecordedChat[] = [];
  private readonly answers: FakeAnswer[] = [];
  private server: Server | undefined;

  answer(...a: FakeAnswer[]): void {
    this.answers.push(...a);
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/v1`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString("utf8")));
      req.on("end", () => {
        this.requests.push(JSON.parse(body) as RecordedChat);
        const next = this.answers.shift() ?? { toolCalls: [] };
        if ("status" in next) {
          res.writeHead(next.status, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "fake failure", type: "test" } }));
          return;
        }
        const answer = () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(completion(next.toolCalls)));
        if (next.after) void next.after().then(answer, answer);
        else answer();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
