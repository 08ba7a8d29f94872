import type { RuleDefinition, RuleMeta } from './define.js';
import configUnparseable from './config-unparseable.js';
import exceptionExpired from './exception-expired.js';
import exceptionExpiring from './exception-expiring.js';
import exceptionInvalid from './exception-invalid.js';
import exceptionOrphaned from './exception-orphaned.js';
import exceptionUnused from './exception-unused.js';
import hiddenText from './hidden-text.js';
import networkAccess from './network-access.js';
import outsideWrites from './outside-writes.js';
import publishDeploy from './publish-deploy.js';
import sandboxMode from './sandbox-mode.js';
import secretAccess from './secret-access.js';

/** Every rule, in the order the team states them; the single list docs, SARIF and `rules` come from. */
export const RULES: readonly RuleDefinition<never>[] = [
  sandboxMode,
  networkAccess,
  outsideWrites,
  publishDeploy,
  secretAccess,
  configUnparseable,
  hiddenText,
  exceptionExpired,
  exceptionExpiring,
  exceptionUnused,
  exceptionOrphaned,
  exceptionInvalid,
] as unknown as RuleDefinition<never>[];

export const RULE_METAS: readonly RuleMeta[] = RULES.map((r) => r.meta);
export const RULE_IDS: readonly string[] = RULE_METAS.map((m) => m.id);
