#!/usr/bin/env node
// Builds the committed bundles (dist/cli.js with dist/cli-main.js and its chunks, dist/index.js) and the files generated from metadata.
// `--check` builds in memory and exits 1 when anything committed differs: dist/ and docs must be current.
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  write: false,
  absWorkingDir: root,
  logLevel: 'warning',
  // Chunk hashes include module paths: keep them as written, so a linked node_modules builds the same bytes as `npm ci`.
  preserveSymlinks: true,
  // Prefer ES modules: some packages (jsonc-parser) ship a UMD main that loads its parts with a dynamic require.
  mainFields: ['module', 'main'],
  // Bundled CommonJS dependencies still call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
};

const outputs = {};
// dist/cli.js only enables Node's compile cache and loads dist/cli-main.js, which the cache then covers.
for (const [entry, out, external] of [
  ['src/cli/cli.ts', 'dist/cli.js', ['./cli-main.js']],
  ['src/action/index.ts', 'dist/index.js', []],
]) {
  const result = await build({ ...common, entryPoints: [entry], outfile: out, external });
  outputs[out] = result.outputFiles[0].text;
}
// dist/cli-main.js parses the command line; what a command needs is in dist/chunks/, loaded when it runs.
const cli = await build({
  ...common,
  entryPoints: { 'cli-main': 'src/cli/cli-main.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});
for (const file of cli.outputFiles) outputs[relative(root, file.path).split(sep).join('/')] = file.text;

// Generated docs and schema come from the sources' own metadata, through a bundle of scripts/generated.ts.
const gen = await build({ ...common, minify: false, entryPoints: ['scripts/generated.ts'], outfile: 'generated.mjs' });
const dir = mkdtempSync(join(tmpdir(), 'agent-policy-build-'));
try {
  const file = join(dir, 'generated.mjs');
  writeFileSync(file, gen.outputFiles[0].text);
  const { generatedFiles } = await import(pathToFileURL(file).href);
  const read = (p) => (existsSync(join(root, p)) ? readFileSync(join(root, p), 'utf8') : undefined);
  Object.assign(outputs, generatedFiles(read));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const stale = [];
// Files in dist/ that no build made (chunks of an earlier build) go.
const listDist = (dir) =>
  existsSync(join(root, dir))
    ? readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? listDist(`${dir}/${e.name}`) : [`${dir}/${e.name}`],
      )
    : [];
for (const path of listDist('dist')) {
  if (path in outputs) continue;
  if (check) stale.push(path);
  else {
    rmSync(join(root, path));
    console.log(`removed ${path}`);
  }
}
for (const [path, text] of Object.entries(outputs)) {
  const full = join(root, path);
  const current = existsSync(full) ? readFileSync(full, 'utf8') : undefined;
  if (current === text) continue;
  if (check) stale.push(path);
  else {
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    console.log(`wrote ${path} (${Buffer.byteLength(text)} bytes)`);
  }
}
if (check && stale.length > 0) {
  console.error(`Out of date: ${stale.join(', ')}. Run \`npm run build\` and commit the result.`);
  process.exit(1);
}
if (check) console.log('dist/ and generated files are current.');
