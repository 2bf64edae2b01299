// Property-test settings for the money kernel: a fixed seed in `npm test` (reproducible CI),
// PROPERTY_RUNS=20000 / PROPERTY_SEED=random to soak.
export function runs(normal: number): number {
  const env = Number(process.env["PROPERTY_RUNS"]);
  return Number.isFinite(env) && env > 0 ? env : normal;
}

export function seed(): number {
  const env = process.env["PROPERTY_SEED"];
  if (env === "random") return Math.floor(Math.random() * 2 ** 31);
  const n = Number(env);
  return env && Number.isFinite(n) ? n : 20261202;
}
