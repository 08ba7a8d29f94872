import { tuneV8 } from '../v8-flags.js';
import { run } from './main.js';

tuneV8();
void run();
