// The one place environment variables are read and validated.
import { z } from "zod";

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
}

export class ConfigError extends Error {}

const WECOM_KEYS = ["WECOM_CORP_ID", "WECOM_AGENT_ID", "WECOM_SECRET", "WECOM_TOKEN", "WECOM_ENCODING_AES_KEY"] as const;

/** Reads the environment; throws ConfigError with one line naming the variable. */
export function loadConfig(source: NodeJS.ProcessEnv): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    const value = source[name];
    const shown = value === undefined ? "" : ` (got "${value.length > 60 ? value.slice(0, 57) + "..." : value}")`;
    throw new ConfigError(`${name} ${issue?.message ?? "is invalid"}${shown}`);
  }
  const env = parsed.data;
  const present = WECOM_KEYS.filter((k) => env[k] !== undefined);
  if (present.length > 0 && present.length < WECOM_KEYS.length) {
    const missing = WECOM_KEYS.filter((k) => env[k] === undefined);
    throw new ConfigError(`${missing[0]} is missing: set all of ${WECOM_KEYS.join(", ")} or none`);
  }
  const wecom: WecomSettings | undefined =
    present.length === WECOM_KEYS.length
      ? {
          corpId: env.WECOM_CORP_ID!,
          agentId: Number(env.WECOM_AGENT_ID),
          secret: env.WECOM_SECRET!,
          token: env.WECOM_TOKEN!,
          encodingAesKey: env.WECOM_ENCODING_AES_KEY!,
          apiBase: env.WECOM_API_BASE,
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
  };
}
