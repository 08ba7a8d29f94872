import { setFlagsFromString } from 'node:v8';
// Deeply nested YAML can abort V8 while it tiers up a regular expression; interpreting them costs nothing measurable.
setFlagsFromString('--no-regexp-tier-up');

import { run } from './main.js';

void run();
