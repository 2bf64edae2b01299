// WeCom external contacts through the signed webhook, with the customer's profile on the fake
// WeCom: a customer adding a rep becomes a customer + contact + identity, the rep is told and
// the customer welcomed; edits refresh; a customer deleting a rep reaches the manager; a
// profile WeCom cannot give us is read again later, so nothing is lost.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { EXTERNAL_CHANNEL } from "../../src/crm/external-contacts/external-contacts.ts";
import { customerAdds, fakeProfile, postExternalEvent } from "../support/external-contact-events.ts";
import { sentTexts, type Harness } from "../support/harness.ts";
import { sayer, setUpTeam, startPoolHarness, userId } from "../support/pool-fixtures.ts";

let h: Harness;
const say = sayer(() => h);
const prisma = () => h.tdb.db.prisma;
const WELCOME = "您好，我是您的专属顾问，有需要随时找我。";
const lastTo = (who: string) => sentTexts(h.fake, who).at(-1);
const identity = (externalId: string) =>
  prisma().channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: EXTERNAL_CHANNEL, externalId } }, include: { contact: { include: { customer: true } } } });

beforeAll(async () => {
  h = await startPoolHarness(`externalContacts:\n  welcomeText: ${WELCOME}\n`, { CRM_ADMINS: "it_admin" });
  await setUpTeam(h, { rep_a: "王芳", rep_b: "李强", boss: "陈经理", it_admin: "赵管理" }, "综合", ["rep_a", "rep_b"], "boss");
  await say("it_admin", "团队 主管 rep_a boss");
});
afterAll(() => h.dispose());

describe("a customer adds a rep", () => {
  it("becomes a customer and contact owned by the rep, with the identity and campaign; the rep is told; the customer welcomed", async () => {
    await customerAdds(
      h,
      "rep_a",
      "wm_lisi",
      { name: "李四", corp: "腾讯", corpFull: "腾讯科技有限公司", position: "采购经理", mobile: "138-0013-8000", state: "expo2025" },
      { welcomeCode: "WELCOME-1" },
    );
    expect(h.fake.callsTo("/cgi-bin/externalcontact/get").at(-1)?.query["external_userid"]).toBe("wm_lisi");
    const id = await identity("wm_lisi");
    expect(id).toMatchObject({ followUserId: "rep_a", campaign: "expo2025", displayName: "李四", subscribed: true });
    expect(id.contact).toMatchObject({ name: "李四", title: "采购经理", phone: "13800138000" });
    const customer = id.contact!.customer;
    expect(customer).toMatchObject({ name: "腾讯科技有限公司", ownerId: await userId(h, "rep_a") });
    expect(lastTo("rep_a")).toBe(
      `企业微信客户 李四 添加了你（渠道「expo2025」）。已为你建立客户 #${customer.code} 腾讯科技有限公司，李四 记为联系人。发送「客户 #${customer.code}」查看，记得尽快跟进。`,
    );
    // The welcome goes after the commit, without holding the event up.
    await vi.waitFor(() => expect(h.fake.accepted("/cgi-bin/externalcontact/send_welcome_msg")).toEqual([{ welcome_code: "WELCOME-1", text: { content: WELCOME } }]), {
      timeout: 10_000,
      interval: 20,
    });
    expect(await say("rep_a", "我的客户")).toContain("腾讯科技有限公司");
  });

  it("a repeated add (add_half, then add) records nothing twice and tells nothing twice", async () => {
    const told = sentTexts(h.fake, "rep_a").length;
    await postExternalEvent(h, { changeType: "add_half_external_contact", userId: "rep_a", externalUserId: "wm_lisi" });
    await postExternalEvent(h, { changeType: "add_external_contact", userId: "rep_a", externalUserId: "wm_lisi" });
    expect(sentTexts(h.fake, "rep_a")).toHaveLength(told);
    expect(await prisma().contact.count({ where: { name: "李四" } })).toBe(1);
    expect((await identity("wm_lisi")).campaign).toBe("expo2025");
  });

  it("someone else's customer is not taken: the contact joins it and both reps are told", async () => {
    await customerAdds(h, "rep_b", "wm_maliu", { name: "马六", corp: "腾讯", corpFull: "腾讯科技有限公司", position: "IT 主管" });
    const id = await identity("wm_maliu");
    const customer = id.contact!.customer;
    expect(customer).toMatchObject({ name: "腾讯科技有限公司", ownerId: await userId(h, "rep_a") });
    expect(id.followUserId).toBe("rep_b");
    expect(lastTo("rep_b")).toBe(
      `企业微信客户 马六 添加了你。Ta 属于 王芳 负责的客户 #${customer.code} 腾讯科技有限公司，已记为该客户的联系人；客户仍由 王芳 负责，如需接手请联系 王芳 或你的主管。`,
    );
    expect(lastTo("rep_a")).toBe(`你的客户 #${customer.code} 腾讯科技有限公司 的联系人 马六 在企业微信添加了 李强，已记在该客户下，客户仍由你负责。`);
  });

  it("a person without a company gets a personal customer; a namesake gets a numbered one", async () => {
    await customerAdds(h, "rep_b", "wm_zhao1", { name: "赵七" });
    await customerAdds(h, "rep_b", "wm_zhao2", { name: "赵七", mobile: "13900001111" });
    const [one, two] = [(await identity("wm_zhao1")).contact!, (await identity("wm_zhao2")).contact!];
    expect([one.customer.name, one.customer.tags]).toEqual(["赵七", ["个人客户"]]);
    expect([two.customer.name, two.phone]).toEqual(["赵七（2）", "13900001111"]);
  });

  it("a known mobile finds the contact the rep already recorded", async () => {
    await say("rep_b", "新建客户 华为技术有限公司");
    await say("rep_b", "联系人 华为技术有限公司 张总 13700001234 职务:CTO");
    await customerAdds(h, "rep_b", "wm_zhang", { name: "张伟", mobile: "+86 137 0000 1234" });
    const id = await identity("wm_zhang");
    expect([id.contact!.name, id.contact!.customer.name]).toEqual(["张总", "华为技术有限公司"]);
    expect(await prisma().contact.count({ where: { phone: "13700001234" } })).toBe(1);
  });
});

describe("edit_external_contact", () => {
  it("refreshes name and title; a personal customer takes the company name", async () => {
    h.fake.externalContacts["wm_lisi"] = fakeProfile("wm_lisi", "rep_a", { name: "李思", corp: "腾讯", corpFull: "腾讯科技有限公司", position: "采购总监" });
    await postExternalEvent(h, { changeType: "edit_external_contact", userId: "rep_a", externalUserId: "wm_lisi" });
    const id = await identity("wm_lisi");
    expect([id.displayName, id.contact!.name, id.contact!.title]).toEqual(["李思", "李思", "采购总监"]);
    const audit = await prisma().auditEntry.findFirstOrThrow({ where: { entity: "contact", entityId: id.contactId!, action: "update" }, orderBy: { id: "desc" } });
    expect(audit.detail).toMatchObject({ before: { name: "李四", title: "采购经理" }, after: { name: "李思", title: "采购总监" } });

    h.fake.externalContacts["wm_zhao1"] = fakeProfile("wm_zhao1", "rep_b", { name: "赵七", corpFull: "赵氏贸易有限公司" });
    await postExternalEvent(h, { changeType: "edit_external_contact", userId: "rep_b", externalUserId: "wm_zhao1" });
    const customer = (await identity("wm_zhao1")).contact!.customer;
    expect([customer.name, customer.tags]).toEqual(["赵氏贸易有限公司", []]);
  });
});

describe("the friendship ends", () => {
  it("del_follow_user (the customer deleted the rep): the manager is told, the identity closed and audited", async () => {
    await postExternalEvent(h, { changeType: "del_follow_user", userId: "rep_a", externalUserId: "wm_lisi" });
    const id = await identity("wm_lisi");
    expect([id.subscribed, id.unsubscribedAt?.toISOString()]).toEqual([false, h.clock.now().toISOString()]);
    expect(lastTo("boss")).toBe(`客户 #${id.contact!.customer.code} 腾讯科技有限公司 的联系人 李思 删除了 王芳 的企业微信好友，可能需要关注。`);
    expect(await prisma().auditEntry.count({ where: { action: "customer_deleted_rep", entity: "contact", entityId: id.contactId! } })).toBe(1);
  });

  it("del_external_contact (the rep deleted the customer): recorded, nobody bothered", async () => {
    const before = h.fake.sentMessages().length;
    await postExternalEvent(h, { changeType: "del_external_contact", userId: "rep_b", externalUserId: "wm_maliu" });
    expect((await identity("wm_maliu")).subscribed).toBe(false);
    expect(await prisma().auditEntry.count({ where: { action: "rep_deleted_customer", actorId: await userId(h, "rep_b") } })).toBe(1);
    expect(h.fake.sentMessages()).toHaveLength(before);
  });

  it("transfer_fail: the takeover and the admins are told why", async () => {
    await postExternalEvent(h, { changeType: "transfer_fail", userId: "boss", externalUserId: "wm_zhang", failReason: "customer_refused" });
    const line = "企业微信客户 张总 未能转给 陈经理：客户拒绝了接替。请在企业微信管理后台「客户联系 → 离职继承」中处理。";
    expect([lastTo("boss"), lastTo("it_admin")]).toEqual([line, line]);
  });
});

describe("externalcontact/get failing", () => {
  it("stores what the event says and reads the profile again later, through an outage", async () => {
    h.fake.failNext("/cgi-bin/externalcontact/get", { kind: "http", status: 502 });
    const told = sentTexts(h.fake, "rep_a").length;
    h.fake.externalContacts["wm_wang"] = fakeProfile("wm_wang", "rep_a", { name: "王五", corpFull: "字节跳动有限公司", state: "web" });
    await postExternalEvent(h, { changeType: "add_external_contact", userId: "rep_a", externalUserId: "wm_wang", state: "web", welcomeCode: "WELCOME-2" });
    const pending = await identity("wm_wang");
    expect([pending.followUserId, pending.campaign, pending.contactId]).toEqual(["rep_a", "web", null]);
    expect(sentTexts(h.fake, "rep_a")).toHaveLength(told);
    // The customer is welcomed anyway: the code does not wait for the profile.
    await vi.waitFor(() => expect(h.fake.accepted("/cgi-bin/externalcontact/send_welcome_msg").at(-1)).toMatchObject({ welcome_code: "WELCOME-2" }), {
      timeout: 10_000,
      interval: 20,
    });

    // Still down when the job comes: it fails and waits (backoff), nothing is dropped.
    h.fake.failNext("/cgi-bin/externalcontact/get", { kind: "drop" });
    h.clock.advance(61_000);
    await h.runJobs();
    const job = await prisma().job.findFirstOrThrow({ where: { kind: "wecom_external_contact_sync" } });
    expect([job.status, job.attempts]).toEqual(["pending", 1]);

    h.clock.advance(31_000);
    await h.runJobs();
    const id = await identity("wm_wang");
    expect([id.contact?.name, id.contact?.customer.name, id.campaign]).toEqual(["王五", "字节跳动有限公司", "web"]);
    expect(lastTo("rep_a")).toBe(`企业微信客户 王五 添加了你（渠道「web」）。已为你建立客户 #${id.contact!.customer.code} 字节跳动有限公司，王五 记为联系人。发送「客户 #${id.contact!.customer.code}」查看，记得尽快跟进。`);
  });

  it("a profile WeCom will not give (no such relation) reaches the rep as a request to record it by hand", async () => {
    await postExternalEvent(h, { changeType: "add_external_contact", userId: "rep_b", externalUserId: "wm_ghost" });
    h.clock.advance(61_000);
    await h.runJobs();
    expect(lastTo("rep_b")).toBe("一位企业微信客户添加了你，但读取 Ta 的资料失败（错误码 84061），没能自动建立客户。请在企业微信里查看，并用「新建客户」「联系人」记录。");
    expect(await prisma().job.count({ where: { kind: "wecom_external_contact_sync", status: { not: "done" } } })).toBe(0);
  });
});
