import { setFlagsFromString } from 'node:v8';

/** V8 settings for a check, a process that lives for a fraction of a second; set before the checker runs. */
export function tuneV8(): void {
  // A regular expression compiles to native code on its first use instead of being interpreted once and
  // compiled on its second (V8's own default from Chrome 152): the first guidance statement 19 → 5 ms. Only
  // the count changes; turning tiering off instead (`--no-regexp-tier-up`) crashed 1 to 3 runs in 100 when a
  // regular expression compiled before the switch (Node's own, a `--import` hook's) ran after it.
  setFlagsFromString('--regexp-tier-up-ticks=0');
  // A regular expression the checked repository writes (Kiro's allowedCommands, VS Code's `/…/` auto-approve rules)
  // can take time polynomial in the command (`.*a.*a.*a.*b`): past V8's backtracking limit it is run again by V8's
  // linear-time engine, which gives the same answer (https://v8.dev/blog/non-backtracking-regexp). A 500-character
  // command against twelve such wildcards: past 10 minutes → under 1 ms.
  setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
  // TurboFan compiles hot functions on threads that compete with the check for the CPU and are done about when
  // the check is; Maglev still optimizes. Measured with `npm run bench`: 100,000 files / 2,000 agent files
  // 350 → 295 ms and a lower peak RSS; no slower at 10,000 agent files or on 1 MB files. Only where Maglev
  // is on by default (Node 22 and later): on Node 20 TurboFan is the only optimizing tier, and hot loops
  // would run 10x slower without it.
  if (Number(process.versions.node.split('.')[0]) >= 22) setFlagsFromString('--no-opt');
}
