import { aiderAdapter } from './aider/index.js';
import { claudeAdapter } from './claude/index.js';
import { codexAdapter } from './codex/index.js';
import { cursorAdapter } from './cursor/index.js';
import { geminiAdapter } from './gemini/index.js';
import { opencodeAdapter } from './opencode/index.js';
import type { Adapter } from './types.js';
import { vscodeAdapter } from './vscode/index.js';

/** Every agent adapter; the engine runs them in this order. */
export const ADAPTERS: readonly Adapter[] = [codexAdapter, claudeAdapter, geminiAdapter, cursorAdapter, vscodeAdapter, opencodeAdapter, aiderAdapter];
