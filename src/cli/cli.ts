#!/usr/bin/env node
import * as nodeModule from 'node:module';
import { homedir } from 'node:os';
import { privateCompileCacheDir, userCacheHome } from '../compile-cache.js';
import { tuneV8 } from '../v8-flags.js';

tuneV8();
// The checker is a separate file so that Node (22.1 and later) can keep its compiled code between runs: in the
// folder NODE_COMPILE_CACHE names when the user set one, else in a folder of the user's own cache.
const enableCompileCache = (nodeModule as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache;
if (enableCompileCache !== undefined) {
  if (process.env.NODE_COMPILE_CACHE) enableCompileCache();
  else {
    const home = userCacheHome(process.env, process.platform, homedir());
    const dir = home === undefined ? undefined : privateCompileCacheDir(home, process.getuid?.());
    if (dir !== undefined) enableCompileCache(dir);
  }
}
await import('./cli-main.js');
