// What the bot says, independent of any channel. Channels render these.
import { z } from "zod";

export const cardButtonSchema = z.object({
  key: z.string().min(1).max(1024),
  text: z.string().min(1).max(10),
  style: z.enum(["primary", "danger", "default"]).default("primary"),
});

export const cardSpecSchema = z.object({
  /** Unique per card within the app: digits, letters, _-@, at most 128 bytes. */
  taskId: z.string().regex(/^[A-Za-z0-9_\-@]{1,128}$/),
  title: z.string().min(1).max(36),
  description: z.string().max(44).optional(),
  fields: z.array(z.object({ label: z.string().max(16), value: z.string().max(64) })).max(6).default([]),
  quote: z.string().max(200).optional(),
  buttons: z.array(cardButtonSchema).max(6).default([]),
});

/** WeCom text and markdown bodies are at most 2048 bytes; keep a margin. */
export const MAX_TEXT_BYTES = 2000;

/** WeCom's limit for a file message (and more than 5 bytes). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** WeCom's limit for an image message (jpg/png). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

export const replySchema = z.discriminatedUnion("kind", [
  /** sensitive: the text (e.g. a new API token) is blanked in the outbox once sent. */
  /** track: an opaque reference (e.g. "follow_up:<id>") handed to the outbox's outcome
   * listener once the message is sent or has failed for good (see OutboxDispatcher). */
  z.object({
    kind: z.literal("text"),
    text: z.string().min(1),
    sensitive: z.boolean().optional(),
    track: z.string().min(1).max(120).optional(),
    /** A numbered list: the command each number opens while this is the last thing shown. */
    numbered: z.array(z.string().min(1).max(200)).max(20).optional(),
  }),
  z.object({ kind: z.literal("markdown"), text: z.string().min(1) }),
  z.object({ kind: z.literal("card"), card: cardSpecSchema }),
  /** A file (an export): WeCom uploads it and sends a file message, the console saves it.
   * Always sensitive: the content is blanked in the outbox once sent. */
  z.object({
    kind: z.literal("file"),
    name: z.string().regex(/^[^/\\:\u0000-\u001f]{1,128}$/),
    content: z.string().min(6).refine((c) => Buffer.byteLength(c) <= MAX_FILE_BYTES * 1.4, "file too large"),
    sensitive: z.literal(true),
    /** base64 for binary files (a PDF); text (CSV) otherwise. */
    encoding: z.literal("base64").optional(),
  }),
  /** A picture (a report chart, PNG): WeCom uploads it as an image and sends an image
   * message, the console saves it under DATA_DIR/exports and prints the path. The numbers
   * always go along as a text reply of their own. Blanked in the outbox once sent. */
  z.object({
    kind: z.literal("image"),
    name: z.string().regex(/^[^/\\:\u0000-\u001f]{1,128}\.png$/),
    content: z.string().min(8).refine((c) => Buffer.byteLength(c) <= MAX_IMAGE_BYTES * 1.4, "image too large"),
    encoding: z.literal("base64"),
    sensitive: z.literal(true),
  }),
  /** Greys out the buttons of the card the recipient clicked, labelled replaceName. A response
   * code works once and for a limited time after the click; when the card cannot be updated
   * the channel sends fallbackText instead, so the user always learns the outcome. */
  z.object({
    kind: z.literal("card_update"),
    responseCode: z.string().min(1).max(512),
    replaceName: z.string().min(1).max(10),
    clickedAt: z.iso.datetime(),
    fallbackText: z.string().min(1).refine((t) => Buffer.byteLength(t) <= MAX_TEXT_BYTES, "fallback text too long"),
  }),
]);

export type CardButton = z.infer<typeof cardButtonSchema>;
export type CardSpec = z.infer<typeof cardSpecSchema>;
export type Reply = z.infer<typeof replySchema>;

export const text = (t: string): Reply => ({ kind: "text", text: t });
export const markdown = (t: string): Reply => ({ kind: "markdown", text: t });
export const card = (c: z.input<typeof cardSpecSchema>): Reply => ({ kind: "card", card: cardSpecSchema.parse(c) });
export const file = (name: string, content: string, encoding?: "base64"): Reply => ({ kind: "file", name, content, sensitive: true, ...(encoding ? { encoding } : {}) });

export const image = (name: string, png: Buffer): Reply => ({ kind: "image", name, content: png.toString("base64"), encoding: "base64", sensitive: true });

/** A file reply's bytes (binary files, PDFs, travel as base64). */
export const fileBytes = (r: { content: string; encoding?: "base64" }): Buffer => Buffer.from(r.content, r.encoding ?? "utf8");

/** The card a command came from: a button press, with WeCom's one-use code to update it. */
export interface CardClick {
  taskId: string;
  responseCode?: string;
  /** When WeCom issued the code (the click; for a code from message/send, the send): its 72 h start. */
  clickedAt: Date;
}

/** Marks the clicked card done (its buttons become one grey label); a typed command, or a
 * click without a response code, gets fallbackText instead. */
export function cardUpdate(click: CardClick | undefined, replaceName: string, fallbackText: string): Reply {
  if (!click?.responseCode) return text(fallbackText);
  return replySchema.parse({ kind: "card_update", responseCode: click.responseCode, replaceName, clickedAt: click.clickedAt.toISOString(), fallbackText });
}

/** Splits text into pieces of at most maxBytes UTF-8 bytes, preferring line breaks. */
export function splitUtf8(input: string, maxBytes: number): string[] {
  const out: string[] = [];
  let current = "";
  let size = 0;
  const push = () => {
    if (current !== "") out.push(current);
    current = "";
    size = 0;
  };
  for (const line of input.split(/(?<=\n)/)) {
    const lineBytes = Buffer.byteLength(line);
    if (size + lineBytes <= maxBytes) {
      current += line;
      size += lineBytes;
      continue;
    }
    push();
    for (const ch of line) {
      const b = Buffer.byteLength(ch);
      if (size + b > maxBytes) push();
      current += ch;
      size += b;
    }
  }
  push();
  return out.map((s) => s.replace(/\n+$/, "")).filter((s) => s !== "");
}
