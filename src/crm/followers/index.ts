// The followers domain's public face: what other domains and the assembly point may use.
export { FollowerEvents } from "./follower-events.ts";
export { settleFollowerReply } from "./follower-reply-outcome.ts";
export { followerReplyAction } from "./follower-reply.ts";
