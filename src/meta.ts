import pkg from '../package.json' with { type: 'json' };

export const TOOL_NAME = 'agent-policy';
export const TOOL_VERSION: string = pkg.version;
export const REPO_URL = 'https://github.com/agent-policy/agent-policy';
export const ruleDocsUrl = (id: string): string => `${REPO_URL}/blob/v${TOOL_VERSION}/docs/rules/${id}.md`;
/** Where the policy JSON Schema is published (its `$id`); policy files name it as their `$schema`. */
export const SCHEMA_URL = `${REPO_URL}/raw/main/agent-policy.schema.json`;
