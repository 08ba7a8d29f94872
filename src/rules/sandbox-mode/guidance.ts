import { recognise, type GuidanceHit, type StatementReading } from '../../guidance/reading.js';
import { anyPattern, oneOf } from '../../guidance/words.js';
import { publishingIn } from '../publish-deploy/guidance.js';
import { catalogFor } from '../shared/analysis.js';

/** Switches and settings that take the agent out of its sandbox or its approvals, as written in a command; first match wins. */
const BYPASS_SWITCHES = [
  '--dangerously-bypass-approvals-and-sandbox',
  '--dangerously-skip-permissions',
  '--dangerously-allow-all',
  String.raw`--yolo\b`,
  '--permission-mode[= ]bypassPermissions',
  '--approval-mode[= ]yolo',
  '(?:-s|--sandbox)[= ]danger-full-access',
  String.raw`\bdanger-full-access\b`,
  String.raw`\bbypassPermissions\b`,
  String.raw`--allow-all-tools\b`,
  String.raw`--allow-all(?![-\w])`,
  String.raw`(?:-a|--ask-for-approval)[= ]never\b`,
  String.raw`\bapproval_policy\s*=\s*["']never["']`,
  String.raw`--yes-always\b`,
  String.raw`(?:^|\s)\/yolo\b`,
  '\\bcursor-agent\\b[^`|]{0,80}\\s(?:--force|-f)\\b',
];
const BYPASS_FLAG = new RegExp(BYPASS_SWITCHES.join('|'), 'i');
/** Settings in a config line that turn the sandbox or the approvals off. */
const BYPASS_SETTING = /"?defaultMode"?\s*[:=]\s*"bypassPermissions"|\bsandbox_mode\s*=\s*["']danger-full-access/;

/** Verbs that put the agent into a mode, and the modes that bypass its sandbox or approvals. */
const ENTER = [
  'run',
  'start',
  'launch',
  'use',
  'enable',
  'turn on',
  'switch to',
  'switch on',
  'put (?:yourself |it )?in(?:to)?',
  'go',
  'operate',
  'work',
];
const BYPASS_MODES = [
  'yolo',
  'full[- ]access',
  'bypass(?:permissions| mode)?',
  'dangerous(?:ly)? mode',
  'autopilot',
  'turbo mode',
  'brave mode',
  'run everything',
  'auto-?approve(?: mode)?',
];
/** Verbs that switch a safeguard off, and the safeguards. */
const SWITCH_OFF = ['disable', 'turn off', 'skip', 'bypass', 'ignore', 'switch off'];
const SAFEGUARDS = [
  'sandbox(?:ing)?',
  'permission (?:prompts?|checks?|system)',
  'approval(?: prompt)?s?',
  'confirmation(?: prompt)?s?',
  'safety checks?',
];
const BYPASS_PHRASE = anyPattern(
  ['^', oneOf(ENTER), String.raw`\b[^.]{0,40}?\b`, oneOf(BYPASS_MODES), String.raw`\b`],
  ['^', oneOf(SWITCH_OFF), String.raw`\b[^.]{0,20}?\b(?:the )?`, oneOf(SAFEGUARDS), String.raw`\b`],
  ['^', oneOf(['auto-?approve', 'approve']), String.raw`\s+`, oneOf(['everything', 'all', 'every']), String.raw`\b`],
);

/** Work a team lets the agent do without asking: waiving approval for it is no bypass. */
const ROUTINE = new RegExp(
  String.raw`\b` +
    oneOf([
      'tests?',
      'lint(?:er|ing)?',
      'format(?:ting)?',
      'build',
      'typecheck',
      'read(?:ing)?',
      'edit(?:ing|s)?',
      'refactor(?:ing)?',
      'small',
      'minor',
      'trivial',
      'routine',
      'safe',
      'local(?:ly)?',
      'commits?',
      'files? in the (?:repo|repository|project)',
    ]) +
    String.raw`\b`,
  'i',
);
/** "Do not ask for permission unless it is destructive or touches production": a scoped guardrail. */
const RISKS = [
  'destructive',
  'production',
  'prod',
  'deploy',
  'publish',
  'push',
  'credential',
  'secret',
  'irreversible',
  'expensive',
  'risky',
  'dangerous',
  'outside',
  'delete',
  'external',
];
const SCOPED_EXCEPTION = new RegExp(String.raw`\bunless\b[^.]{0,200}\b` + oneOf(RISKS), 'i');

/** What a statement orders that bypasses the sandbox or approvals. */
function bypassIn(reading: StatementReading): string | undefined {
  const { orders } = reading;
  if (orders.kind === 'command') return BYPASS_FLAG.exec(orders.command)?.[0];
  if (orders.kind === 'setting') return BYPASS_FLAG.test(orders.text) || BYPASS_SETTING.test(orders.text) ? 'a bypass setting' : undefined;
  if (orders.kind !== 'prose') return undefined;
  for (const clause of orders.clauses) {
    for (const command of clause.commands) {
      const flag = BYPASS_FLAG.exec(command);
      if (flag) return flag[0];
    }
    const flag = clause.codeFirst ? null : BYPASS_FLAG.exec(clause.text);
    if (flag && flag.index < clause.negatedFrom) return flag[0];
    if (clause.wordsOrder && BYPASS_PHRASE.test(clause.text)) return 'a bypass mode';
  }
  // "Never ask for confirmation" as a standing instruction: the agent stops asking for anything. A sentence
  // that orders publishing is left to publish-deploy; the built-in publish commands decide, not a policy's.
  const sentence = reading.statement.text;
  if (reading.waivesApproval && !publishingIn(reading, catalogFor([], [])) && !ROUTINE.test(sentence) && !SCOPED_EXCEPTION.test(sentence))
    return 'never asking for approval';
  return undefined;
}

/** Guidance that tells the agent to work without its sandbox or approvals. */
export const findSandboxBypass = (readings: readonly StatementReading[]): GuidanceHit[] => recognise(readings, bypassIn);
