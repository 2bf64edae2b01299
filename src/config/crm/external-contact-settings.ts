// WeCom external contacts (客户联系): what a customer who adds a rep receives. Part of the
// CRM settings.
import { z } from "zod";

export const externalContactSettingsSchema = z
  .object({
    /** Sent to a customer who adds a rep, when WeCom allows a welcome (its WelcomeCode); empty: none. */
    welcomeText: z.string().max(4000).default(""),
  })
  .strict()
  .prefault({});
