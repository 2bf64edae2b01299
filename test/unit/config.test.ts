import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/env.ts";

const wecom = {
  WECOM_CORP_ID: "ww1",
  WECOM_AGENT_ID: "1000002",
  WECOM_SECRET: "s",
  WECOM_TOKEN: "t",
  WECOM_ENCODING_AES_KEY: "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
};

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

  it.each([
    [{ ...wecom, WECOM_ENCODING_AES_KEY: "tooShort" }, /^WECOM_ENCODING_AES_KEY must be exactly 43 letters and digits/],
    [{ ...wecom, WECOM_AGENT_ID: "abc" }, /^WECOM_AGENT_ID must be the numeric AgentId/],
    [{ WECOM_API_BASE: "not a url" }, /^WECOM_API_BASE must be a URL/],
    [{ DATABASE_URL: "mysql://x" }, /^DATABASE_URL must be a URL starting with postgresql:/],
    [{ PORT: "70000" }, /^PORT /],
    [{ CRM_TIMEZONE: "Mars/Base" }, /^CRM_TIMEZONE must be an IANA time zone/],
    [{ LOG_LEVEL: "loud" }, /^LOG_LEVEL /],
    [{ WECOM_CORP_ID: "ww1" }, /^WECOM_AGENT_ID is missing/],
  ])("stops with one line naming the variable: %j", (env, pattern) => {
    const msg = errorOf(env);
    expect(msg).toMatch(pattern);
    expect(msg).not.toContain("\n");
  });
});
