import pkg from '../package.json' with { type: 'json' };

export const TOOL_NAME = 'agent-policy';
export const TOOL_VERSION: string = pkg.version;
export const REPO_URL = 'https://github.com/agent-policy/agent-policy';
/** Where a release keeps its files: the tag `v<version>` the release workflow publishes from. */
const RELEASE_URL = `${REPO_URL}/blob/v${TOOL_VERSION}`;
export const ruleDocsUrl = (id: string): string => `${RELEASE_URL}/docs/rules/${id}.md`;
/** The policy schema of this release, as its `$id` names it. */
export const SCHEMA_URL = `${REPO_URL}/raw/v${TOOL_VERSION}/agent-policy.schema.json`;
