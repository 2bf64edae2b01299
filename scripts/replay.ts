// Replays a plaintext WeCom callback sample (webhooks/*.xml) against a running receiver,
// the way WeCom would deliver it: encrypted with WECOM_ENCODING_AES_KEY for receive id
// WECOM_CORP_ID, signed with WECOM_TOKEN, POSTed as the XML envelope.
//
//   npm run replay -- webhooks/text-new-lead.xml [--url http://127.0.0.1:3000/webhooks/wecom] [--fresh]
//   npm run replay -- --all [--fresh]
//
// --fresh gives the delivery a new MsgId and CreateTime=now, so the receiver does not
// treat a second replay as a WeCom retry and drop it.
import { randomBytes } from "node:crypto";
import { statSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../src/config/env.ts";
import { signCallback, type CallbackKeys } from "../test/support/signed-callback.ts";

export const WEBHOOKS_DIR = fileURLToPath(new URL("../webhooks/", import.meta.url));

const USAGE =
  "usage: npm run replay -- <webhooks/file.xml> | --all  [--url http://127.0.0.1:3000/webhooks/wecom] [--fresh]";
const REQUEST_TIMEOUT_MS = 10_000;

export interface ReplayOptions {
  /** The receiver's full URL, e.g. http://127.0.0.1:3000/webhooks/wecom */
  url: string;
  keys: CallbackKeys;
  /** New MsgId and CreateTime=now before sending. */
  fresh?: boolean;
  now?: () => Date;
}

export interface ReplayResult {
  status: number;
  body: string;
}

/** A random 19-digit MsgId that still fits a signed 64-bit integer, as WeCom's do. */
export function randomMsgId(): string {
  const lowest = 10n ** 18n;
  const span = 8n * 10n ** 18n; // [1e18, 9e18) < 2^63 - 1
  return String(lowest + (randomBytes(8).readBigUInt64BE() % span));
}

/** Replaces MsgId (when present) and CreateTime; everything else is left byte-for-byte. */
export function freshen(xml: string, now: Date, msgId: string = randomMsgId()): string {
  const createTime = String(Math.floor(now.getTime() / 1000));
  return xml
    .replace(/<MsgId>[\s\S]*?<\/MsgId>/, `<MsgId>${msgId}</MsgId>`)
    .replace(/<CreateTime>[\s\S]*?<\/CreateTime>/, `<CreateTime>${createTime}</CreateTime>`);
}

/** Encrypts, signs and POSTs one plaintext callback; resolves with the HTTP answer. */
export async function replayXml(plaintextXml: string, opts: ReplayOptions): Promise<ReplayResult> {
  const now = (opts.now ?? (() => new Date()))();
  const xml = opts.fresh ? freshen(plaintextXml, now) : plaintextXml;
  const signed = signCallback(opts.keys, xml, now);
  const target = new URL(opts.url);
  for (const [name, value] of Object.entries(signed.query)) target.searchParams.set(name, value);
  const res = await fetch(target, {
    method: "POST",
    headers: { "content-type": "text/xml; charset=utf-8" },
    body: signed.body,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  return { status: res.status, body: await res.text() };
}

export async function replayFile(file: string, opts: ReplayOptions): Promise<ReplayResult> {
  return replayXml(await readFile(file, "utf8"), opts);
}

/** The sample files, sorted by name. */
export async function listSamples(dir: string = WEBHOOKS_DIR): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(".xml")).sort();
  return names.map((n) => path.join(dir, n));
}

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

const consoleOutput: Output = { out: (l) => console.log(l), err: (l) => console.error(l) };

function describeBody(body: string): string {
  return body === "" ? "(empty body)" : JSON.stringify(body.length > 500 ? `${body.slice(0, 500)}…` : body);
}

function errorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = e.cause instanceof Error ? `: ${e.cause.message}` : "";
  return `${e.message}${cause}`;
}

/** The CLI. Exit codes: 0 all answered 2xx, 1 a request failed or was refused, 2 usage/config. */
export async function main(argv: string[], env: NodeJS.ProcessEnv, io: Output = consoleOutput): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (e) {
    io.err(`replay: ${(e as Error).message}`);
    io.err(USAGE);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (values.all ? positionals.length > 0 : positionals.length !== 1) {
    io.err(values.all ? "replay: give either --all or one file, not both" : "replay: give one sample file, or --all");
    io.err(USAGE);
    return 2;
  }

  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.err(`replay: ${e.message}`);
    return 2;
  }
  const wecom = config.wecom;
  if (!wecom) {
    io.err(
      "replay: WeCom settings are missing: set WECOM_CORP_ID, WECOM_AGENT_ID, WECOM_SECRET, WECOM_TOKEN and WECOM_ENCODING_AES_KEY (the same values the server uses)",
    );
    return 2;
  }

  const url = values.url ?? `http://127.0.0.1:${config.port}/webhooks/wecom`;
  if (!isHttpUrl(url)) {
    io.err(`replay: --url must be an http:// or https:// URL (got "${url}")`);
    return 2;
  }

  let files: string[];
  if (values.all) {
    files = await listSamples();
  } else {
    const file = resolveSample(positionals[0] ?? "");
    if (!file) {
      io.err(`replay: no such file: ${positionals[0]}`);
      return 2;
    }
    files = [file];
  }

  const opts: ReplayOptions = {
    url,
    keys: { token: wecom.token, encodingAesKey: wecom.encodingAesKey, corpId: wecom.corpId },
    fresh: values.fresh,
  };
  let failed = 0;
  for (const file of files) {
    const name = path.relative(process.cwd(), file) || file;
    try {
      const res = await replayFile(file, opts);
      if (res.status < 200 || res.status > 299) failed++;
      io.out(`${name}: HTTP ${res.status} ${describeBody(res.body)}`);
    } catch (e) {
      failed++;
      io.out(`${name}: request to ${url} failed: ${errorText(e)}`);
    }
  }
  return failed === 0 ? 0 : 1;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      url: { type: "string" },
      fresh: { type: "boolean", default: false },
      all: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}

function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}

/** As given (relative to the working directory), else looked up in webhooks/. */
function resolveSample(arg: string): string | undefined {
  if (arg === "") return undefined;
  const candidates = [path.resolve(arg), path.join(WEBHOOKS_DIR, arg), path.join(WEBHOOKS_DIR, `${arg}.xml`)];
  return candidates.find((c) => statSync(c, { throwIfNoEntry: false })?.isFile());
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2), process.env).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      console.error(`replay: ${errorText(e)}`);
      process.exitCode = 1;
    },
  );
}
