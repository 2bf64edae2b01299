// Shared set-up for the pool, merge and leaving-rep tests: a harness with a CRM_CONFIG file
// and no per-recipient throttling, a `say` helper, and customers made straight in the database.
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sentTexts, startHarness, type Harness } from "./harness.ts";

export const DAY = 86_400_000;

export async function startPoolHarness(yaml: string, env: Record<string, string> = {}): Promise<Harness> {
  const file = path.join(tmpdir(), `wecrm-pool-${randomBytes(4).toString("hex")}.yaml`);
  // The scheduler's other nudges (agenda, report, stalled deals) are other tests' business.
  const quiet = "reminders:\n  dailyAgenda: { enabled: false }\n  weeklyReport: { enabled: false }\nopportunities:\n  defaultStallDays: 1000\n";
  writeFileSync(file, `${yaml.trim() === "{}" ? "" : yaml}\n${quiet}`);
  return startHarness({
    env: { CRM_CONFIG: file, ...env },
    dispatcher: { perRecipientPerMinute: 10_000, perRecipientPerHour: 100_000 },
  });
}

/** Sends a command and returns the sender's last reply. */
export function sayer(h: () => Harness) {
  return async (who: string, text: string): Promise<string> => {
    await h().sendText(who, text);
    await h().drain();
    return sentTexts(h().fake, who).at(-1)!;
  };
}

export async function userId(h: Harness, wecomUserId: string): Promise<string> {
  return (await h.tdb.db.prisma.user.findUniqueOrThrow({ where: { wecomUserId } })).id;
}

/** A customer created directly (owner null: in the pool since now). */
export function makeCustomer(h: Harness, name: string, data: { ownerId?: string | null; industry?: string; level?: string; region?: string } = {}) {
  const now = h.clock.now();
  const owned = Boolean(data.ownerId);
  return h.tdb.db.prisma.customer.create({
    data: { name, nameKey: name, initials: "x", createdAt: now, updatedAt: now, ...data, pooledAt: owned ? null : now, ownedSince: owned ? now : null },
  });
}

/** Everyone writes once (so WeCom names them), then it_admin puts `members` in one team
 * and makes `manager` a manager. */
export async function setUpTeam(h: Harness, names: Record<string, string>, team: string, members: string[], manager: string): Promise<void> {
  const say = sayer(() => h);
  h.fake.users = names;
  for (const who of Object.keys(names)) await say(who, "帮助");
  await say("it_admin", `团队 新建 ${team}`);
  for (const who of members) await say("it_admin", `团队 加入 ${team} ${who}`);
  await say("it_admin", `团队 角色 ${manager} 主管`);
}
