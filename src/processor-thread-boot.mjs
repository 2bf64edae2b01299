// A worker thread does not inherit tsx's module hooks: register them, then load the
// processor thread's TypeScript entry (src/processor-thread.ts).
import { register } from "tsx/esm/api";

register();
await import("./processor-thread.ts");
