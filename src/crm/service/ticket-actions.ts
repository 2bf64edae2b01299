// Every service-ticket command, for the registry.
import { ticketCreateAction } from "./ticket-create.ts";
import { ticketCloseAction, ticketNoteAction, ticketResolveAction, ticketStartAction, ticketWaitAction } from "./ticket-status-actions.ts";
import { ticketMineAction, ticketShowAction } from "./ticket-view-actions.ts";

export const ticketActions = [ticketCreateAction, ticketShowAction, ticketMineAction, ticketStartAction, ticketWaitAction, ticketResolveAction, ticketCloseAction, ticketNoteAction];
