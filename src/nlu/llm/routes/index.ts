// The routed tool set: about twenty tools, each a door to one or a few registry actions,
// offered to a role when it may run at least one of the actions behind it. Built once at
// start-up; a route naming an unknown action fails there.
import type OpenAI from "openai";
import { z } from "zod";
import { ALL_ROLES } from "../../../actions/action.ts";
import type { ActionRegistry } from "../../../actions/registry.ts";
import type { RoleName } from "../../../auth/users.ts";
import { closeDeal, moveStage, recordFollowUp, requestApproval, updateDeal } from "./routes-deals.ts";
import { createLead, customerRecord, exportData, leadStep, lookUp, saveContact, showList } from "./routes-records.ts";
import { changeReminder, makeQuote, openTicket, recordPayment, requestInvoice, setReminder, updateTicket } from "./routes-work.ts";
import { strictParameters, type Route } from "./route.ts";

export type { Args, Route, RouteContext } from "./route.ts";

export type Tool = OpenAI.Chat.ChatCompletionFunctionTool;

export interface OfferedRoute {
  route: Route;
  tool: Tool;
}

export interface Toolset {
  list: readonly OfferedRoute[];
  byToolName: ReadonlyMap<string, OfferedRoute>;
}

export interface RouteSettings {
  /** Open stage names, in order (the configured ones). */
  stages: readonly string[];
  /** Send `strict: true` on every function (OpenAI and providers that support it). */
  strict: boolean;
}

/** The lead sources lead.create accepts (its own enum). */
function leadSources(registry: ActionRegistry): string[] {
  const def = registry.byName("lead.create");
  const schema = def ? (z.toJSONSchema(def.params, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, { enum?: unknown[] }> }) : {};
  return (schema.properties?.["source"]?.enum ?? []).filter((v): v is string => typeof v === "string");
}

export function allRoutes(registry: ActionRegistry, stages: readonly string[]): Route[] {
  return [
    recordFollowUp,
    updateDeal,
    moveStage(stages),
    closeDeal,
    requestApproval,
    createLead(leadSources(registry)),
    leadStep,
    customerRecord,
    saveContact,
    lookUp,
    showList,
    exportData,
    setReminder,
    changeReminder,
    openTicket,
    updateTicket,
    makeQuote,
    recordPayment,
    requestInvoice,
  ];
}

const toolOf = (r: Route, strict: boolean): Tool => ({
  type: "function",
  function: { name: r.name, description: r.description, parameters: strictParameters(r.properties), ...(strict ? { strict: true } : {}) },
});

/** Free text may propose it for this role (never "off" or typed-only actions). */
function offerable(registry: ActionRegistry, action: string, role: RoleName): boolean {
  const def = registry.byName(action);
  return def !== undefined && def.roles.includes(role) && def.freeText !== "off" && def.freeText !== "typed";
}

function toolsetFor(registry: ActionRegistry, routes: readonly Route[], role: RoleName, strict: boolean): Toolset {
  const list = routes.filter((r) => r.targets.some((t) => offerable(registry, t, role))).map((route) => ({ route, tool: toolOf(route, strict) }));
  return { list, byToolName: new Map(list.map((o) => [o.route.name, o])) };
}

/** Toolsets for every role, built once (an unknown target fails here). */
export function routedToolsets(registry: ActionRegistry, s: RouteSettings): (role: RoleName) => Toolset {
  const routes = allRoutes(registry, s.stages);
  for (const r of routes) {
    for (const t of r.targets) if (!registry.byName(t)) throw new Error(`route ${r.name}: no action "${t}" in the registry`);
  }
  const built = new Map(ALL_ROLES.map((role) => [role, toolsetFor(registry, routes, role, s.strict)] as const));
  return (role) => built.get(role) ?? toolsetFor(registry, routes, role, s.strict);
}
