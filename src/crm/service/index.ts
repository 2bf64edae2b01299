// The service domain's public face: what other domains and the assembly point may use.
export { MAX_TICKET_TITLE, openTicket } from "./open-ticket.ts";
export { ticketActions } from "./ticket-actions.ts";
export { OPEN_TICKET_STATUSES } from "./ticket-context.ts";
export { ticketKeywordOf } from "./ticket-keywords.ts";
export { ticketSlaBreachJob, ticketSlaRemindJob } from "./ticket-sla-jobs.ts";
export { ticketContext } from "./ticket-staff-context.ts";
export { answerSurvey } from "./ticket-survey.ts";
export { ticketsApiRouter } from "./tickets-api.ts";
