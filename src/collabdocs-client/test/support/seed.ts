/**
 * Seeds for randomised tests: `SEED=n` reruns exactly one seed; `SEEDS=n` changes how many are run.
 * Every failure message names its seed.
 */
export function seeds(defaultCount: number, base: number): number[] {
  const one = process.env['SEED'];
  if (one !== undefined && one !== '') {
    return [Number(one)];
  }
  const count = Number(process.env['SEEDS'] ?? defaultCount);
  return Array.from({ length: count }, (_, i) => base + i);
}

/** Runs `body`, prefixing any failure with the seed and how to rerun it. */
export async function withSeed(seed: number, body: () => Promise<void> | void): Promise<void> {
  try {
    await body();
  } catch (error) {
    const e = error as Error;
    e.message = `[seed ${seed}; rerun with SEED=${seed} npm test] ${e.message}`;
    throw e;
  }
}
