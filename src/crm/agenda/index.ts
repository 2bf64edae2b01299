// The agenda domain's public face: what other domains and the assembly point may use.
export { agendaAction } from "./agenda-action.ts";
export { agendaFanOutJob, agendaJob } from "./agenda-jobs.ts";
