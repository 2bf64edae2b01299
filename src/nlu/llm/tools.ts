// The tools offered to the model: one per registry action the user's role may run and free
// text may propose (never `freeText: "off"`), with parameters generated from the action's
// own zod schema. Function names must match ^[a-zA-Z0-9_-]{1,64}$, so "followup.create"
// is offered as "followup_create" and mapped back through the table built here.
import type OpenAI from "openai";
import { z } from "zod";
import { ALL_ROLES, type ActionDef } from "../../actions/action.ts";
import type { ActionRegistry } from "../../actions/registry.ts";
import type { RoleName } from "../../auth/users.ts";

export type Tool = OpenAI.Chat.ChatCompletionFunctionTool;

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

export const toolName = (action: string): string => action.replace(/\./g, "_");

/** A JSON schema object: what toJSONSchema gives, as plain data. */
type JsonObject = Record<string, unknown>;

const isObject = (x: unknown): x is JsonObject => typeof x === "object" && x !== null && !Array.isArray(x);

export interface OfferedTool {
  def: ActionDef;
  tool: Tool;
  /** The parameters' JSON schema properties (field name → schema). */
  properties: Readonly<Record<string, JsonObject>>;
}

export interface Toolset {
  /** In registry order. */
  list: readonly OfferedTool[];
  byToolName: ReadonlyMap<string, OfferedTool>;
}

function description(def: ActionDef): string {
  const labels = Object.entries(def.labels).map(([k, v]) => `${k}=${v}`);
  return [def.summary, `指令：${def.usage}`, `例：${def.example}`, labels.length ? `参数：${labels.join("；")}` : ""].filter(Boolean).join("\n");
}

/** JSON Schema every compatible server accepts: tuples ([label, value] pairs) become arrays
 * of their common item type, since not all know prefixItems (or `items: false`). */
function portable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(portable);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) if (k !== "prefixItems" && !(k === "items" && v === false)) out[k] = portable(v);
  const tuple = node["prefixItems"];
  if (Array.isArray(tuple)) {
    const kinds = new Set(tuple.map((t) => JSON.stringify(portable(t))));
    out["items"] = kinds.size === 1 ? portable(tuple[0]) : {};
  }
  return out;
}

function parametersOf(def: ActionDef): { schema: JsonObject; properties: Record<string, JsonObject> } {
  const generated = portable(z.toJSONSchema(def.params, { io: "input", unrepresentable: "any" }));
  if (!isObject(generated) || generated["type"] !== "object") {
    throw new Error(`action ${def.name}: its params are not a zod object, so it cannot be offered to the LLM (mark it freeText: "off")`);
  }
  const { $schema: _ignored, ...schema } = generated;
  const properties: Record<string, JsonObject> = {};
  for (const [key, prop] of Object.entries(isObject(schema["properties"]) ? schema["properties"] : {})) {
    const label = def.labels[key];
    properties[key] = isObject(prop) ? (label ? { ...prop, description: label } : prop) : {};
  }
  return { schema: { ...schema, properties }, properties };
}

function offer(def: ActionDef): OfferedTool {
  const name = toolName(def.name);
  if (!TOOL_NAME.test(name)) throw new Error(`action ${def.name}: "${name}" is not a valid tool name`);
  const { schema, properties } = parametersOf(def);
  return { def, tool: { type: "function", function: { name, description: description(def), parameters: schema } }, properties };
}

const offerable = (def: ActionDef, role: RoleName): boolean => def.freeText !== "off" && def.roles.includes(role);

/** The tools a user of this role may be offered. */
export function toolsetFor(registry: ActionRegistry, role: RoleName): Toolset {
  const list = registry
    .list()
    .filter((d) => offerable(d, role))
    .map(offer);
  const byToolName = new Map<string, OfferedTool>();
  for (const t of list) {
    if (byToolName.has(t.tool.function.name)) throw new Error(`two actions map to the tool name ${t.tool.function.name}`);
    byToolName.set(t.tool.function.name, t);
  }
  return { list, byToolName };
}

/** Toolsets for every role, built once at start-up (a bad action schema fails there). */
export function toolsetsByRole(registry: ActionRegistry): (role: RoleName) => Toolset {
  const built = new Map(ALL_ROLES.map((role) => [role, toolsetFor(registry, role)] as const));
  return (role) => built.get(role) ?? toolsetFor(registry, role);
}
