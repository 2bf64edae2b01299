import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/env.ts";
import { redactUrlPassword } from "../../src/config/redact.ts";

const wecom = {
  WECOM_CORP_ID: "ww1",
  WECOM_AGENT_ID: "1000002",
  WECOM_SECRET: "s",
  WECOM_TOKEN: "t",
  WECOM_ENCODING_AES_KEY: "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
};

const mp = { MP_APP_ID: "wxb11529c136998cb6", MP_APP_SECRET: "secret", MP_TOKEN: "pamtest" };

const errorOf = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error("expected a ConfigError");
};

describe("configuration", () => {
  it("has the documented defaults and runs without WeCom", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, dataDir: "./data", timeZone: "Asia/Shanghai", admins: [], wecom: undefined });
    expect(c.wecomApiBase).toBe("https://qyapi.weixin.qq.com");
  });

  it("reads WeCom settings and admins", () => {
    const c = loadConfig({ ...wecom, CRM_ADMINS: " boss, it-admin ,", PORT: "8080" });
    expect(c.wecom).toMatchObject({ corpId: "ww1", agentId: 1000002 });
    expect(c.admins).toEqual(["boss", "it-admin"]);
    expect(c.port).toBe(8080);
  });

  it("has no LLM without OPENAI_API_KEY, whatever else is set", () => {
    expect(loadConfig({}).llm).toBeUndefined();
    expect(loadConfig({ OPENAI_API_KEY: " ", OPENAI_MODEL: "gpt-4o-mini" }).llm).toBeUndefined();
  });

  it("reads the LLM settings with their defaults", () => {
    expect(loadConfig({ OPENAI_API_KEY: "sk-test", OPENAI_MODEL: "gpt-4o-mini" }).llm).toEqual({
      apiKey: "sk-test",
      baseUrl: "https://api.openai.com/v1",
      model: "gpt-4o-mini",
      timeoutMs: 15_000,
      budgetMs: 10_000,
      strict: true,
      maxTokens: 800,
    });
    const c = loadConfig({
      OPENAI_API_KEY: "k",
      OPENAI_MODEL: "deepseek-chat",
      OPENAI_BASE_URL: "http://127.0.0.1:11434/v1",
      OPENAI_TIMEOUT_MS: "5000",
      OPENAI_BUDGET_MS: "12000",
    });
    expect(c.llm).toMatchObject({ baseUrl: "http://127.0.0.1:11434/v1", model: "deepseek-chat", timeoutMs: 5000, budgetMs: 12_000, strict: false });
    // strict: true only where it is known to be accepted, unless asked for.
    const on = loadConfig({ OPENAI_API_KEY: "k", OPENAI_MODEL: "m", OPENAI_BASE_URL: "http://127.0.0.1:8000/v1", OPENAI_STRICT_TOOLS: "on", OPENAI_MAX_TOKENS: "300" });
    expect(on.llm).toMatchObject({ strict: true, maxTokens: 300 });
    expect(loadConfig({ OPENAI_API_KEY: "k", OPENAI_MODEL: "m", OPENAI_STRICT_TOOLS: "off" }).llm).toMatchObject({ strict: false });
    expect(() => loadConfig({ OPENAI_API_KEY: "k", OPENAI_MODEL: "m", OPENAI_STRICT_TOOLS: "yes" })).toThrow(ConfigError);
  });

  it("has no Official Account without MP_* and reads it in plain or safe mode", () => {
    expect(loadConfig({}).mp).toBeUndefined();
    expect(loadConfig(mp).mp).toEqual({ appId: "wxb11529c136998cb6", appSecret: "secret", token: "pamtest", apiBase: "https://api.weixin.qq.com" });
    const safe = loadConfig({ ...mp, MP_ENCODING_AES_KEY: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", MP_API_BASE: "http://127.0.0.1:9" });
    expect(safe.mp).toMatchObject({ encodingAesKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", apiBase: "http://127.0.0.1:9" });
  });

  it.each([
    [{ ...mp, MP_ENCODING_AES_KEY: "tooShort" }, /^MP_ENCODING_AES_KEY must be exactly 43 letters and digits/],
    [{ ...mp, MP_APP_ID: "gh_10f6c3c3ac5a" }, /^MP_APP_ID must be the AppID \(wx…\)/],
    [{ ...mp, MP_TOKEN: "a b" }, /^MP_TOKEN must be 3 to 32 letters and digits/],
    [{ MP_APP_ID: "wx1234", MP_TOKEN: "tok" }, /^MP_APP_SECRET is missing: set all of MP_APP_ID, MP_APP_SECRET, MP_TOKEN or none/],
    [{ MP_ENCODING_AES_KEY: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG" }, /^MP_APP_ID is missing: MP_ENCODING_AES_KEY needs/],
    [{ MP_API_BASE: "api.weixin.qq.com" }, /^MP_API_BASE must be a URL/],
  ])("stops on a bad Official Account setting: %j", (env, pattern) => {
    const msg = errorOf(env);
    expect(msg).toMatch(pattern);
    expect(msg).not.toContain("\n");
  });

  it.each([
    [{ ...wecom, WECOM_ENCODING_AES_KEY: "tooShort" }, /^WECOM_ENCODING_AES_KEY must be exactly 43 letters and digits/],
    [{ ...wecom, WECOM_AGENT_ID: "abc" }, /^WECOM_AGENT_ID must be the numeric AgentId/],
    [{ WECOM_API_BASE: "not a url" }, /^WECOM_API_BASE must be a URL/],
    [{ DATABASE_URL: "mysql://x" }, /^DATABASE_URL must be a URL starting with postgresql:/],
    [{ PORT: "70000" }, /^PORT /],
    [{ CRM_TIMEZONE: "Mars/Base" }, /^CRM_TIMEZONE must be an IANA time zone/],
    [{ LOG_LEVEL: "loud" }, /^LOG_LEVEL /],
    [{ WECOM_CORP_ID: "ww1" }, /^WECOM_AGENT_ID is missing/],
    [{ OPENAI_API_KEY: "sk-test" }, /^OPENAI_MODEL is missing: set it to the model name/],
    [{ OPENAI_API_KEY: "sk-test", OPENAI_MODEL: "m", OPENAI_BASE_URL: "localhost:11434" }, /^OPENAI_BASE_URL must be a URL/],
    [{ OPENAI_TIMEOUT_MS: "15s" }, /^OPENAI_TIMEOUT_MS /],
    [{ OPENAI_BUDGET_MS: "10" }, /^OPENAI_BUDGET_MS must be a whole number of milliseconds, at least 100/],
  ])("stops with one line naming the variable: %j", (env, pattern) => {
    const msg = errorOf(env);
    expect(msg).toMatch(pattern);
    expect(msg).not.toContain("\n");
  });
});

describe("start-up errors never show the database password", () => {
  it("redacts it as written and percent-decoded, and leaves other text alone", () => {
    const url = "postgresql://crm:p%40ss%21word@db.internal:5432/crm";
    const msg = `connect to postgresql://crm:p%40ss%21word@db.internal failed (user crm, password p@ss!word)`;
    const out = redactUrlPassword(msg, url);
    expect(out).not.toContain("p%40ss%21word");
    expect(out).not.toContain("p@ss!word");
    expect(out).toContain("db.internal");
    expect(redactUrlPassword("no url here", undefined)).toBe("no url here");
    expect(redactUrlPassword("x:secret9@", "postgresql://u:secret9@host:99999/d")).toBe("x:***@");
  });
});
