/**
 * The embedded policies `extends` may name, as the data a policy file would hold; validated by the same
 * schema as any policy file (written as data, so a check without a policy file parses no YAML).
 */
export const BUILTIN_POLICIES: Record<string, unknown> = {
  default: {
    version: 1,
    rules: {
      'sandbox-mode': { level: 'error' },
      'network-access': { level: 'error' },
      'outside-writes': { level: 'error' },
      'publish-deploy': { level: 'error' },
      'secret-access': { level: 'error' },
      'destructive-actions': { level: 'warning' },
    },
    // Only near-certain readings of guidance text fail a check; the others are notices.
    settings: { 'guidance-min-confidence': 'high' },
  },
  strict: {
    version: 1,
    rules: {
      'sandbox-mode': { level: 'error', allowed: ['read-only', 'workspace-write'] },
      'network-access': { level: 'error', 'check-mcp-hosts': true },
      'outside-writes': { level: 'error' },
      'publish-deploy': { level: 'error' },
      'secret-access': { level: 'error', 'require-env-filter': true },
      'destructive-actions': { level: 'error' },
      'config-unparseable': { level: 'error' },
      'hidden-text': { level: 'error' },
    },
    settings: {
      'max-exception-days': 90,
      'expiry-warning-days': 30,
      // Medium readings count too, as CodeQL's security-extended suite adds medium-precision queries.
      'guidance-min-confidence': 'medium',
    },
  },
};
