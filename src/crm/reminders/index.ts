// The reminders domain's public face: what other domains and the assembly point may use.
export { dailySweepJob } from "./daily-sweep-job.ts";
export { zhReminders } from "./messages.ts";
export { heldUntil, reminderActions } from "./reminder-actions.ts";
export { reminderJob } from "./reminder-job.ts";
export { createReminder } from "./reminders.ts";
