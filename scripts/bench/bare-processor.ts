// The bare processing baseline of `npm run bench:webhook` (issue 17): the SQL statements one
// lead-creating command needs, issued on the driver directly with no framework, and its reply
// sent to the fake WeCom over plain HTTP — with the same claim (per-sender order), the same
// number of parallel lanes and the same batch size as our worker. What it leaves out is what
// a framework adds: Prisma, the router, the processor thread, the outbox's own loop.
//
// Per command, as our server issues them for a known sender:
//   claim (one per batch) · BEGIN · the sender · a lead with that phone? · the lead (score and
//   grade set) · its score entry · the audit entry · the first-contact SLA job · the reply in
//   the outbox · the event done · COMMIT · the recipient's send budget · message/send · sent.
import http from "node:http";
import type { RawDb } from "./databases.ts";

export interface BareProcessor {
  stop(): Promise<void>;
}

interface Claimed {
  id: string;
  sender_id: string;
  payload: { text?: string; sender?: string };
}

const CLAIM_SQL = `UPDATE inbox_events SET status = 'processing', lease_until = $2, attempts = attempts + 1
  WHERE id IN (
    SELECT e.id FROM inbox_events e
    WHERE (e.status = 'pending' OR (e.status = 'processing' AND e.lease_until < $1))
      AND NOT EXISTS (SELECT 1 FROM inbox_events b WHERE b.status = 'processing' AND b.lease_until >= $1
                      AND b.channel = e.channel AND b.sender_id = e.sender_id)
    ORDER BY e.id LIMIT $3 FOR UPDATE SKIP LOCKED)
  RETURNING id::text AS id, sender_id, payload`;

function postJson(base: URL, path: string, body: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body));
    const req = http.request(
      { host: base.hostname, port: base.port, method: body === undefined ? "GET" : "POST", path, agent: keepAlive, headers: { "content-type": "application/json", "content-length": data.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 16 });

export function startBareProcessor(db: RawDb, o: { fakeBaseUrl: string; corpId: string; secret: string; agentId: string; lanes: number; batchSize: number }): BareProcessor {
  const base = new URL(o.fakeBaseUrl);
  let token: string | undefined;
  let running = true;
  let wake: (() => void) | undefined;

  async function processOne(e: Claimed): Promise<void> {
    const m = /^新建线索\s+(\S+)\s+(\d+)/.exec(e.payload.text ?? "");
    const now = new Date();
    const reply = await db.transaction(async (q) => {
      const [user] = await q<{ id: string }>("SELECT id FROM users WHERE wecom_user_id = $1", [e.sender_id]);
      const ownerId =
        user?.id ??
        (
          await q<{ id: string }>(
            `INSERT INTO users (wecom_user_id, role, active, created_at, updated_at) VALUES ($1, 'rep', true, $2, $2)
             ON CONFLICT (wecom_user_id) DO UPDATE SET updated_at = EXCLUDED.updated_at RETURNING id`,
            [e.sender_id, now],
          )
        )[0]!.id;
      let text: string;
      const [dup] = m ? await q<{ code: number }>("SELECT code FROM leads WHERE phone = $1 LIMIT 1", [m[2]]) : [];
      if (!m) text = "用法：新建线索 <姓名> <手机>";
      else if (dup) text = `线索 #${dup.code} 已存在`;
      else {
        const [lead] = await q<{ id: string; code: number }>(
          `INSERT INTO leads (name, initials, phone, source, status, score, grade, owner_id, last_interaction_at, created_at, updated_at)
           VALUES ($1, $2, $3, '其他', 'new', 10, 'C', $4, $5, $5, $5) ON CONFLICT DO NOTHING RETURNING id, code`,
          [m[1], m[1]!.slice(0, 1), m[2], ownerId, now],
        );
        await q("INSERT INTO lead_score_entries (lead_id, delta, kind, reason, at) VALUES ($1, 10, 'source', '来源：其他', $2) ON CONFLICT DO NOTHING", [lead!.id, now]);
        await q("INSERT INTO audit_entries (actor_id, action, entity, entity_id, detail, at) VALUES ($1, 'create', 'lead', $2, $3::jsonb, $4)", [
          ownerId,
          lead!.id,
          JSON.stringify({ after: { name: m[1], phone: m[2], source: "其他" } }),
          now,
        ]);
        await q(
          `INSERT INTO jobs (kind, payload, due_at, run_at, urgent, recipient_id, status, attempts, unique_key, created_at)
           VALUES ('lead_sla', $1::jsonb, $2, $2, false, $3, 'pending', 0, $4, $5) ON CONFLICT DO NOTHING`,
          [JSON.stringify({ leadId: lead!.id }), new Date(now.getTime() + 86_400_000), ownerId, `lead_sla:${lead!.id}`, now],
        );
        text = `线索 #${lead!.code} 已新建：${m[1]} ${m[2]}`;
      }
      const [out] = await q<{ id: string }>(
        `INSERT INTO outbox_messages (channel, recipient, body, dedupe_key, status, attempts, next_attempt_at, cause_event_id, created_at)
         VALUES ('wecom', $1, $2::jsonb, $3, 'sending', 1, $4, $5, $4) ON CONFLICT DO NOTHING RETURNING id::text AS id`,
        [e.sender_id, JSON.stringify({ kind: "text", text }), `reply:${e.id}:0`, now, e.id],
      );
      await q("UPDATE inbox_events SET status = 'done', processed_at = $2, lease_until = NULL WHERE id = $1", [e.id, now]);
      return { id: out!.id, text };
    });
    const minuteAgo = new Date(Date.now() - 60_000);
    await db.query("SELECT count(*) FROM outbox_messages WHERE channel = 'wecom' AND recipient = $1 AND sent_at > $2", [e.sender_id, minuteAgo]);
    token ??= (await postJson(base, `/cgi-bin/gettoken?corpid=${o.corpId}&corpsecret=${o.secret}`, undefined))["access_token"] as string;
    await postJson(base, `/cgi-bin/message/send?access_token=${token}`, { touser: e.sender_id, msgtype: "text", agentid: Number(o.agentId), text: { content: reply.text } });
    await db.query("UPDATE outbox_messages SET status = 'sent', sent_at = $2, lease_until = NULL WHERE id = $1", [reply.id, new Date()]);
  }

  async function loop(): Promise<void> {
    while (running) {
      const now = new Date();
      const rows = await db.query<Claimed>(CLAIM_SQL, [now, new Date(now.getTime() + 60_000), o.batchSize]);
      if (rows.length === 0) {
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 20);
        });
        continue;
      }
      const bySender = new Map<string, Claimed[]>();
      for (const r of rows.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)))) bySender.set(r.sender_id, [...(bySender.get(r.sender_id) ?? []), r]);
      const groups = [...bySender.values()];
      await Promise.all(
        Array.from({ length: Math.min(o.lanes, groups.length) }, async () => {
          for (let g = groups.shift(); g; g = groups.shift()) for (const e of g) await processOne(e);
        }),
      );
    }
  }
  const done = loop();
  return {
    async stop() {
      running = false;
      wake?.();
      await done;
      keepAlive.destroy();
    },
  };
}
