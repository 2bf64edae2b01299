/** Card buttons that simply run a command carry the command text in their key. */
export const COMMAND_KEY_PREFIX = "cmd:";

/** Users live in WeCom: notifications to someone other than the sender go there. */
export const NOTIFY_CHANNEL = "wecom";
