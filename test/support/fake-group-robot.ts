// A fake WeCom group robot webhook on 127.0.0.1: records each POST /cgi-bin/webhook/send
// (key and JSON body) and answers errcode 0, or the errcodes scripted with failNext.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RobotCall {
  key: string;
  body: Record<string, unknown>;
  errcode: number;
}

export class FakeGroupRobot {
  readonly calls: RobotCall[] = [];
  private readonly script: number[] = [];
  private server: Server | undefined;

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const url = new URL(req.url ?? "/", "http://127.0.0.1");
        const reply = (status: number, data: unknown) => {
          res.writeHead(status, { "content-type": "application/json" });
          res.end(JSON.stringify(data));
        };
        if (req.method !== "POST" || url.pathname !== "/cgi-bin/webhook/send") return reply(404, { errcode: 404, errmsg: "not found" });
        const errcode = this.script.shift() ?? 0;
        this.calls.push({ key: url.searchParams.get("key") ?? "", body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>, errcode });
        reply(200, { errcode, errmsg: errcode === 0 ? "ok" : `fake errcode ${errcode}` });
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    return this;
  }

  /** The next calls answer these errcodes, in order. */
  failNext(...errcodes: number[]): void {
    this.script.push(...errcodes);
  }

  /** Calls the robot accepted. */
  accepted(): RobotCall[] {
    return this.calls.filter((c) => c.errcode === 0);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
