// Reads the optional CRM_CONFIG file (YAML or JSON) over the defaults. A mistake stops
// start-up with one line that names the file, the setting and what is wrong.
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { crmSettingsSchema, type CrmSettings } from "./crm-settings.ts";

export class SettingsError extends Error {}

export function loadCrmSettings(file: string | undefined): CrmSettings {
  if (!file) return crmSettingsSchema.parse({});
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, "utf8")) ?? {};
  } catch (e) {
    throw new SettingsError(`${file}: cannot read: ${(e as Error).message.split("\n")[0]}`);
  }
  const parsed = crmSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
    throw new SettingsError(`${file}: ${where || "(top level)"}: ${issue.message}`);
  }
  return parsed.data;
}
