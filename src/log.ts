import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    { level, base: { app: "wecrm" }, timestamp: pino.stdTimeFunctions.isoTime },
    destination ?? process.stdout,
  );
}
