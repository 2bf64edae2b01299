// Round-robin assignment within the matching team, with the open-lead cap.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pickAssignee } from "../../src/crm/leads/lead-assignment.ts";
import { defaultCrmSettings } from "../../src/config/crm/crm-settings.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
const settings = defaultCrmSettings();
settings.assignment.openLeadCap = 2;
let t0 = new Date("2026-11-23T02:00:00Z").getTime();
const tick = () => new Date((t0 += 1000));

beforeAll(async () => {
  t = await createTestDatabase();
  const p = t.db.prisma;
  const east = await p.team.create({ data: { name: "华东", regions: ["上海", "江苏"], productLines: [] } });
  const south = await p.team.create({ data: { name: "华南", regions: ["广东"], productLines: ["ERP"] } });
  const general = await p.team.create({ data: { name: "综合" } });
  for (const [id, team, role] of [
    ["east1", east.id, "rep"],
    ["east2", east.id, "rep"],
    ["eastboss", east.id, "manager"],
    ["south1", south.id, "rep"],
    ["gen1", general.id, "rep"],
  ] as const) {
    await p.user.create({ data: { wecomUserId: id, teamId: team, role } });
  }
});
afterAll(() => t.dispose());

async function assign(region: string | null, productLine: string | null = null): Promise<string | null> {
  return t.db.prisma.$transaction(async (tx) => {
    const lead = await tx.lead.create({ data: { name: "x", source: "官网表单", region, productLine } });
    const rep = await pickAssignee(tx, lead, settings, tick());
    if (rep) await tx.lead.update({ where: { id: lead.id }, data: { ownerId: rep.id } });
    return rep?.wecomUserId ?? null;
  });
}

describe("lead assignment", () => {
  it("rotates among the reps of the team matching the region, never to managers", async () => {
    const [a, b, c] = [await assign("上海"), await assign("江苏"), await assign("上海")];
    expect(new Set([a, b])).toEqual(new Set(["east1", "east2"]));
    expect(c).toBe(a);
  });

  it("skips reps at the open-lead cap; a full team leaves the lead for a manager", async () => {
    // After three assignments one rep has 2 open leads (the cap here), the other 1.
    const d = await assign("上海");
    const counts = await Promise.all(
      ["east1", "east2"].map((w) => t.db.prisma.lead.count({ where: { owner: { wecomUserId: w }, status: "new" } })),
    );
    expect(counts).toEqual([2, 2]);
    expect(d).not.toBeNull();
    expect(await assign("上海")).toBeNull(); // the whole team is at the cap; no spill to 综合
  });

  it("prefers a team matching region and product line; falls back to catch-all teams", async () => {
    expect(await assign("广东", "ERP")).toBe("south1");
    expect(await assign("北京")).toBe("gen1"); // matches no team: the catch-all team takes it
    expect(await assign(null)).toBe("gen1");
  });

  it("closed leads do not count against the cap", async () => {
    await t.db.prisma.lead.updateMany({ where: { owner: { wecomUserId: "east1" } }, data: { status: "converted" } });
    expect(await assign("上海")).toBe("east1");
  });
});
