/** Card buttons that simply run a command carry the command text in their key. */
export const COMMAND_KEY_PREFIX = "cmd:";
