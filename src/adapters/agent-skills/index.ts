import type { SourceFile } from '../../core/types.js';
import { guidanceAgent, isSkill, SKILL_ELSEWHERE } from '../../guidance/files.js';
import { mapPreapproved } from '../claude/front-matter.js';
import { structuredAdapter, type MapContext } from '../shared/structured.js';
import type { Adapter, KeyDoc } from '../types.js';

/**
 * A skill outside the folders an agent reads skills from (`skills/x/SKILL.md` of a collection, `src/…/SKILL.md` of
 * a toolkit, the shared `.agents/skills/`), whose front matter pre-approves tools (`allowed-tools`): once installed in
 * Claude Code, which honours the key (https://code.claude.com/docs/en/skills), those tools run without a prompt while
 * the skill is active. The Agent Skills specification marks the key experimental and up to each agent
 * (https://agentskills.io/specification), so what it grants is a reading of how the skill will be installed: `medium`.
 * Skills that an agent's own folder, a plugin, an extension or a user folder holds are read by that agent's adapter,
 * first.
 */
const SKILL = 'SKILL.md';

const KEYS: readonly KeyDoc[] = [
  {
    file: SKILL,
    key: 'allowed-tools (front matter, as in Claude Code skills)',
    rule: 'sandbox-mode, publish-deploy, network-access, outside-writes, secret-access, destructive-actions',
    note: 'tools that run without a prompt while the skill is active once it is installed in Claude Code: medium confidence',
  },
  {
    file: SKILL,
    key: 'hooks (front matter, as in Claude Code skills)',
    rule: 'outside-writes, network-access, secret-access, publish-deploy, destructive-actions',
    note: 'commands that run without a prompt while the skill is active once it is installed in Claude Code: medium confidence',
  },
  {
    file: SKILL,
    key: '(the markdown after the front matter); any front matter string',
    rule: 'guidance: every rule; secret-access',
    note: 'the instructions the agent follows when it uses the skill, read as guidance; literal credentials',
  },
];

/** A front matter key that grants: `allowed-tools` or `hooks`, quoted or not, at a line's start in the first 8,000 characters. */
const GRANTING_KEY = /^[ \t]*["']?(?:allowed-tools|hooks)["']?[ \t]*:/m;

/** The pre-approvals and hooks of a skill, each a reading of how it will be installed. */
const mapSkill = (ctx: MapContext): void => mapPreapproved({ ...ctx, add: (fact) => ctx.add({ ...fact, confidence: 'medium' }) });

const base = structuredAdapter({
  id: SKILL_ELSEWHERE,
  name: 'Agent Skills',
  keys: KEYS,
  kinds: [{ path: SKILL, format: 'markdown', map: mapSkill }],
});

/**
 * The shared skills folder of the Agent Skills convention (`.agents/skills/<name>/SKILL.md`): Codex reads its skills
 * there and ignores `allowed-tools` (https://developers.openai.com/codex/skills), while installers such as `npx skills`
 * keep skills there and link them into `.claude/skills/`, where Claude Code honours the key.
 */
const SHARED_SKILL = /(?:^|\/)\.agents\/skills\/[^/]+\/SKILL\.md$/i;

export const agentSkillsAdapter: Adapter = {
  ...base,
  // A skill that no agent's own folder claims as its guidance, or one in the shared `.agents/skills/` folder (its
  // markdown read as Codex's guidance as before; `.github/skills/` stays Copilot's), with a key that grants.
  matches: (path) => base.matches(path) && (guidanceAgent(path) === SKILL_ELSEWHERE || SHARED_SKILL.test(path)),
  // The markdown of a shared skill speaks to the agent whose folder it is, as when no key grants.
  toPostures: (files, context) => {
    const out = base.toPostures(files, context);
    const guidance = out.guidance?.map((g) => (SHARED_SKILL.test(g.file) ? { ...g, agent: guidanceAgent(g.file) ?? g.agent } : g));
    return guidance === undefined ? out : { ...out, guidance };
  },
  admits: (file: SourceFile) => GRANTING_KEY.test(file.text.slice(0, 8_000)) && isSkill(file.text),
  fallback: true,
};
