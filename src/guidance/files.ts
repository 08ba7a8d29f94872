/** Guidance files (SPEC §2) and the agent each speaks to. */
const GUIDANCE: readonly [RegExp, string][] = [
  [/(?:^|\/)AGENTS(?:\.override)?\.md$/, 'agents-md'],
  [/(?:^|\/)CLAUDE(?:\.local)?\.md$/, 'claude-code'],
  [/(?:^|\/)\.claude\/rules\/[^/]+\.md$/, 'claude-code'],
  [/(?:^|\/)GEMINI\.md$/, 'gemini-cli'],
  [/(?:^|\/)\.github\/copilot-instructions\.md$/, 'copilot'],
  [/(?:^|\/)\.github\/instructions\/(?:[^/]+\/)*[^/]+\.instructions\.md$/, 'copilot'],
  [/(?:^|\/)\.cursorrules$/, 'cursor'],
  [/(?:^|\/)\.cursor\/rules\/(?:[^/]+\/)*[^/]+\.(?:mdc|md)$/, 'cursor'],
  [/(?:^|\/)\.windsurfrules$/, 'windsurf'],
  [/(?:^|\/)\.clinerules(?:\/[^/]+\.md)?$/, 'cline'],
];

export const guidanceAgent = (path: string): string | undefined => GUIDANCE.find(([re]) => re.test(path))?.[1];
export const isGuidanceFile = (path: string): boolean => guidanceAgent(path) !== undefined;
