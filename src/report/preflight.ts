import { ADAPTERS } from '../adapters/index.js';
import type { AgentPosture, Fact } from '../core/posture.js';
import { formatKeyPath, type Finding, type Position } from '../core/types.js';
import type { CheckResult } from '../engine/result.js';
import { redactSecrets } from '../secrets/redact.js';
import { toPrintable } from '../core/printable.js';
import { describePolicy } from './policy-note.js';
import { toFindingOwners } from './posture-matrix.js';
import { AGENT_DEFAULTS, LAUNCHER_DEFAULTS, NEUTRAL_DEFAULTS, PREFLIGHT_QUESTIONS, type PreflightQuestion } from './preflight-defaults.js';
import { questionOfFinding, questionsOfFact } from './preflight-questions.js';

/** ✓ within the policy, ✗ a finding of the policy's rules, — nothing committed says (the default applies). */
export type PreflightStatus = 'ok' | 'violation' | 'default';

export interface PreflightAnswer {
  question: PreflightQuestion;
  status: PreflightStatus;
  /** The rules whose findings make it a violation (or that an exception waives, for `ok`). */
  rules: string[];
  /** Where the answer comes from: the first finding, else the first setting; absent for a default. */
  at?: { file: string; position: Position };
  /** A few words: the setting as written, or the default; repository text masked and printable, not escaped. */
  text: string;
  /** Whether `text` quotes a committed file (else it is the checker's own wording). */
  quoted: boolean;
  /** Further findings or settings behind the same answer. */
  more: number;
}

export interface PreflightBlock {
  /** The adapter id of the agent (for a launcher, the agent it starts), or a guidance id such as `agents-md`. */
  agent: string;
  name: string;
  /** `local`: the agent's committed configs; `launcher`: a workflow step or script that starts it; `guidance`: files many agents read. */
  kind: 'local' | 'launcher' | 'guidance';
  /** The block's files, the first `MAX_LISTED`; `moreFiles` counts the rest. */
  files: string[];
  moreFiles: number;
  unit?: string;
  answers: PreflightAnswer[];
  /** Files of the block that could not be verified, or hide text: their findings, apart from the checklist. */
  problems: { ruleId: string; file: string; position: Position; text: string }[];
  moreProblems: number;
}

export interface Preflight {
  blocks: PreflightBlock[];
  /** Blocks left out to keep the report short. */
  omitted: number;
  policy: { source: string; embedded: boolean; note: string };
}

/** What the committed files cannot tell; listed once, never answered. */
export const UNANSWERABLE: readonly string[] = [
  'Is this the intended repository and branch?',
  'Does the task at hand need secrets, the network, GUI apps or publishing?',
  'Do user-level and managed settings on the machine (~/.codex, ~/.claude, MDM) override what is committed?',
  'Will a human be present to answer the approval prompts?',
];

/** At most this many blocks, and this many characters of repository text per answer. */
export const MAX_BLOCKS = 60;
const MAX_TEXT = 160;
/** Files and file problems listed per block. */
export const MAX_LISTED = 10;

const LAUNCHER_ADAPTERS = new Set(['ci', 'scripts']);
const NAMES = new Map(ADAPTERS.map((a) => [a.id, a.name]));
const shown = (text: string): string => {
  const out = toPrintable(redactSecrets(text.replace(/\s+/g, ' ').trim()));
  return out.length > MAX_TEXT ? `${out.slice(0, MAX_TEXT - 1)}…` : out;
};

interface Gathered {
  findings: { finding: Finding; exception?: string }[];
  facts: { fact: Fact; posture: AgentPosture }[];
}

/**
 * The guide's preflight checklist answered per agent from the check's result: each agent's committed configs
 * together, each launcher (a workflow step, a script) apart, guidance read by many agents apart. Pure.
 */
export function toPreflight(result: CheckResult): Preflight {
  const adapterOf = new Map(result.files.map((f) => [f.path, f.agent]));
  const ownersOf = toFindingOwners(result.postures);
  const blocks = new Map<string, PreflightBlock & { gathered: Gathered }>();
  const blockOf = (key: string, make: () => Omit<PreflightBlock, 'answers' | 'problems' | 'files' | 'moreFiles' | 'moreProblems'>) => {
    let block = blocks.get(key);
    if (!block) {
      block = { ...make(), files: [], moreFiles: 0, answers: [], problems: [], moreProblems: 0, gathered: { findings: [], facts: [] } };
      blocks.set(key, block);
    }
    return block;
  };
  const listed = new Set<string>();
  const addFile = (key: string, block: PreflightBlock, file: string): void => {
    if (listed.has(`${key}\0${file}`)) return;
    listed.add(`${key}\0${file}`);
    if (block.files.length < MAX_LISTED) block.files.push(file);
    else block.moreFiles++;
  };
  const localKey = (agent: string): string => `local\0${agent}`;
  const local = (agent: string): PreflightBlock & { gathered: Gathered } =>
    blockOf(localKey(agent), () => ({
      agent,
      name: NAMES.get(agent) ?? agent,
      kind: AGENT_DEFAULTS[agent] || NAMES.has(agent) ? 'local' : 'guidance',
    }));
  const launcherKey = (i: number): string => `launcher\0${i}`;

  for (const file of result.files) if (!LAUNCHER_ADAPTERS.has(file.agent)) addFile(localKey(file.agent), local(file.agent), file.path);
  const firstPosture = new Map<string, number>();
  result.postures.forEach((p, i) => {
    if (!firstPosture.has(p.file)) firstPosture.set(p.file, i);
  });
  result.postures.forEach((posture, i) => {
    const launcher = LAUNCHER_ADAPTERS.has(adapterOf.get(posture.file) ?? '');
    const key = launcher ? launcherKey(i) : localKey(posture.agent);
    const block = launcher
      ? blockOf(launcherKey(i), () => ({
          agent: posture.agent,
          name: NAMES.get(posture.agent) ?? posture.agent,
          kind: 'launcher',
          ...(posture.unit === undefined ? {} : { unit: posture.unit }),
        }))
      : local(posture.agent);
    addFile(key, block, posture.file);
    for (const fact of posture.facts) block.gathered.facts.push({ fact, posture });
  });
  // A launcher file that starts no agent it could read (it cannot be parsed) still has a block for its problems.
  for (const file of result.files)
    if (LAUNCHER_ADAPTERS.has(file.agent) && !firstPosture.has(file.path))
      addFile(
        `file\0${file.path}`,
        blockOf(`file\0${file.path}`, () => ({ agent: file.agent, name: NAMES.get(file.agent) ?? file.agent, kind: 'launcher' })),
        file.path,
      );

  const factAt = new Map<string, Fact>();
  // The first fact at a key path is the one a rule judged; `literal` facts repeat every string value for the secret scan.
  for (const p of result.postures)
    for (const f of p.facts) {
      const key = `${p.file}\0${formatKeyPath(f.keyPath)}`;
      if (f.kind !== 'literal' && !factAt.has(key)) factAt.set(key, f);
    }
  const all = [
    ...result.findings.map((finding) => ({ finding })),
    ...result.suppressed.map((s) => ({ finding: s.finding, exception: s.exception.id })),
  ];
  for (const entry of all) {
    const { file } = entry.finding;
    const adapter = adapterOf.get(file);
    if (adapter === undefined) continue;
    let targets: PreflightBlock[];
    if (!LAUNCHER_ADAPTERS.has(adapter)) targets = [local(adapter)];
    else {
      const owners = ownersOf(entry.finding);
      const first = firstPosture.get(file);
      targets =
        first === undefined
          ? [blocks.get(`file\0${file}`)!]
          : (owners.length > 0 ? owners : [first]).map((i) => blocks.get(launcherKey(i))!);
    }
    for (const block of targets) (block as PreflightBlock & { gathered: Gathered }).gathered.findings.push(entry);
  }

  const ordered = [...blocks.values()].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  const out = ordered.slice(0, MAX_BLOCKS).map(({ gathered, ...block }) => answerBlock(block, gathered, factAt));
  return {
    blocks: out,
    omitted: Math.max(0, ordered.length - MAX_BLOCKS),
    policy: { source: result.policy.source.path, embedded: result.policy.source.kind === 'embedded', note: describePolicy(result.policy) },
  };
}

const KIND_ORDER: Record<PreflightBlock['kind'], number> = { local: 0, launcher: 1, guidance: 2 };

/** One thing behind an answer: a finding (or a place related to it), or a setting. */
interface Hit {
  rule?: string;
  exception?: string;
  /** Where it is; a setting is located only when its answer shows it (a file may hold thousands). */
  at: { file: string; position: Position } | (() => { file: string; position: Position });
  text: string;
}

function answerBlock(block: PreflightBlock, gathered: Gathered, factAt: Map<string, Fact>): PreflightBlock {
  const byQuestion = new Map<PreflightQuestion, { active: Hit[]; waived: Hit[]; facts: Hit[] }>();
  const slot = (q: PreflightQuestion) => {
    let s = byQuestion.get(q);
    if (!s) byQuestion.set(q, (s = { active: [], waived: [], facts: [] }));
    return s;
  };
  const problems: PreflightBlock['problems'] = [];
  let moreProblems = 0;
  for (const { fact, posture } of gathered.facts) {
    const questions = questionsOfFact(fact);
    if (questions.length === 0) continue;
    const at = (): { file: string; position: Position } => {
      const span = fact.anchor.kind === 'span' ? fact.anchor.span : posture.locator.locate(fact.anchor.path, fact.anchor.part);
      return { file: posture.file, position: span.start };
    };
    // A launcher's heading already names its step, which is the fact's scope.
    const scope = fact.scope && block.kind !== 'launcher' ? ` (${fact.scope})` : '';
    for (const q of questions) slot(q).facts.push({ at, text: `${fact.evidence}${scope}` });
  }
  for (const { finding, exception } of gathered.findings) {
    const q = questionOfFinding(finding, factAt.get(`${finding.file}\0${formatKeyPath(finding.keyPath)}`));
    if (q === undefined) {
      if (exception === undefined && problems.length < MAX_LISTED)
        problems.push({ ruleId: finding.ruleId, file: finding.file, position: finding.location.start, text: shown(finding.message) });
      else if (exception === undefined) moreProblems++;
      continue;
    }
    const add = (question: PreflightQuestion, hit: Hit): void => {
      const s = slot(question);
      (exception === undefined ? s.active : s.waived).push({
        ...hit,
        rule: finding.ruleId,
        ...(exception === undefined ? {} : { exception }),
      });
    };
    add(q, { at: { file: finding.file, position: finding.location.start }, text: finding.evidence || finding.message });
    // A finding that names another setting (full access, and an approval policy that never asks) answers its question too.
    for (const r of finding.related ?? []) {
      const fact = factAt.get(`${r.file}\0${formatKeyPath(r.keyPath)}`);
      for (const other of fact ? questionsOfFact(fact) : [])
        if (other !== q) add(other, { at: { file: r.file, position: r.location.start }, text: r.evidence });
    }
  }
  const defaults = AGENT_DEFAULTS[block.agent] ?? {};
  const answers: PreflightAnswer[] = [];
  const answer = (question: PreflightQuestion, status: PreflightStatus, hits: readonly Hit[], others: number, text?: string): void => {
    const first = hits[0]!;
    answers.push({
      question,
      status,
      rules: unique(hits.flatMap((h) => (h.rule ? [h.rule] : []))),
      at: typeof first.at === 'function' ? first.at() : first.at,
      text: text ?? shown(first.exception ? `${first.text} (exception ${first.exception})` : first.text),
      quoted: text === undefined,
      more: hits.length - 1 + others,
    });
  };
  for (const question of PREFLIGHT_QUESTIONS) {
    const s = byQuestion.get(question);
    if (question === 'offline') {
      // Derived: an agent granted or told to use the network is not offline-capable, by the same findings.
      const needs = (['network', 'packages'] as const).flatMap((q) => byQuestion.get(q)?.active ?? []);
      if (needs.length > 0)
        answer(question, 'violation', needs, 0, 'no: granted or told to use the network (see network, package installation)');
      else if (block.kind !== 'guidance')
        answers.push({ question, status: 'default', rules: [], text: NEUTRAL_DEFAULTS.offline, quoted: false, more: 0 });
      continue;
    }
    if (s && s.active.length > 0) answer(question, 'violation', s.active, s.waived.length);
    else if (s && s.waived.length > 0) answer(question, 'ok', s.waived, s.facts.length);
    else if (s && s.facts.length > 0) answer(question, 'ok', s.facts, 0);
    else if (block.kind !== 'guidance') {
      const text =
        (block.kind === 'launcher' ? LAUNCHER_DEFAULTS[question] : undefined) ?? defaults[question] ?? NEUTRAL_DEFAULTS[question];
      answers.push({ question, status: 'default', rules: [], text, quoted: false, more: 0 });
    }
  }
  return { ...block, answers, problems, moreProblems };
}

const unique = (values: readonly string[]): string[] => [...new Set(values)];
