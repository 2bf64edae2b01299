// The processor thread's side: a Prisma driver adapter whose every call is answered by the
// thread that owns the embedded database (see proxy-server.ts).
import type { MessagePort } from "node:worker_threads";
import {
  DriverAdapterError,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
  type TransactionOptions,
} from "@prisma/driver-adapter-utils";
import type { DbRequest, DbResponse, DbValue } from "./protocol.ts";

type Call = (request: DistributiveOmit<DbRequest, "seq">) => Promise<DbValue>;
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

const ADAPTER_NAME = "wecrm-thread-proxy";

function caller(port: MessagePort): Call {
  let seq = 0;
  const waiting = new Map<number, { resolve: (v: DbValue) => void; reject: (e: Error) => void }>();
  port.on("message", (m: DbResponse) => {
    const w = waiting.get(m.seq);
    if (!w) return;
    waiting.delete(m.seq);
    if (m.ok) w.resolve(m.value);
    else w.reject(m.driver ? new DriverAdapterError(m.driver) : new Error(m.message));
  });
  return (request) =>
    new Promise((resolve, reject) => {
      const id = ++seq;
      waiting.set(id, { resolve, reject });
      port.postMessage({ ...request, seq: id });
    });
}

class ProxyQueryable {
  readonly provider = "postgres" as const;
  readonly adapterName = ADAPTER_NAME;
  constructor(
    protected readonly call: Call,
    private readonly tx: number | null,
  ) {}
  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return (await this.call({ op: "query", tx: this.tx, query })) as SqlResultSet;
  }
  async executeRaw(query: SqlQuery): Promise<number> {
    return (await this.call({ op: "execute", tx: this.tx, query })) as number;
  }
}

class ProxyTransaction extends ProxyQueryable implements Transaction {
  constructor(
    call: Call,
    private readonly id: number,
    readonly options: TransactionOptions,
  ) {
    super(call, id);
  }
  async commit(): Promise<void> {
    await this.call({ op: "commit", tx: this.id });
  }
  async rollback(): Promise<void> {
    await this.call({ op: "rollback", tx: this.id });
  }
}

class ProxyAdapter extends ProxyQueryable implements SqlDriverAdapter {
  constructor(call: Call) {
    super(call, null);
  }
  async executeScript(script: string): Promise<void> {
    await this.call({ op: "script", script });
  }
  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const v = (await this.call({ op: "begin", isolation: isolationLevel ?? null })) as { tx: number; options: TransactionOptions };
    return new ProxyTransaction(this.call, v.tx, v.options);
  }
  getConnectionInfo() {
    return { supportsRelationJoins: true };
  }
  async dispose(): Promise<void> {}
}

export function proxyAdapterFactory(port: MessagePort): SqlDriverAdapterFactory {
  const call = caller(port);
  return { provider: "postgres", adapterName: ADAPTER_NAME, connect: async () => new ProxyAdapter(call) };
}
