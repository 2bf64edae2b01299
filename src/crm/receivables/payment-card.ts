// The confirmation card a pending 回款 record sends to the confirmBy group (确认 / 驳回
// buttons carrying the payment number), and the update of the others' cards once one member
// has decided. Also the sentence that tells the recorder what happened to a record.
import { COMMAND_KEY_PREFIX } from "../../bot/router-keys.ts";
import { ensureUser, type User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { Payment } from "../../generated/prisma/client.ts";
import { zh } from "../../messages/zh.ts";
import { card, cardUpdate, type Reply } from "../../render/reply.ts";
import type { ContractFull } from "../contracts/index.ts";
import { formatFenZh } from "../money/index.ts";
import { zhReceivables } from "./messages.ts";
import type { RecordResult } from "./payments.ts";
import { dayOf } from "./status.ts";

export interface Notifier {
  tx: Tx;
  admins: readonly string[];
  newId(): string;
  notify(user: User, reply: Reply): void;
}

const taskPrefix = (code: number) => `pay-${code}-`;

export async function sendConfirmCards(n: Notifier, members: readonly string[], payment: Payment, c: ContractFull, recorder: User): Promise<void> {
  const who = zh.whoName(recorder.name, recorder.wecomUserId);
  for (const id of members) {
    const user = await ensureUser(n.tx, id, n.admins);
    n.notify(
      user,
      card({
        taskId: `${taskPrefix(payment.code)}${n.newId()}`,
        title: zhReceivables.confirmCardTitle(payment.code),
        description: zhReceivables.confirmCardDesc(who).slice(0, 44),
        fields: [
          { label: zhReceivables.fieldContract, value: c.number },
          { label: zhReceivables.fieldCustomer, value: c.customer.name.slice(0, 64) },
          { label: zhReceivables.fieldAmount, value: formatFenZh(Number(payment.amountFen)) },
          { label: zhReceivables.fieldReceived, value: dayOf(payment.receivedOn) },
          ...(payment.method ? [{ label: zhReceivables.fieldMethod, value: payment.method.slice(0, 64) }] : []),
        ],
        buttons: [
          { key: `${COMMAND_KEY_PREFIX}回款确认 #${payment.code}`, text: zhReceivables.confirmButton, style: "primary" },
          { key: `${COMMAND_KEY_PREFIX}回款驳回 #${payment.code}`, text: zhReceivables.rejectButton, style: "danger" },
        ],
      }),
    );
  }
}

/** Greys out the cards the other members got (they can no longer decide). */
export async function closeOtherCards(n: Notifier, payment: Payment, decider: User, clickedTaskId: string | undefined): Promise<void> {
  const sent = await n.tx.outboxMessage.findMany({ where: { status: "sent", body: { path: ["card", "taskId"], string_starts_with: taskPrefix(payment.code) } } });
  const label = zhReceivables.handledBy(zh.whoName(decider.name, decider.wecomUserId)).slice(0, 10);
  for (const m of sent) {
    const taskId = (m.body as { card?: { taskId?: string } }).card?.taskId;
    if (!taskId || taskId === clickedTaskId || m.recipient === decider.wecomUserId) continue;
    const user = await n.tx.user.findUnique({ where: { wecomUserId: m.recipient } });
    if (!user || !m.responseCode || !m.sentAt) continue;
    n.notify(user, cardUpdate({ taskId, responseCode: m.responseCode, clickedAt: m.sentAt }, label, label));
  }
}

/** The recorder's answer to a record (or a refusal). */
export function recordText(r: RecordResult, c: Pick<ContractFull, "number" | "status">, confirmGroup: string | null): string {
  switch (r.kind) {
    case "void":
      return zhReceivables.contractVoid(c.number);
    case "not_live":
      return zhReceivables.contractNotLive(c.number, zhReceivables.contractStatus[r.status] ?? r.status);
    case "no_plan":
      return zhReceivables.noPlanForPayment(c.number);
    case "over":
      return "";
    case "no_confirmers":
      return zhReceivables.noConfirmers(r.group);
    case "before_sign":
      return zhReceivables.beforeSign(r.day, c.number, r.signedOn);
    case "replay":
    case "conflict":
    case "recorded": {
      const p = r.payment;
      const lines = [zhReceivables.recorded(p.code, c.number, formatFenZh(Number(p.amountFen)), dayOf(p.receivedOn))];
      if (r.kind === "recorded" && r.pending) lines.push(zhReceivables.pendingConfirm(p.code, confirmGroup ?? ""));
      if (r.kind === "recorded" && r.allocated.length)
        lines.push(zhReceivables.allocatedTo(r.allocated.map((a) => zhReceivables.allocationPart(a.position, formatFenZh(a.amountFen))).join("，")));
      if (r.kind === "recorded" && r.prepaidFen > 0) lines.push(zhReceivables.keptPrepaid(formatFenZh(r.prepaidFen)));
      return lines.join("\n");
    }
  }
}
