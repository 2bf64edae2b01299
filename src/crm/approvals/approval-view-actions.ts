// 审批 #编号 (the whole trail) and 待我审批 (what waits for me).
import { z } from "zod";
import { audit } from "../../auth/audit.ts";
import { canSee } from "../../auth/scope.ts";
import { formatWhen } from "../../time/when.ts";
import { zh } from "../../messages/zh.ts";
import { zhApprovals } from "./messages.ts";
import { text } from "../../render/reply.ts";
import { ALL_ROLES, defineAction, everyonesListing } from "../../actions/action.ts";
import { summaryOf, viewOf } from "./approval-card.ts";

export const approvalCodeParam = z.string().trim().regex(/^#?\d{1,9}$/, "审批编号是数字，如 #12");
export const codeOf = (ref: string): number => Number(ref.replace("#", ""));

export const approvalTrailAction = defineAction({
  name: "approval.show",
  command: "审批",
  aliases: ["approval"],
  summary: "看一个审批的全过程：谁提交、每一步谁同意或驳回",
  usage: "审批 #<编号>",
  example: "审批 #12",
  params: z.object({ ref: approvalCodeParam }),
  labels: { ref: "审批编号" },
  positional: ["ref"],
  roles: ALL_ROLES,
  effect: "read",
  async run(ctx, p) {
    const request = await ctx.tx.approvalRequest.findUnique({
      where: { code: codeOf(p.ref) },
      include: { requester: true, steps: { orderBy: { position: "asc" }, include: { tasks: { include: { approver: true }, orderBy: { id: "asc" } } } } },
    });
    const involved = request?.steps.some((s) => s.tasks.some((t) => t.approverId === ctx.actor.id)) || (request && (request.payload as { ccIds?: string[] }).ccIds?.includes(ctx.actor.id));
    if (!request || !(involved || canSee(ctx.actor, request.requester))) {
      await audit(ctx.tx, { actorId: ctx.actor.id, action: "read_denied", entity: "approval", detail: { ref: p.ref }, at: ctx.now });
      return [text(zhApprovals.approvalNotFound(p.ref.replace("#", "")))];
    }
    const view = await viewOf(ctx, request);
    const kind = zhApprovals.approvalKinds[request.kind] ?? request.kind;
    const lines = [
      zhApprovals.approvalTrailTitle(kind, request.code, zhApprovals.approvalStatus[request.status] ?? request.status),
      zhApprovals.approvalTrailHead(zh.whoName(request.requester.name, request.requester.wecomUserId), formatWhen(request.createdAt, ctx.timeZone), `${view.customer} 商机 #${view.oppCode} ${summaryOf(request)}`, request.reason),
      ...request.steps.flatMap((s) => [
        zhApprovals.approvalTrailStep(s.position + 1, s.mode),
        ...s.tasks.map((t) =>
          zhApprovals.approvalTrailTask(zh.whoName(t.approver.name, t.approver.wecomUserId), zhApprovals.taskStatus[t.status] ?? t.status, t.decidedAt ? formatWhen(t.decidedAt, ctx.timeZone) : null, t.comment),
        ),
      ]),
    ];
    return [text(lines.join("\n"))];
  },
});

export const myApprovalsAction = defineAction({
  ...everyonesListing,
  name: "approval.mine",
  command: "待我审批",
  aliases: ["approvals", "todo-approvals"],
  summary: "等你审批的事项",
  usage: "待我审批",
  example: "待我审批",
  async run(ctx) {
    const tasks = await ctx.tx.approvalTask.findMany({
      where: { approverId: ctx.actor.id, status: "pending", step: { status: "pending", request: { status: "pending" } } },
      include: { step: { include: { request: { include: { requester: true } } } } },
      orderBy: { id: "asc" },
      take: 30,
    });
    if (tasks.length === 0) return [text(zhApprovals.myApprovalsEmpty)];
    const lines = tasks.map(({ step: { request: r } }) =>
      zhApprovals.myApprovalsLine(r.code, zhApprovals.approvalKinds[r.kind] ?? r.kind, zh.whoName(r.requester.name, r.requester.wecomUserId), summaryOf(r)),
    );
    return [text([zhApprovals.myApprovalsTitle(tasks.length), ...lines].join("\n"))];
  },
});
