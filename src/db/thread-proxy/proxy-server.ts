// The owning thread's side: runs a processor thread's driver-adapter calls on the real
// adapter, and keeps the transactions it opened so they can be rolled back if the thread
// is stopped mid-transaction (a hung or crashed processor must not hold the database).
import type { MessagePort } from "node:worker_threads";
import type { Error as DriverError, SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import type { DbRequest, DbResponse, DbValue } from "./protocol.ts";

export class AdapterProxyServer {
  private readonly open = new Map<number, Transaction>();
  private nextTx = 1;
  private closed = false;

  private constructor(
    private readonly adapter: SqlDriverAdapter,
    private readonly port: MessagePort,
  ) {
    port.on("message", (m: DbRequest) => void this.serve(m));
  }

  static async attach(factory: SqlDriverAdapterFactory, port: MessagePort): Promise<AdapterProxyServer> {
    return new AdapterProxyServer(await factory.connect(), port);
  }

  /** Rolls back whatever the thread left open and stops answering it. */
  async close(): Promise<void> {
    this.closed = true;
    this.port.close();
    const open = [...this.open.values()];
    this.open.clear();
    await Promise.all(open.map((tx) => tx.rollback().catch(() => {})));
  }

  private async serve(m: DbRequest): Promise<void> {
    let answer: DbResponse;
    try {
      answer = { seq: m.seq, ok: true, value: await this.run(m) };
    } catch (e) {
      const err = e as Error & { cause?: unknown };
      // A DriverAdapterError carries the database's own error (code 23505…) as its cause.
      const driver = err.name === "DriverAdapterError" ? (err.cause as DriverError) : null;
      answer = { seq: m.seq, ok: false, message: err.message, driver };
    }
    if (this.closed) {
      // The thread is gone: a transaction it was opening must not stay open.
      if (m.op === "begin" && answer.ok && answer.value && typeof answer.value === "object" && "tx" in answer.value) await this.finish(answer.value.tx, "rollback");
      return;
    }
    this.port.postMessage(answer);
  }

  private async run(m: DbRequest): Promise<DbValue> {
    switch (m.op) {
      case "query":
        return (m.tx === null ? this.adapter : this.tx(m.tx)).queryRaw(m.query);
      case "execute":
        return (m.tx === null ? this.adapter : this.tx(m.tx)).executeRaw(m.query);
      case "script":
        await this.adapter.executeScript(m.script);
        return null;
      case "begin": {
        const tx = await this.adapter.startTransaction(m.isolation ?? undefined);
        const id = this.nextTx++;
        this.open.set(id, tx);
        return { tx: id, options: tx.options };
      }
      case "commit":
      case "rollback":
        await this.finish(m.tx, m.op);
        return null;
    }
  }

  private tx(id: number): Transaction {
    const tx = this.open.get(id);
    if (!tx) throw new Error(`transaction ${id} is no longer open`);
    return tx;
  }

  private async finish(id: number, how: "commit" | "rollback"): Promise<void> {
    const tx = this.tx(id);
    this.open.delete(id);
    await (how === "commit" ? tx.commit() : tx.rollback());
  }
}
