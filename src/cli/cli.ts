#!/usr/bin/env node
import * as nodeModule from 'node:module';
import { tmpdir } from 'node:os';
import { privateCompileCacheDir } from '../compile-cache.js';
import { tuneV8 } from '../v8-flags.js';

tuneV8();
// The checker is a separate file so that Node (22.1 and later) can keep its compiled code between runs: in the
// folder NODE_COMPILE_CACHE names when the user set one, else in a folder of this user's alone.
const enableCompileCache = (nodeModule as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache;
if (enableCompileCache !== undefined) {
  const dir = process.env.NODE_COMPILE_CACHE ? undefined : privateCompileCacheDir(tmpdir(), process.getuid?.());
  if (process.env.NODE_COMPILE_CACHE || dir !== undefined) enableCompileCache(dir);
}
await import('./cli-main.js');
