import {
  certainClause,
  firstPerBlock,
  guardedInOtherLanguage,
  neverAsks,
  type GuidanceHit,
  type StatementReading,
} from '../../guidance/reading.js';
import { negatedBefore } from '../../guidance/language.js';
import type { Confidence } from '../../core/types.js';
import { anyPattern, oneOf, optionalWords } from '../../guidance/words.js';
import { publishingIn, waivedForPublishing } from '../publish-deploy/guidance.js';
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
  // Copilot CLI's, not Deno's permission flag for the program it runs: among the options of `deno test`, `deno run` and
  // the like, before the script (`deno test --no-check --allow-all a.ts`; not `deno run x.ts --allow-all`, whose
  // script takes it, nor `copilot -p "upgrade deno" --allow-all`).
  '(?<!(?:^|[`|;&\\n(])\\s*(?:[A-Za-z_]\\w*=\\S*\\s+)*deno\\s+(?:test|run|bench|serve|check|compile|install)(?:\\s+-[^\\s`|;&]*){0,12}\\s+)--allow-all(?![-\\w])',
  String.raw`(?:-a|--ask-for-approval)[= ]never\b`,
  String.raw`\bapproval_policy\s*=\s*["']?never\b`,
  String.raw`--yes-always\b`,
  // The `/yolo` command, not another command of a plugin named so (`/yolo:init`).
  String.raw`(?<![\w/])\/yolo\b(?![:\w-])`,
  '\\bcursor-agent\\b[^`|]{0,80}\\s(?:--force|-f)\\b',
  // Gemini CLI's and Qwen Code's short form of --yolo (src/shell/agent-clis.ts reads it in scripts and workflows).
  '\\b(?:gemini|qwen)\\b[^`|]{0,80}\\s-y\\b',
  // Cursor's escalation of a shell command out of its sandbox, with every permission (https://cursor.com/docs/agent/tools/terminal).
  String.raw`\brequired_permissions\b[^\]\n]{0,40}["']all["']\s*\]?`,
  // Claude Code's Bash tool parameter that runs a command outside the sandbox (https://code.claude.com/docs/en/sandboxing).
  String.raw`\bdangerouslyDisableSandbox\b(?!["'\s]*[:=]\s*["']?false\b)`,
];
const BYPASS_FLAG = new RegExp(BYPASS_SWITCHES.join('|'), 'i');
/** The same without `/yolo`: for an agent whose repository defines a command of its own by that name. */
const BYPASS_FLAG_OWN_YOLO = new RegExp(BYPASS_SWITCHES.filter((s) => !s.includes('\\/yolo')).join('|'), 'i');
/** Approvals off alone: with a sandbox of read-only or workspace-write it fails closed, the usual CI pairing. */
const NEVER_ASK = /^(?:-a|--ask-for-approval)|approval_policy/i;
const CONFINED =
  /(?:-s|--sandbox)[= ]["']?(?:read-only|workspace-write)\b|\bsandbox_mode\s*=\s*["']?(?:read-only|workspace-write)\b|--full-auto\b/i;
/** The bypass as an environment variable: `CLAUDE_DANGEROUS_SKIP_PERMISSIONS=true`. */
const BYPASS_ENV = /\b[A-Z_]{0,40}DANGEROUS(?:LY)?_(?:SKIP_PERMISSIONS|BYPASS)[A-Z_]{0,40}\s*=\s*["']?(?:true|1|yes)\b/;
/** "Execute any terminal command", "you have full permission to run any command". */
const ANY_COMMAND = anyPattern([
  '^',
  oneOf(['execute', 'run']),
  '\\s+',
  oneOf(['any', 'all', 'arbitrary', 'whatever']),
  '\\s+',
  optionalWords(['terminal', 'shell', 'bash', 'cli', 'system']),
  'commands?\\b',
]);
/**
 * "Allow every shell command, file edit and web fetch", "Allow all commands in this repository to run without asking"
 * (a Cursor auto-run instruction, or a grant): every command, said as a permission. Not those a qualifier names ("Allow
 * all commands that only read", "… listed below:"), nor time or a way given ("Allow all commands to finish", "… to run in
 * parallel", "… without a timeout").
 */
const ALLOW_ANY =
  /^allow\s+(?:any|all|every)\s+(?:(?:terminal|shell|bash|cli|system)\s+)?commands?(?:\s+(?:in|within|inside)\s+(?:this|the)\s+(?:repo(?:sitory)?|project|workspace))?(?=\s*(?:[.!;,]|$)|\s+to\s+(?:run|execute)\s*(?:[.!;,]|$)|\s+(?:to\s+(?:run|execute|be\s+(?:run|executed))\s+)?(?:without\s+(?:asking|approval|confirmation|prompting|prompts?|permission|review)|automatically|unattended)\b)/i;
const FULL_PERMISSION = anyPattern(
  // "You are in YOLO mode - all permissions granted", "Full autonomy granted for all operations".
  ['\\b(?:all|full|every) permissions?\\s+(?:are\\s+|have been\\s+)?granted\\b'],
  ['\\b(?:full|complete|total|unrestricted|maximum) autonomy\\s+(?:is\\s+|has been\\s+)?granted\\b'],
  ["\\byou(?: are|'re) (?:now )?in yolo mode\\b"],
  [
    // "Full rights to modify any files and run any commands": another grant may come first.
    '\\b(?:full|unrestricted|blanket) (?:permissions?|access|authority|autonomy|rights?) to (?:[^.]{0,40}?\\b(?:and|or) )?(?:run|execute|take|perform|do) (?:any|all|arbitrary|every)\\b',
  ],
  // "You are free to act with maximum autonomy", "you have full autonomy": no limit left to ask about.
  [
    '\\b',
    oneOf(['act', 'operate', 'work', 'proceed', 'run', 'you have', "you've got"]),
    '\\b[^.]{0,20}?\\b',
    oneOf(['maximum', 'maximal', 'max', 'full', 'complete', 'total', 'unrestricted', 'unlimited']),
    '\\s+autonomy\\b',
  ],
);
/** Full autonomy granted in French, Spanish, Italian, Portuguese or German: "Full autonomie acceptée", "autonomía total". */
const FULL = ['full', 'complete', 'total', 'totale', 'complète', 'pleine', 'volle', 'vollständige', 'completa', 'plena', 'piena'];
const AUTONOMY = ['autonomie', 'autonomía', 'autonomia'];
const FULL_AUTONOMY = new RegExp(`\\b(?:${oneOf(FULL)}\\s+${oneOf(AUTONOMY)}|${oneOf(AUTONOMY)}\\s+${oneOf(FULL)})(?![\\p{L}])`, 'iu');
/** "You have full authority to:" and a list: every item granted. */
const FULL_AUTHORITY = /\b(?:full|unrestricted|blanket|complete) (?:permission|authority|autonomy)(?: to)?\s*:\s*$/i;
/** "Automatically execute commands", "auto-run all terminal commands": every command run unasked. */
const AUTO_RUN =
  /\b(?:automatically|auto-?)\s*(?:execute|run|approve)\s+(?:all\s+|any\s+|every\s+)?(?:terminal\s+|shell\s+|bash\s+)?commands\b/i;
/**
 * "Proceed without asking for confirmation", "run commands without approval": work in general done unasked. "Introduce
 * external queues without approval" names one thing, which the rule that thing concerns reads.
 */
const GENERAL_WITHOUT =
  /\b(?:proceed|continue|act|work|operate|go ahead|keep going|move on|execute|run|perform|do)\b(?:\s+(?:with|any|all|every|the|your|commands?|changes|actions?|tools?|tool executions|anything|everything|it|them|things|steps|tasks?|work|directly|autonomously|independently|freely|automatically|and|background)){0,5}\s+without\b/i;
/**
 * Commands in general run unasked, said of the commands rather than as an order to the agent: "execute terminal
 * commands without manual approval", "all `run_command` tool calls will be auto-approved", "granted admin rights for
 * all terminal commands", "execução automática de TODOS os comandos", "全ての開発コマンドを自動実行", "without asking for
 * confirmation at each step".
 */
const COMMANDS_UNASKED = [
  /\b(?:execute|run)\s+(?:all\s+|any\s+|every\s+)?(?:(?:terminal|shell|bash|cli)\s+)?commands?\s+without\s+(?:(?:any|manual|user|human|explicit)\s+)*(?:approval|confirmation|permission|asking)\b/i,
  /\b(?:all|any|every)\s+(?:(?:terminal|shell|bash|cli|dev|development)\s+)?(?:commands?|`?run_command`?\s+(?:tool\s+)?calls?|tool\s+calls?)\b[^.]{0,60}?\b(?:auto-?(?:approved|run|executed)|(?:run|executed|approved)\s+automatically)\b/i,
  /\bgranted\s+(?:\w+\s+){0,2}(?:rights|permissions?|access)\s+(?:for|to)\s+(?:run\s+)?(?:all|any|every)\s+(?:(?:terminal|shell)\s+)?commands\b/i,
  /\bwithout\s+asking\s+(?:for\s+)?(?:confirmation|approval|permission)\s+(?:at|for|on)\s+(?:each|every)\s+step\b/i,
  /(?<![\p{L}])(?:execu[çc][ãa]o|ejecuci[óo]n|esecuzione|ex[ée]cution)\s+autom[áa]tica\s+de\s+(?:todos|todas)\s+(?:os|as|los|las)\s+comandos(?![\p{L}])/iu,
  /(?<![\p{L}])(?:sin|sem)\s+pedir\s+confirma(?:ci[óo]n|[çc][ãa]o)\s+(?:en|a|em)\s+cada\s+(?:paso|passo)(?![\p{L}])/iu,
  /(?:全ての|すべての|全部の)[^。]{0,12}コマンドを自動(?:実行|承認)|所有[^。]{0,8}命令(?:都|均)?自动(?:执行|运行|批准)/u,
  // "All confirmations are pre-approved", "the user never wants to approve any command": no prompt left to answer.
  /\b(?:all|every|any)\s+(?:confirmations?|approvals?|permission requests?|approval prompts?)\s+(?:are|is|have been)\s+(?:already\s+)?pre-?(?:approved|granted|answered)\b/i,
  /\b(?:never|doesn'?t|does not)\s+wants?\s+to\s+(?:manually\s+)?(?:accept|approve|confirm)(?:\s+or\s+(?:accept|approve|confirm))?\s+(?:any|every|all)\s+(?:\w+\s+)?(?:commands?|actions?|tool calls?|operations?)\b/i,
];

/**
 * "All `codex exec` commands MUST use `dangerouslyDisableSandbox: true`": a bypass in code that the sentence makes an
 * obligation of, said of the commands rather than as an order to the agent (the code is the first group).
 */
const OBLIGED_BYPASS = /\b(?:must|always|(?:is|are)\s+(?:mandatory|required))\b[^`.]{0,40}`([^`]+)`/i;

/** Commands run by CI, a hook or a server, not by the agent: "All commands are run automatically by CI". */
const ELSEWHERE = /\b(?:by|in|on)\s+(?:the\s+)?(?:ci|pipelines?|github actions|workflows?|cron|servers?|bots?|hooks?)\b/i;

/** "Full autonomy over the styling", "autonomie totale sur le style": autonomy kept to a subject. */
const SCOPED = /^\s+(?:over|within|regarding|about|on|for|sur|pour|sobre|para|su|per|über|für|bei)\b(?!\s+(?:all|any|every)\b)/i;
/** "AutoApprove: true", "**YOLO mode**: on": a setting that approves every tool call, written in guidance. */
const AUTO_APPROVE_ON =
  /\b(?:auto[-_ ]?approv(?:e|al)(?:[-_ ]?all)?|yolo(?:[-_ ]mode)?)(?:\*\*)?\s*[:=](?:\s*\*\*)?\s*["'`]?(?:true|yes|on|enabled?|all)\b/i;
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
      // A tool's flag that replaces the file it manages ("overwrite tasks.json without asking").
      'overwrit(?:e|es|ing)',
    ]) +
    String.raw`\b`,
  'i',
);
/** "Always answer \"Yes\"", "the answer is ALWAYS \"Yes\"", "always click Approve": approval prompts answered unread. */
const ALWAYS_YES =
  /\b(?:always (?:answer|respond|reply|click|press|select|choose|hit)|(?:the )?(?:answer|response|reply) is always)\s+["“'*]*(?:yes|approve|allow|accept|run)\b/i;
/** "any tool, terminal command, file edit": work in general named beside the routine kind. */
const ANY_WORK = /\b(?:any|all|every)\s+(?:tools?|commands?|actions?|operations?)\b|\b(?:terminal|shell) commands?\b/i;
/** Work in general, as what a waiver is kept to: running commands or tools, anything, whatever is needed. */
const ANY_WORK_NAMED =
  String.raw`(?:(?:proceed|continu|act|execut|go ahead|keep going|move on|work)\w*\b|` +
  String.raw`(?:(?:run|execut|us|do|perform|call|invok|mak|edit|chang|install|writ|modify)\w*\s+)?(?:(?:a|an|the|each|your|any)\s+)?` +
  String.raw`(?:any|all|every|anything|everything|whatever|arbitrary|commands?|tools?|changes?|edits?|packages?|scripts?|files?)\b)`;
/**
 * "Don't ask permission to start the skill", "Don't ask permission; just start the skill": a waiver kept to the work
 * it names, not every command ("Never ask for permission to run commands", "Don't ask; just run whatever you need" are).
 */
const WAIVER_KEPT_TO = new RegExp(
  String.raw`\b(?:never|don'?t|do not|no need to)\s+(?:ask|request|seek)\s+(?:for\s+)?(?:\w+\s+)?(?:permission|approval|confirmation)\s*` +
    String.raw`(?:(?:to|before)\s+(?!${ANY_WORK_NAMED})|[;,\u2014-]+\s*just\s+(?!(?:do|run|execute|proceed|act|continue|go|work|use|keep|make|edit|change|install|ship|push|deploy|merge|release|publish)\b)[a-z]+\s+\w)`,
  'i',
);
/** Words that keep a waiver wide whatever work it names: anything, every action, and the risks the rules are about. */
const WIDE_WORK =
  /\b(?:any|all|every|anything|everything|whatever|actions?|work(?:ing)?|sudo|outside|network|internet|online|secrets?|credentials?|tokens?|delete|remove|force|production|prod|deploy\w*|push\w*|publish\w*|release\w*|install\w*)\b/i;
/** A waiver kept to the work it names, and that work none of the wide kind, to the end of its clause. */
function keptToNamedWork(sentence: string): boolean {
  const kept = WAIVER_KEPT_TO.exec(sentence);
  if (!kept) return false;
  const rest = sentence.slice(kept.index + kept[0].length - 1).split(/[.;:!?]/, 1)[0]!;
  return !WIDE_WORK.test(rest);
}
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

/** "Started without `--yolo`": the flag named as missing. */
const WITHOUT_BEFORE = /\b(?:without|minus|lacking)\s+(?:the\s+)?[`*]*$/i;
/** After a flag, in its clause: "… when explicitly enabled", the bypass kept to an opt-in. */
const OPTED_AFTER =
  /^[^;!?]{0,120}?\b(?:when|if|once)\s+(?:it is\s+|it's\s+)?(?:explicitly|specifically)\s+(?:enabled|requested|asked|set|configured|opted)/i;
/** The agent said to be run in some way: "You are started with", "the agent is launched with", "you run in". */
const SELF_LAUNCHED =
  /\b(?:you|you'?re|the agent|this agent|claude|codex|gemini)\s+(?:(?:are|is|were|was|will be|get|gets|always|now|being)\s+){0,2}(?:started|launched|run(?:ning)?|invoked|spawned|executed|operating)\s+(?:with|in|using|under)\b/i;

/** Whether the words around a bypass flag keep it to an opt-in: "only" before it and "when explicitly enabled" after, in its clause. */
const optedIntoAt = (text: string, at: number): boolean =>
  at >= 0 && /\bonly\b[^;.!?]{0,50}$/i.test(text.slice(Math.max(0, at - 60), at)) && OPTED_AFTER.test(text.slice(at, at + 160));
/** Words that make a table row an order rather than a reference: "| Always run `claude --yolo` |". */
const ROW_ORDERS = /\b(?:run|execute|invoke|call|start|launch|then|always|automatically|must|should|do)\b/i;

/** Whether the text before a bypass flag says it is missing ("without `--yolo`"). */
const absentAt = (text: string, at: number): boolean => at >= 0 && WITHOUT_BEFORE.test(text.slice(Math.max(0, at - 24), at));

/**
 * A placeholder that lists the values to choose from (`--sandbox <read-only|workspace-write|danger-full-access>`,
 * `[default|yolo]`): words and dashes only, joined by `|` with no blank, so a pipe between redirections
 * (`cat < a | claude --dangerously-skip-permissions > b`) is none.
 */
const CHOICES = /<[\w.-]{1,40}(?:\|[\w.-]{1,40}){1,16}>|\[[\w.-]{1,40}(?:\|[\w.-]{1,40}){1,16}\]/g;

/**
 * A shell test (`if [[ "$ARGUMENTS" == *"--yolo"* ]]`, `[ "$1" = --yolo ] &&`): where a command starts, a comparison
 * whose words are compared, not run. Not one that runs something inside it (`$(…)`, `<(…)`, backticks), nor a list
 * written with brackets (`args: [ "--yolo" ]`).
 */
const SHELL_TEST = /(?<=(?:^|[;&|!(]|\b(?:if|elif|while|until|then|do))\s*)(?:\[\[\s[^\n]*?\s\]\]|\[\s[^[\]\n]*?\s\](?!\w))/g;
const COMPARES = /\s(?:==?|!=|=~|-(?:eq|ne|lt|le|gt|ge|n|z))\s/;
const withoutTests = (text: string): string =>
  text.includes('[') ? text.replace(SHELL_TEST, (m) => (COMPARES.test(m) && !/\$\(|<\(|`/.test(m) ? ' '.repeat(m.length) : m)) : text;

/**
 * A flag that bypasses, unless it only turns approvals off inside a confining sandbox, is one of the values a
 * placeholder offers, or is compared by a shell test (both blanked, so that what is found keeps its place in the text).
 */
function bypassFlag(written: string, ownYolo = false): RegExpExecArray | null {
  const flags = ownYolo ? BYPASS_FLAG_OWN_YOLO : BYPASS_FLAG;
  const tested = withoutTests(written);
  // A placeholder whose every value bypasses (`[-y|--yolo]`) offers no choice but the bypass.
  const text = tested.includes('|')
    ? tested.replace(CHOICES, (m) =>
        m
          .slice(1, -1)
          .split('|')
          .every((o) => flags.test(o) || o === '-y')
          ? m
          : ' '.repeat(m.length),
      )
    : tested;
  const flag = flags.exec(text);
  return flag && NEVER_ASK.test(flag[0]) && CONFINED.test(text) ? null : flag;
}

interface Bypass {
  what: string;
  confidence: Confidence;
}

/** What a statement orders that bypasses the sandbox or approvals, and how sure the reading is. */
function bypassIn(reading: StatementReading, ownYolo: boolean): Bypass | undefined {
  const { orders } = reading;
  if (orders.kind === 'command') {
    const flag = bypassFlag(orders.command, ownYolo)?.[0];
    return flag ? { what: flag, confidence: 'high' } : undefined;
  }
  if (orders.kind === 'setting')
    return bypassFlag(orders.text, ownYolo) || BYPASS_SETTING.test(orders.text)
      ? { what: 'a bypass setting', confidence: 'high' }
      : AUTO_APPROVE_ON.test(orders.text)
        ? { what: 'every tool call approved', confidence: 'medium' }
        : undefined;
  if (orders.kind !== 'prose' || guardedInOtherLanguage(orders.clauses, reading.statement.text)) return undefined;
  let prose: Bypass | undefined;
  const sentence = reading.statement.text;
  // A table row that orders nothing pairs a flag with what it does: a reading, not a certainty.
  const reference = reading.statement.source === 'table' && !ROW_ORDERS.test(sentence);
  for (const clause of orders.clauses) {
    for (const command of clause.commands) {
      const flag = bypassFlag(command, ownYolo);
      if (!flag) continue;
      const at = sentence.indexOf(`\`${command}\``);
      // "- YOLO mode (auto-approve everything): `--approval-mode yolo`": an option named under a label, which no
      // command runs, is a reference to it.
      const named = command.trimStart().startsWith('-') && labelledOption(sentence);
      if (!absentAt(sentence, at) && !optedIntoAt(sentence, at))
        return { what: flag[0], confidence: !certainClause(clause) || reference || named ? 'medium' : 'high' };
    }
    if (prose) continue;
    const flag = clause.codeFirst ? null : bypassFlag(clause.text, ownYolo);
    if (flag && flag.index < clause.negatedFrom && !absentAt(clause.text, flag.index) && !optedIntoAt(clause.text, flag.index))
      prose = { what: flag[0], confidence: 'medium' };
    else if (clause.wordsOrder && BYPASS_PHRASE.test(clause.text)) prose = { what: 'a bypass mode', confidence: 'medium' };
    else if (clause.wordsOrder && (ANY_COMMAND.test(clause.text) || ALLOW_ANY.test(clause.text)))
      prose = { what: 'any command', confidence: 'medium' };
  }
  if (prose) return prose;
  // "You are started with `--yolo`", "you are running in yolo mode": the agent told how it runs, without its sandbox.
  const self = SELF_LAUNCHED.exec(sentence);
  if (self && !negatedBefore(sentence, self.index)) {
    const after = sentence.slice(self.index + self[0].length, self.index + self[0].length + 100);
    const flag = bypassFlag(after, ownYolo);
    if (flag && !absentAt(after, flag.index)) return { what: flag[0], confidence: 'medium' };
    if (/^\W{0,3}(?:an?\s+|the\s+)?(?:yolo|bypass ?permissions|full[- ]access|dangerous(?:ly)?)\b/i.test(after))
      return { what: 'a bypass mode', confidence: 'medium' };
  }
  const obliged = OBLIGED_BYPASS.exec(sentence);
  const obligedFlag = obliged ? bypassFlag(obliged[1]!, ownYolo) : null;
  if (obliged && obligedFlag && !negatedBefore(sentence, obliged.index + obliged[0].length - obliged[1]!.length))
    return { what: obligedFlag[0], confidence: 'medium' };
  const env = BYPASS_ENV.exec(sentence);
  if (env && !negatedBefore(sentence, env.index)) return { what: 'a bypass setting', confidence: 'medium' };
  for (const re of [AUTO_RUN, FULL_AUTHORITY, ...(ELSEWHERE.test(sentence) ? [] : COMMANDS_UNASKED)]) {
    const m = re.exec(sentence);
    if (m && !negatedBefore(sentence, m.index)) return { what: 'any command', confidence: 'medium' };
  }
  const yes = ALWAYS_YES.exec(sentence);
  if (yes && !negatedBefore(sentence, yes.index)) return { what: 'every approval prompt answered yes', confidence: 'medium' };
  const on = AUTO_APPROVE_ON.exec(sentence);
  if (on && !negatedBefore(sentence, on.index)) return { what: 'every tool call approved', confidence: 'medium' };
  const all =
    reading.statement.approves !== true
      ? null
      : (APPROVED_ALL.exec(sentence) ?? (reading.waivesApproval ? ALL_WORK_SUBJECT.exec(sentence) : null));
  if (all && !negatedBefore(sentence, all.index)) return { what: 'any command', confidence: 'medium' };
  const full = FULL_PERMISSION.exec(sentence) ?? FULL_AUTONOMY.exec(sentence);
  if (full && !negatedBefore(sentence, full.index) && !SCOPED.test(sentence.slice(full.index + full[0].length)))
    return { what: 'any command', confidence: 'medium' };
  // "Never ask for confirmation" as a standing instruction: the agent stops asking for anything. A sentence
  // that orders publishing is left to publish-deploy; the built-in publish commands decide, not a policy's.
  if (
    reading.waivesApproval &&
    (neverAsks(sentence) || GENERAL_WITHOUT.test(sentence) || orders.waivesAll === true) &&
    !publishingIn(reading, catalogFor([], [])) &&
    (!ROUTINE.test(sentence) || ANY_WORK.test(sentence)) &&
    !SCOPED_EXCEPTION.test(sentence) &&
    !keptToNamedWork(sentence) &&
    !namedWorkOnly(reading)
  )
    return { what: 'never asking for approval', confidence: 'medium' };
  return undefined;
}

/**
 * "Staging and committing can run without asking": a waiver said of named work, not of every command. Not when the
 * sentence also waives asking at all ("Never ask for confirmation; git commands run without asking"), nor when what it
 * names is work in general ("Commands run without asking", "Allow commands to run without asking").
 */
function namedWorkOnly(reading: StatementReading): boolean {
  if (neverAsks(reading.statement.text)) return false;
  const subject = reading.waiverSubject;
  return (
    subject !== undefined &&
    /\w/.test(subject) &&
    !ANY_WORK.test(subject) &&
    !GENERAL_WORK.test(subject) &&
    !/\b(?:everything|anything)\b/i.test(subject) &&
    !ALL_WORK.test(subject)
  );
}
/** All of the work, not installs of something named: "all commands", "all scripts", not "all pip and package manager installs". */
const ALL_WORK = /\b(?:all|any|every)\b(?!(?:\s+[\w-]+){0,4}?\s+(?:installs?|installations?|downloads?|upgrades?)\b)/i;
/** Work in general as a subject: "commands", "the tools", "tool calls", not "commands that only read". */
const GENERAL_WORK =
  /^\W*(?:the\s+|your\s+|its\s+)?(?:commands?|tools?|tool calls?|actions?|operations?|steps?|changes?)\b(?!\s+(?:that|which|for|of|in|under|like|such|named|listed)\b)/i;

/**
 * What "all" quantifies when it is every command ("all", "any and all", "all of the"): the commands, actions, tool
 * calls or shell of any kind; not commands a clause narrows ("all commands listed below", "all shell commands that
 * only read").
 */
const ALL_COMMANDS = String.raw`(?:any\s+and\s+all|all|any|every)\s+(?:of\s+(?:the\s+|your\s+)?)?(?:(?:local|terminal|shell|bash|cli|agent)\s+){0,2}(?:shell\b(?!\s+(?:commands?|scripts?)\b)|commands?\b|actions?\b|tool calls?\b)(?!\s+(?:that|which|in|under|listed|from|of|like|such|matching|named|below|above|only)\b)`;
/**
 * What may follow every command an approving verb names: the clause's end, a list of more ("all shell, git and pip")
 * or a waiver; not another purpose ("Allow all commands to finish first").
 */
const APPROVED_ALL_END = String.raw`(?=\s*(?:[.!;,]|$)|\s+(?:and|without|automatically|unattended|freely)\b)`;
/**
 * In a list of approvals (Cursor's `allow_instructions`), every command or action approved ahead by its leading verb
 * ("Allow all local shell, git and pip") or in so many words ("standing full approval for ALL agent actions").
 */
const APPROVED_ALL = new RegExp(
  String.raw`^\W*(?:always\s+)?(?:allow|approve|auto-approve|permit)\s+${ALL_COMMANDS}${APPROVED_ALL_END}|\b(?:full|standing|blanket)\s+(?:\w+\s+)?approval\s+for\s+(?:all|any|every)\s+(?:(?:agent|shell|terminal)\s+)?(?:actions?|commands?|tool calls?)\b`,
  'i',
);
/** The same as the subject of a statement that waives approval: "All shell commands run without prompting". */
const ALL_WORK_SUBJECT = new RegExp(String.raw`^\W*${ALL_COMMANDS}`, 'i');

/** A waiver with no object of its own ("Don't ask permission.") speaks of the statement before it. */
const BARE_WAIVER = 60;

/** A list item or line that is a label and an option in code, nothing else: "- YOLO mode: `--yolo`". */
const LABELLED_OPTION = /^\s*(?:[-*+]\s+|\d+[.)]\s+)?([^`:\n]{1,80}):\s*`-[^`]+`\s*[.;]?\s*$/;
/** Words of an order, not of a name, before the colon: "Run claude like this: `--flag`". */
const LABEL_ORDERS = /\b(?:run|use|start|launch|invoke|call|pass|add|always|must|should|with|like|this|these|following)\b/i;
const labelledOption = (sentence: string): boolean => {
  const label = LABELLED_OPTION.exec(sentence)?.[1];
  return label !== undefined && label.trim().split(/\s+/).length <= 6 && !LABEL_ORDERS.test(label);
};

/** A command or skill of the repository's own named `yolo` (`.claude/commands/yolo.md`, `.gemini/commands/yolo.toml`). */
const OWN_YOLO = /(?:^|\/)(?:commands\/(?:[^/]+\/)*yolo\.(?:md|toml)|skills\/yolo\/SKILL\.md)$/i;

/** A recognised bypass, with how sure the reading is. */
export interface BypassHit extends GuidanceHit {
  confidence: Confidence;
}

/** Guidance that tells the agent to work without its sandbox or approvals; one finding per block. */
export function findSandboxBypass(readings: readonly StatementReading[]): BypassHit[] {
  const hits: BypassHit[] = [];
  // An agent whose repository defines its own `/yolo` command (a command or skill file named so) means that one by
  // the name, in its own guidance; another agent's `/yolo` is still its switch.
  const ownYolo = new Set(readings.filter((r) => OWN_YOLO.test(r.statement.file)).map((r) => r.statement.agent));
  readings.forEach((reading, i) => {
    const found = bypassIn(reading, ownYolo.has(reading.statement.agent));
    if (!found) return;
    const before = readings[i - 1];
    if (found.what === 'never asking for approval') {
      // A waiver whose scope names publishing is publish-deploy's to report.
      if (waivedForPublishing(readings, i, catalogFor([], []), false)) return;
      // A bare waiver speaks of the order before it: routine work waives nothing, and publishing is publish-deploy's.
      const bare = reading.statement.text.length <= BARE_WAIVER && before?.statement.file === reading.statement.file;
      if (bare && (ROUTINE.test(before.statement.text) || publishingIn(before, catalogFor([], [])))) return;
      // "Never ask before:" speaks of what it leads into.
      const next = readings[i + 1]?.statement;
      if (reading.statement.text.trimEnd().endsWith(':') && next?.file === reading.statement.file && ROUTINE.test(next.text)) return;
    }
    hits.push({ statement: reading.statement, quote: reading.quoteFor(found.what), ...found });
  });
  return firstPerBlock(hits);
}
