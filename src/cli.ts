#!/usr/bin/env node
import * as nodeModule from 'node:module';
import { setFlagsFromString } from 'node:v8';
// Deeply nested YAML can abort V8 while it tiers up a regular expression; interpreting them costs nothing measurable.
setFlagsFromString('--no-regexp-tier-up');
// The checker is a separate file so that Node (22.1 and later) can keep its compiled code between runs.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
await import('./cli-main.js');
