// The import-export domain's public face: what other domains and the assembly point may use.
export { dataActions } from "./data-actions.ts";
export { recordsApiRouter } from "./records-api.ts";
