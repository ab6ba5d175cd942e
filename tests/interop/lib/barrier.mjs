// Coordination between the participant processes through files in the run directory: each writes
// `<name>.synced` once its edits are acknowledged, then waits for everyone's.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export async function arriveAndWait(dir, name, participants, timeoutMs = 90_000) {
  writeFileSync(join(dir, `${name}.synced`), '');
  const deadline = Date.now() + timeoutMs;
  while (readdirSync(dir).filter((f) => f.endsWith('.synced')).length < participants) {
    if (Date.now() > deadline) throw new Error(`${name}: the other participants did not finish editing within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function until(probe, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
