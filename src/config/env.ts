// The one place environment variables are read and validated.
import { z } from "zod";
import type { MpSettings } from "../channels/mp/mp-settings.ts";

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const urlText = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine((v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    }, `must be a URL starting with ${protocols.join(" or ")}//`);

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "must be an IANA time zone such as Asia/Shanghai");

const milliseconds = z.coerce
  .number()
  .int()
  .min(100, "must be a whole number of milliseconds, at least 100")
  .max(600_000, "must be at most 600000 (10 minutes)");

export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().default("0.0.0.0"),
  DATA_DIR: z.string().trim().min(1).default("./data"),
  DATABASE_URL: optionalText.pipe(urlText(["postgresql:", "postgres:"]).optional()),
  WECOM_CORP_ID: optionalText,
  WECOM_AGENT_ID: optionalText.pipe(
    z.string().regex(/^\d+$/, "must be the numeric AgentId of the WeCom app").optional(),
  ),
  WECOM_SECRET: optionalText,
  WECOM_TOKEN: optionalText,
  WECOM_ENCODING_AES_KEY: optionalText.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9]{43}$/, "must be exactly 43 letters and digits (the EncodingAESKey from the WeCom console)")
      .optional(),
  ),
  WECOM_API_BASE: urlText(["https:", "http:"]).default("https://qyapi.weixin.qq.com"),
  /** Where team group robots (群机器人) are posted: `<base>/cgi-bin/webhook/send?key=…`. */
  WECOM_ROBOT_BASE: urlText(["https:", "http:"]).default("https://qyapi.weixin.qq.com"),
  /** The Official Account (公众号): AppID, AppSecret and Token go together; without the
   * EncodingAESKey the account runs in 明文 (plain) mode. */
  MP_APP_ID: optionalText.pipe(z.string().regex(/^wx[A-Za-z0-9]+$/, "must be the AppID (wx…) of the Official Account").optional()),
  MP_APP_SECRET: optionalText,
  MP_TOKEN: optionalText.pipe(
    z.string().regex(/^[A-Za-z0-9]{3,32}$/, "must be 3 to 32 letters and digits (the Token from 服务器配置)").optional(),
  ),
  MP_ENCODING_AES_KEY: optionalText.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9]{43}$/, "must be exactly 43 letters and digits (the EncodingAESKey from 服务器配置)")
      .optional(),
  ),
  MP_API_BASE: urlText(["https:", "http:"]).default("https://api.weixin.qq.com"),
  CRM_TIMEZONE: timeZone.default("Asia/Shanghai"),
  CRM_ADMINS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /** Optional YAML/JSON file with the CRM's business rules (defaults otherwise). */
  CRM_CONFIG: optionalText,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** An OpenAI-compatible service for free text (OpenAI, DeepSeek, DashScope, vLLM, Ollama…). */
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: urlText(["https:", "http:"]).default("https://api.openai.com/v1"),
  OPENAI_MODEL: optionalText,
  OPENAI_TIMEOUT_MS: milliseconds.default(15_000),
  OPENAI_BUDGET_MS: milliseconds.default(10_000),
  /** The inbox is backlogged past this many waiting deliveries (admins told, /healthz degraded). */
  INBOX_BACKLOG_ALERT: z.coerce.number().int().min(1).max(100_000_000).default(2_000),
  /** … or when the oldest waiting delivery has waited this many seconds. */
  INBOX_BACKLOG_ALERT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** `strict: true` on the tools: auto = only for api.openai.com (others may refuse it). */
  OPENAI_STRICT_TOOLS: z.enum(["auto", "on", "off"]).default("auto"),
  /** A cap on each answer's tokens (tool calls for one message are short). */
  OPENAI_MAX_TOKENS: z.coerce.number().int().min(64).max(8192).default(800),
});

export type Env = z.infer<typeof envSchema>;

export interface WecomSettings {
  corpId: string;
  agentId: number;
  secret: string;
  token: string;
  encodingAesKey: string;
  apiBase: string;
}

/** The OpenAI-compatible service behind the free-text engine. */
export interface LlmSettings {
  apiKey: string;
  baseUrl: string;
  model: string;
  /** One request. */
  timeoutMs: number;
  /** Every attempt and wait for one message, retries included. */
  budgetMs: number;
  /** Send `strict: true` on the tools (default false: not every provider accepts it). */
  strict?: boolean;
  /** A cap on each answer's tokens (default 800). */
  maxTokens?: number;
}

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  timeZone: string;
  admins: string[];
  logLevel: Env["LOG_LEVEL"];
  crmConfigFile: string | undefined;
  /** undefined when the WeCom settings are absent: the webhook is then off. */
  wecom: WecomSettings | undefined;
  wecomApiBase: string;
  /** Team group robots' (群机器人) webhook host (keys: CRM settings reports.groupRobots). */
  wecomRobotBase: string;
  /** undefined when MP_APP_ID/MP_APP_SECRET/MP_TOKEN are absent: the Official Account is off. */
  mp: MpSettings | undefined;
  /** undefined without OPENAI_API_KEY: free text is read by the offline engine. */
  llm: LlmSettings | undefined;
  /** When the inbox counts as backlogged. */
  backlogAlert: { waiting: number; oldestSeconds: number };
}

export class ConfigError extends Error {}

const WECOM_KEYS = ["WECOM_CORP_ID", "WECOM_AGENT_ID", "WECOM_SECRET", "WECOM_TOKEN", "WECOM_ENCODING_AES_KEY"] as const;

/** Variables whose rejected value may be echoed back: none of them can hold a secret (keys,
 * tokens, secrets and URLs — which may embed a password — are named, never shown). */
const SHOWABLE = new Set([
  "PORT",
  "HOST",
  "DATA_DIR",
  "CRM_TIMEZONE",
  "LOG_LEVEL",
  "WECOM_AGENT_ID",
  "MP_APP_ID",
  "OPENAI_TIMEOUT_MS",
  "OPENAI_BUDGET_MS",
  "INBOX_BACKLOG_ALERT",
  "INBOX_BACKLOG_ALERT_SECONDS",
]);

/** Reads the environment; throws ConfigError with one line naming the variable and its rule. */
export function loadConfig(source: NodeJS.ProcessEnv): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    const value = SHOWABLE.has(name) ? source[name] : undefined;
    const shown = value === undefined ? "" : ` (got "${value.length > 60 ? value.slice(0, 57) + "..." : value}")`;
    throw new ConfigError(`${name} ${issue?.message ?? "is invalid"}${shown}`);
  }
  const env = parsed.data;
  const wecom: WecomSettings | undefined =
    allOrNone(env, WECOM_KEYS)
      ? {
          corpId: env.WECOM_CORP_ID!,
          agentId: Number(env.WECOM_AGENT_ID),
          secret: env.WECOM_SECRET!,
          token: env.WECOM_TOKEN!,
          encodingAesKey: env.WECOM_ENCODING_AES_KEY!,
          apiBase: env.WECOM_API_BASE,
        }
      : undefined;
  if (env.OPENAI_API_KEY !== undefined && env.OPENAI_MODEL === undefined) {
    throw new ConfigError("OPENAI_MODEL is missing: set it to the model name (e.g. gpt-4o-mini, deepseek-chat) when OPENAI_API_KEY is set");
  }
  const llm: LlmSettings | undefined =
    env.OPENAI_API_KEY !== undefined
      ? {
          apiKey: env.OPENAI_API_KEY,
          baseUrl: env.OPENAI_BASE_URL,
          model: env.OPENAI_MODEL!,
          timeoutMs: env.OPENAI_TIMEOUT_MS,
          budgetMs: env.OPENAI_BUDGET_MS,
          strict: env.OPENAI_STRICT_TOOLS === "on" || (env.OPENAI_STRICT_TOOLS === "auto" && new URL(env.OPENAI_BASE_URL).hostname === "api.openai.com"),
          maxTokens: env.OPENAI_MAX_TOKENS,
        }
      : undefined;
  return {
    port: env.PORT,
    host: env.HOST,
    dataDir: env.DATA_DIR,
    databaseUrl: env.DATABASE_URL,
    timeZone: env.CRM_TIMEZONE,
    admins: env.CRM_ADMINS,
    logLevel: env.LOG_LEVEL,
    crmConfigFile: env.CRM_CONFIG,
    wecom,
    wecomApiBase: env.WECOM_API_BASE,
    wecomRobotBase: env.WECOM_ROBOT_BASE,
    mp: mpSettings(env),
    backlogAlert: { waiting: env.INBOX_BACKLOG_ALERT, oldestSeconds: env.INBOX_BACKLOG_ALERT_SECONDS },
    llm,
  };
}

/** Variables that only work together: true when all are set, false when none is. */
function allOrNone(env: Env, keys: readonly (keyof Env)[]): boolean {
  const present = keys.filter((k) => env[k] !== undefined);
  if (present.length > 0 && present.length < keys.length) {
    const missing = keys.filter((k) => env[k] === undefined);
    throw new ConfigError(`${String(missing[0])} is missing: set all of ${keys.join(", ")} or none`);
  }
  return present.length === keys.length;
}

const MP_KEYS = ["MP_APP_ID", "MP_APP_SECRET", "MP_TOKEN"] as const;

function mpSettings(env: Env): MpSettings | undefined {
  if (!allOrNone(env, MP_KEYS)) {
    if (env.MP_ENCODING_AES_KEY !== undefined) throw new ConfigError(`MP_APP_ID is missing: MP_ENCODING_AES_KEY needs ${MP_KEYS.join(", ")}`);
    return undefined;
  }
  return {
    appId: env.MP_APP_ID!,
    appSecret: env.MP_APP_SECRET!,
    token: env.MP_TOKEN!,
    ...(env.MP_ENCODING_AES_KEY === undefined ? {} : { encodingAesKey: env.MP_ENCODING_AES_KEY }),
    apiBase: env.MP_API_BASE,
  };
}
