#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
// Deeply nested YAML can abort V8 while it tiers up a regular expression; interpreting them costs nothing measurable.
setFlagsFromString('--no-regexp-tier-up');

import { runCli } from './cli-run.js';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  cwd: process.cwd(),
  isTTY: process.stdout.isTTY === true,
  env: process.env,
  now: () => new Date(),
});
