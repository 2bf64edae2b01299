// Which contacts ended the WeCom friendship themselves, as SQL for reports over many customers:
// the identity stopped following the rep (recordRelationEnded) and the audit trail says the
// customer did it (customer_deleted_rep) at or after that moment. Adding the rep back
// subscribes the identity again, so it no longer counts.
import { Prisma } from "../../generated/prisma/client.ts";
import { EXTERNAL_CHANNEL, type RelationEnd } from "./external-contacts.ts";

const BY_CUSTOMER: RelationEnd = "customer_deleted_rep";

/** Rows (customer_id, contact_name, ended_at), one per ended identity, of the customers that
 * `customerIds` (an SQL query of customer ids) selects. */
export function contactsWhoDeletedRepSql(customerIds: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT ct.customer_id, ct.name AS contact_name, ci.unsubscribed_at AS ended_at
    FROM channel_identities ci JOIN contacts ct ON ct.id = ci.contact_id
    WHERE ct.customer_id IN (${customerIds}) AND ci.channel = ${EXTERNAL_CHANNEL} AND NOT ci.subscribed AND ci.unsubscribed_at IS NOT NULL
      AND EXISTS (SELECT 1 FROM audit_entries a WHERE a.action = ${BY_CUSTOMER} AND a.entity = 'contact' AND a.entity_id = ct.id::text AND a.at >= ci.unsubscribed_at)`;
}
