import type { PrismaClient } from "../generated/prisma/client.ts";

/** The client handed to code running inside prisma.$transaction(async (tx) => …). */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
