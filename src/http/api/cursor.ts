// Page cursors of the list endpoints: the kind and the last code seen, opaque to clients
// (base64url JSON). Anything else passed back (another shape, an extra key, another kind,
// a code no table can hold) is a 400, never a 500.
import { z } from "zod";
import { recordCode } from "./api-context.ts";

export const encodeCursor = (kind: string, code: number): string => Buffer.from(JSON.stringify({ k: kind, after: code })).toString("base64url");

export const cursorOf = (kind: string) =>
  z.string().max(200).transform((raw, ctx) => {
    try {
      const c = z.object({ k: z.literal(kind), after: recordCode }).strict().parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
      return c.after;
    } catch {
      ctx.addIssue({ code: "custom", message: "not a cursor from this endpoint's nextCursor" });
      return z.NEVER;
    }
  });
