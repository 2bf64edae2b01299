// Faults on purpose, for the tests of the processor watchdog: with WECRM_FAULT_INJECTION set
// (JSON: a text → the fault), an event whose text is exactly that text spins forever
// before its transaction ("spin"), loops on the database inside its transaction ("db-loop", the P0's shape), or
// kills its processor thread ("crash"). Never set in production; unset, nothing is wrapped.
import { z } from "zod";
import type { EventHandler } from "./event-handler.ts";

const faultsSchema = z.record(z.string().min(1), z.enum(["spin", "db-loop", "crash"]));

export function withFaults<P>(handler: EventHandler<P>, spec: string | undefined): EventHandler<P> {
  if (!spec) return handler;
  const faults = faultsSchema.parse(JSON.parse(spec));
  return {
    async prepare(event, db, eventId) {
      if (event.type === "text" && faults[event.text] === "spin") for (;;);
      return handler.prepare?.(event, db, eventId);
    },
    giveUp: handler.giveUp.bind(handler),
    async handle(event, ctx) {
      const fault = event.type === "text" ? faults[event.text] : undefined;
      if (fault === "db-loop") for (;;) await ctx.tx.$queryRawUnsafe("SELECT 1");
      // at once, inside the event's transaction: a deferred exit could let the attempt commit first
      if (fault === "crash") process.exit(70);
      return handler.handle(event, ctx);
    },
  };
}
