// The sender is read with plain SQL on the hot path: it must be exactly the user Prisma reads
// (every field, the same types), also for a user with every optional field set.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureUser } from "../../src/auth/users.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.dispose());

describe("ensureUser", () => {
  it("reads a stored user exactly as the model does", async () => {
    const p = t.db.prisma;
    const team = await p.team.create({ data: { name: "华东一组" } });
    const boss = await p.user.create({ data: { wecomUserId: "boss", name: "赵总", role: "manager", teamId: team.id } });
    await p.user.create({
      data: { wecomUserId: "rep1", name: "王芳", role: "rep", teamId: team.id, managerId: boss.id, lastLeadAssignedAt: new Date("2026-11-20T01:02:03.456Z") },
    });
    for (const id of ["boss", "rep1"]) {
      const raw = await p.$transaction((tx) => ensureUser(tx, id, []));
      expect(raw).toEqual(await p.user.findUnique({ where: { wecomUserId: id } }));
      expect(raw.createdAt).toBeInstanceOf(Date);
    }
  });

  it("creates a first-time sender, and makes a listed admin an admin", async () => {
    const p = t.db.prisma;
    const fresh = await p.$transaction((tx) => ensureUser(tx, "newbie", []));
    expect(fresh).toMatchObject({ wecomUserId: "newbie", role: "rep", active: true, name: null });
    const admin = await p.$transaction((tx) => ensureUser(tx, "rep1", ["rep1"]));
    expect(admin.role).toBe("admin");
  });
});
