import type { KeyDoc } from '../types.js';
import { own } from '../walk.js';
import { addShellCommand } from '../shared/commands.js';
import { at, setting, stringsAt, structuredAdapter, type MapContext } from '../shared/structured.js';

function mapConfig(ctx: MapContext): void {
  const root = ctx.root;
  if (own(root, 'yes-always') === true)
    ctx.add({ kind: 'bypass', grants: 'confirm-all', note: 'Aider has no sandbox', ...at(['yes-always'], 'yes-always: true') });
  // `provider=key` and `NAME=value` lists: judge the value under its own name.
  for (const list of ['api-key', 'set-env']) {
    for (const [item, path] of stringsAt(root, [list])) {
      const eq = item.indexOf('=');
      if (eq < 0) continue;
      const name = list === 'api-key' ? `${item.slice(0, eq)}-api-key` : item.slice(0, eq);
      ctx.add({ kind: 'literal', value: item.slice(eq + 1), keyName: name, ...at(path, `${list} entry "${item}"`) });
    }
  }
  for (const [file, path] of stringsAt(root, ['read']))
    ctx.add({ kind: 'path-access', path: file, access: 'read', decision: 'allow', group: ctx.group, ...at(path, `read entry "${file}"`) });
  const testCmd = own(root, 'test-cmd');
  if (own(root, 'auto-test') === true && typeof testCmd === 'string')
    addShellCommand(ctx.add, ctx.site, testCmd, ['test-cmd'], 'auto-test', setting(['test-cmd'], testCmd));
  const lintCmd = own(root, 'lint-cmd');
  if (own(root, 'auto-lint') !== false && typeof lintCmd === 'string')
    addShellCommand(ctx.add, ctx.site, lintCmd, ['lint-cmd'], 'auto-lint', setting(['lint-cmd'], lintCmd));
}

const A = '.aider.conf.yml';
const KEYS: readonly KeyDoc[] = [
  { file: A, key: 'yes-always', rule: 'sandbox-mode', note: 'every confirmation answered yes' },
  {
    file: A,
    key: 'openai-api-key, anthropic-api-key, api-key, set-env and any string value',
    rule: 'secret-access',
    note: 'literal credentials',
  },
  { file: A, key: 'read', rule: 'secret-access', note: 'secret files loaded into the chat' },
  {
    file: A,
    key: 'test-cmd (with auto-test), lint-cmd (with auto-lint)',
    rule: 'publish-deploy, network-access, secret-access, destructive-actions',
    note: 'commands run automatically',
  },
];

export const aiderAdapter = structuredAdapter({
  id: 'aider',
  name: 'Aider',
  keys: KEYS,
  kinds: [{ path: '.aider.conf.{yml,yaml}', format: 'yaml', map: mapConfig }],
});
