/**
 * How many cases a seeded property runs: `n`, scaled by `PROPERTY_RUNS_SCALE` (default 1).
 * `npm test` runs the unit suite under four machine zones; properties about merging, storage
 * shapes and rendering do not depend on the machine's zone, so in the three extra zones they
 * run the first quarter of the same seeded cases (scripts/test-all.mjs). Properties about
 * dates do not use this: they run in full in every zone.
 */
export function runs(n: number): number {
  const scale = Number(process.env.PROPERTY_RUNS_SCALE ?? 1);
  return Number.isFinite(scale) && scale > 0 ? Math.max(1, Math.ceil(n * Math.min(scale, 1))) : n;
}
