// The search domain's public face: what other domains and the assembly point may use.
export { recentNames } from "./recent-names.ts";
export { refCandidates } from "./record-refs.ts";
export { searchAction } from "./search-action.ts";
