import type { Rule, RuleMeta } from './define.js';
import destructiveActions from './destructive-actions/index.js';
import configUnparseable from './config-unparseable/index.js';
import exceptionExpired from './exception-expired/index.js';
import exceptionExpiring from './exception-expiring/index.js';
import exceptionInvalid from './exception-invalid/index.js';
import exceptionOrphaned from './exception-orphaned/index.js';
import exceptionUnused from './exception-unused/index.js';
import hiddenText from './hidden-text/index.js';
import networkAccess from './network-access/index.js';
import outsideWrites from './outside-writes/index.js';
import publishDeploy from './publish-deploy/index.js';
import sandboxMode from './sandbox-mode/index.js';
import secretAccess from './secret-access/index.js';

/** Every rule, in the order the team states them; the single list docs, SARIF and `rules` come from. */
export const RULES: readonly Rule[] = [
  sandboxMode,
  networkAccess,
  outsideWrites,
  publishDeploy,
  secretAccess,
  destructiveActions,
  configUnparseable,
  hiddenText,
  exceptionExpired,
  exceptionExpiring,
  exceptionUnused,
  exceptionOrphaned,
  exceptionInvalid,
];

export const RULE_METAS: readonly RuleMeta[] = RULES.map((r) => r.meta);
export const RULE_IDS: readonly string[] = RULE_METAS.map((m) => m.id);
