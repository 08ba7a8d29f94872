#!/usr/bin/env node
import * as nodeModule from 'node:module';
import { tuneV8 } from '../v8-flags.js';

tuneV8();
// The checker is a separate file so that Node (22.1 and later) can keep its compiled code between runs.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
await import('./cli-main.js');
