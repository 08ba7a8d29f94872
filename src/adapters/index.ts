import { codexAdapter } from './codex/index.js';
import type { Adapter } from './types.js';

/** Every agent adapter; the engine runs them in this order. */
export const ADAPTERS: readonly Adapter[] = [codexAdapter];

export const adapterFor = (path: string): Adapter | undefined => ADAPTERS.find((a) => a.matches(path));
