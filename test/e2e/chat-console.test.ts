// `npm run chat`: the console talks to the bot through the same router, actions and outbox.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { killStragglers, runTs } from "../support/process.ts";
import { createTestDatabase, onPostgres } from "../support/test-db.ts";

const dir = mkdtempSync(path.join(tmpdir(), "wecrm-chat-"));
afterAll(killStragglers);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("creates a lead, shows the card with numbered buttons, and a number presses one", async () => {
  const tdb = onPostgres() ? await createTestDatabase() : undefined;
  const env = tdb ? { DATABASE_URL: tdb.url! } : { DATA_DIR: dir };
  const proc = runTs("src/channels/console/chat-cli.ts", ["--user", "console_rep", "--role", "manager"], env);
  proc.child.stdin.write("帮助\n新建线索 控制台 13300133000 某公司 展会\n1\n新建线索 错误 123\nexit\n");
  expect(await proc.exited()).toBe(0);
  const out = proc.output();
  expect(out).toContain("wecrm 控制台 · 用户 console_rep (manager)");
  expect(out).toContain("新建线索 <姓名> <手机> [公司] [来源]");
  expect(out).toMatch(/┌ 已创建线索 #\d+/);
  expect(out).toContain("[1] 我的线索");
  expect(out).toMatch(/#\d+ 控制台 13300133000 · 某公司 · 展会 · 新线索/);
  expect(out).toContain("手机号「123」格式不对");
  const db = tdb?.db ?? (await (await import("../../src/db/database.ts")).openDatabase({ kind: "pglite", dataDir: dir }));
  const user = await db.prisma.user.findUnique({ where: { wecomUserId: "console_rep" } });
  expect(user?.role).toBe("manager");
  if (tdb) await tdb.dispose();
  else await db.close();
});

it("explains its usage when --user is missing", async () => {
  const proc = runTs("src/channels/console/chat-cli.ts", [], { DATA_DIR: dir });
  expect(await proc.exited()).toBe(2);
  expect(proc.output()).toContain("usage: npm run chat -- --user");
});

it("free text: an unknown customer is offered for creation, then one card confirms both steps (numbers press the buttons)", async () => {
  const tdb = onPostgres() ? await createTestDatabase() : undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), "wecrm-chat-free-"));
  const env = tdb ? { DATABASE_URL: tdb.url! } : { DATA_DIR: dataDir };
  const proc = runTs("src/channels/console/chat-cli.ts", ["--user", "console_rep2"], env);
  proc.child.stdin.write("今天给星河科技打了电话，聊了报价\n1\n1\nexit\n");
  expect(await proc.exited()).toBe(0);
  const out = proc.output();
  expect(out).toContain("┌ 没找到「星河科技」");
  expect(out).toContain("[1] 新建  [2] 取消");
  expect(out).toContain("┌ 我理解为（2 项）：");
  // Every field whole: the plan as text, one line per field, then the buttons.
  expect(out).toContain("2. 跟进：星河科技（新建）");
  expect(out).toContain("跟进内容：今天给星河科技打了电话，聊了报价");
  expect(out).toContain("已记录对 星河科技 的跟进。");
  if (tdb) await tdb.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

it("a number answers the most recent thing shown: after a search list, 1 opens its first entry, not an older card's button", async () => {
  const tdb = onPostgres() ? await createTestDatabase() : undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), "wecrm-chat-num-"));
  const env = tdb ? { DATABASE_URL: tdb.url! } : { DATA_DIR: dataDir };
  const proc = runTs("src/channels/console/chat-cli.ts", ["--user", "console_rep3"], env);
  // The second lead's card has [1] 我的线索; the search list comes after it.
  proc.child.stdin.write("新建线索 甲一 13300133001 数字公司 展会\n新建线索 甲二 13300133002 数字公司 展会\n查 数字公司\n1\nexit\n");
  expect(await proc.exited()).toBe(0);
  const out = proc.output();
  const afterList = out.slice(out.lastIndexOf("数字公司」相关的记录"));
  expect(afterList).not.toBe(out);
  // 1 opens the list's first lead; the older card's [1] (我的线索, a listing) is not pressed.
  expect(afterList).toMatch(/线索 #\d+ 甲[一二]（数字公司）/);
  expect(afterList).not.toMatch(/#\d+ 甲[一二] 1330013300\d · 数字公司 · 展会/);
  expect(afterList).not.toMatch(/你的线索/);
  if (tdb) await tdb.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});
