import type { KeyPath } from '../core/types.js';
import { redactValue } from '../secrets/redact.js';

export type Table = Record<string, unknown>;

export const isTable = (v: unknown): v is Table => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
export const tableAt = (v: unknown, key: string): Table | undefined => {
  if (!isTable(v) || !Object.hasOwn(v, key)) return undefined;
  const child = v[key];
  return isTable(child) ? child : undefined;
};
export const own = (v: Table, key: string): unknown => (Object.hasOwn(v, key) ? v[key] : undefined);
export const entries = (v: Table): [string, unknown][] => Object.keys(v).map((k) => [k, v[k]]);

export interface StringLeaf {
  path: KeyPath;
  value: string;
  /** The key the string sits under; for an array element, a preceding `--flag` if there is one. */
  keyName: string;
}

/** Every string value in a parsed file, with its key path; explicit stack, no recursion. */
export function stringLeaves(root: unknown): StringLeaf[] {
  const out: StringLeaf[] = [];
  const stack: [unknown, KeyPath, string][] = [[root, [], '']];
  while (stack.length > 0) {
    const [value, path, keyName] = stack.pop()!;
    if (typeof value === 'string') out.push({ path, value, keyName });
    else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const prev: unknown = value[i - 1];
        const name = typeof prev === 'string' && /^-{1,2}[A-Za-z]/.test(prev) && !prev.includes('=') ? prev.replace(/^-+/, '') : keyName;
        stack.push([value[i], [...path, i], name]);
      }
    } else if (isTable(value)) {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) stack.push([value[keys[i]!], [...path, keys[i]!], keys[i]!]);
    }
  }
  return out;
}

/** `key = "value"` as written in TOML-like evidence. */
export function showSetting(path: KeyPath, value: unknown): string {
  const key = path.filter((p) => typeof p === 'string').at(-1) ?? '';
  return `${key} = ${showValue(value, key)}`;
}

/** The flag an array element follows (`["--token", "…"]`), as `stringLeaves` names it. */
const flagBefore = (prev: unknown): string | undefined =>
  typeof prev === 'string' && /^-{1,2}[A-Za-z]/.test(prev) && !prev.includes('=') ? prev.replace(/^-+/, '') : undefined;

/** A value as evidence quotes it; `keyName` is the key it sits under, which can make a random string a secret. */
export function showValue(value: unknown, keyName = ''): string {
  if (typeof value === 'string') {
    // Masked before the cut: a cut credential would no longer be recognised, and its visible part would leak.
    const shown = redactValue(value, keyName);
    return JSON.stringify(shown.length > 120 ? `${shown.slice(0, 117)}...` : shown);
  }
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value))
    return `[${value
      .slice(0, 5)
      .map((v, i) => showValue(v, flagBefore(value[i - 1]) ?? keyName))
      .join(', ')}${value.length > 5 ? ', …' : ''}]`;
  if (isTable(value)) return '{…}';
  return String(value);
}
