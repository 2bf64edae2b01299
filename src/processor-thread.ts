// The processor thread's composition root (`npm start`): it builds its own bot from the
// configuration and runs the events the main thread hands it, one message each way. The
// main thread keeps acknowledging deliveries and answering /healthz whatever happens here,
// and replaces this thread when an event hangs or kills it (src/inbox/thread-executor.ts).
import { parentPort, workerData } from "node:worker_threads";
import axios from "axios";
import { buildRegistry } from "./crm/assembly.ts";
import { createBotRouter } from "./bot/create-router.ts";
import { WecomApiClient } from "./channels/wecom/api-client.ts";
import { WecomDirectory } from "./channels/wecom/directory.ts";
import { WecomExternalContactApi } from "./channels/wecom/external-contact-api.ts";
import { systemClock } from "./clock.ts";
import type { AppConfig } from "./config/env.ts";
import type { CrmSettings } from "./config/crm/crm-settings.ts";
import { openDatabase, TX_OPTIONS } from "./db/database.ts";
import { proxyAdapterFactory } from "./db/thread-proxy/proxy-client.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { Metrics } from "./http/metrics.ts";
import { EventProcessor } from "./inbox/event-processor.ts";
import { withFaults } from "./inbox/fault-injection.ts";
import type { FromProcessor, ProcessorThreadData, ToProcessor } from "./inbox/thread-executor.ts";
import { createLogger } from "./log.ts";

export interface ProcessorSpec {
  config: AppConfig;
  settings: CrmSettings;
  maxAttempts: number;
}

const HEARTBEAT_MS = 500;

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error("processor-thread.ts runs only as a worker thread");
  const { spec, dbPort } = workerData as ProcessorThreadData<ProcessorSpec>;
  const { config, settings } = spec;
  const log = createLogger(config.logLevel).child({ thread: "processor" });
  const prisma = dbPort
    ? new PrismaClient({ adapter: proxyAdapterFactory(dbPort), transactionOptions: TX_OPTIONS })
    : (await openDatabase({ kind: "postgres", url: config.databaseUrl ?? "", poolSize: 5 })).prisma;
  const api = config.wecom
    ? new WecomApiClient(axios.create({ baseURL: config.wecom.apiBase, timeout: 10_000 }), config.wecom, systemClock, log, new Metrics())
    : undefined;
  const send = (m: FromProcessor) => port.postMessage(m);
  const router = createBotRouter({
    registry: buildRegistry(),
    clock: systemClock,
    log,
    timeZone: config.timeZone,
    settings,
    admins: config.admins,
    directory: api ? new WecomDirectory(api) : undefined,
    externalContacts: api ? new WecomExternalContactApi(api) : undefined,
    llm: config.llm,
    // /metrics is served by the main thread: figures go there.
    metrics: { record: (figure) => send({ kind: "figure", figure }) },
    wakeOutbox: () => send({ kind: "outbox" }),
  });
  const handler = withFaults(router, process.env["WECRM_FAULT_INJECTION"]);
  const processor = new EventProcessor(prisma, handler, systemClock, log, spec.maxAttempts);
  port.on("message", (m: ToProcessor) => {
    processor.process(m.row).then(
      (report) => send({ kind: "done", id: m.row.id, report }),
      (e: unknown) => send({ kind: "error", id: m.row.id, message: (e as Error).message }),
    );
  });
  setInterval(() => send({ kind: "beat" }), HEARTBEAT_MS);
  send({ kind: "ready" });
}

void main();
