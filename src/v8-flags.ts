import { setFlagsFromString } from 'node:v8';

/** V8 settings for a check, a process that lives for a fraction of a second; set before the checker runs. */
export function tuneV8(): void {
  // Regular expressions go straight to native code instead of being interpreted first and compiled on their
  // second use: deeply nested YAML can abort V8 during that tier-up, and skipping it makes the first guidance
  // statement 19 → 5 ms.
  setFlagsFromString('--no-regexp-tier-up');
  // TurboFan compiles hot functions on threads that compete with the check for the CPU and are done about when
  // the check is; Maglev still optimizes. Measured with `npm run bench`: 100,000 files / 2,000 agent files
  // 350 → 295 ms and a lower peak RSS; no slower at 10,000 agent files or on 1 MB files. Only where Maglev
  // is on by default (Node 22 and later): on Node 20 TurboFan is the only optimizing tier, and hot loops
  // would run 10x slower without it.
  if (Number(process.versions.node.split('.')[0]) >= 22) setFlagsFromString('--no-opt');
}
