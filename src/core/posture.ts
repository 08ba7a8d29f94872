import type { Anchor, Confidence, KeyPath, Position, ProblemSite, Span } from './types.js';
import type { Locator } from './locator.js';

/** The name a CI secret fact gives a read of the whole `secrets` context: every secret the workflow can read. */
export const EVERY_SECRET = '*';

/** The sandbox levels every agent's vocabulary is mapped onto. */
export type SandboxMode = 'read-only' | 'workspace-write' | 'danger-full-access';
/** What a permission entry decides for a command, a tool or a path. */
export type Decision = 'allow' | 'ask' | 'deny';

export interface FactBase {
  keyPath: KeyPath;
  anchor: Anchor;
  /** The setting as written, e.g. `sandbox_mode = "danger-full-access"`; shown in messages and matched by exceptions. */
  evidence: string;
  /** Where in the file the setting applies, e.g. `profile "fast"`; absent for the file's top level. */
  scope?: string;
  /** A remark about the agent that a finding on this fact shows in parentheses (how the tool reads the setting). */
  note?: string;
  /**
   * How certain a finding on this fact is, when less than a setting's certainty: an Antigravity `// turbo` step runs
   * unprompted only once the user has invoked its workflow, an invocation that may be the approval. `high` when absent.
   */
  confidence?: Confidence;
}

/** What a switch that lifts the sandbox or the prompts grants. */
export type BypassGrant =
  | 'skip-all-prompts'
  | 'confirm-all'
  | 'approve-all-tool-calls'
  | 'allow-all-tools'
  | 'approve-all-tools-everywhere'
  | 'sessions-without-approvals'
  | 'unsandboxed-commands'
  | 'no-sandbox'
  /** Writes to the agent's own permission files allowed without asking: it can grant itself the rest. */
  | 'edits-own-permissions'
  /**
   * A permission mode in which a model, not a human, decides whether each action that would ask may run (Claude
   * Code's and Qwen Code's `auto`): the mode the agent starts in is no longer one that asks.
   */
  | 'model-approves';

/** Tool calls accepted without confirmation beyond single tools: a trusted server, a standing approval, autonomous steps. */
export type AutoApproveGrant = 'trusted-server' | 'autonomous-steps';

/**
 * One thing a committed file grants or decides, in vendor-neutral terms. Adapters produce facts;
 * rules judge them. Nothing here says whether a fact is good or bad.
 */
export type Fact = FactBase &
  (
    | { kind: 'sandbox'; mode: SandboxMode }
    /** A switch that lifts the sandbox or every prompt (bypass modes, "yolo", always-yes). */
    | { kind: 'bypass'; grants: BypassGrant }
    | { kind: 'approval-never' }
    | { kind: 'self-trust'; target: string }
    | {
        kind: 'network';
        what: 'sandbox-network' | 'web-search' | 'fetch' | 'remote-server' | 'domain' | 'unenforced-domains' | 'proxy';
        host?: string;
      }
    | { kind: 'writable-root'; path: string }
    | CommandRule
    /**
     * A command that runs without a prompt (hook, notifier, auto-test). `place` maps character offsets of
     * `command` to file positions, for rules that analyse it with their own options (absent: the key is the place).
     * `launch`: an argument vector run without a shell (an MCP server, Codex `notify`); `command` quotes it.
     */
    | { kind: 'auto-command'; command: string; trigger: string; place?: TextPlace; launch?: LaunchArgv }
    /**
     * One thing a command that runs without a prompt does (`effect`, offsets in `command`), anchored at that part
     * of the file. `launch`: the command is an MCP server started with the agent, not a shell line.
     */
    | { kind: 'command-effect'; effect: CommandEffect; command: string; trigger: string; launch: boolean }
    /**
     * `launch`: the command, arguments and URL of the server when the same file declares it (to recognise it).
     * `destructive`: the config says whether tools annotated destructive are exposed (Codex apps' `destructive_enabled`);
     * `openWorld`: whether tools annotated open-world, which act on systems outside this one, are (`open_world_enabled`).
     * `mcpAccess`: what the server's environment says about what it may do (see `ServerAccess`).
     */
    | {
        kind: 'tool-approval';
        server: string;
        tool: string;
        launch?: string[];
        destructive?: boolean;
        openWorld?: boolean;
        mcpAccess?: ServerAccess;
      }
    /** Tool calls accepted without confirmation, beyond single tools (trusted servers, auto-accept switches). */
    | { kind: 'auto-approve'; grants: AutoApproveGrant; server?: string; launch?: string[]; mcpAccess?: ServerAccess }
    /**
     * The agent operates graphical apps: any app on the desktop (`desktop`: app and system state outside the
     * repository), or a browser it drives (`browser`: any site).
     */
    | { kind: 'gui-control'; reach: 'desktop' | 'browser' }
    | { kind: 'model-reviewer' }
    /** Part of a command line that starts an agent that a limit left unread (`why`, a sentence): what it grants is not known. */
    | { kind: 'unread'; why: string }
    | { kind: 'env-passthrough'; detail: string }
    | { kind: 'literal'; value: string; keyName: string }
    | { kind: 'inline-credential'; value: string }
    | { kind: 'path-access'; path: string; access: 'read' | 'write'; decision: Decision; group: string }
    /**
     * Sessions or transcripts shared outside the machine automatically: whole (`all`), or the prompts and tool
     * calls a telemetry export carries with their content (`telemetry`).
     */
    | { kind: 'session-sharing'; sessions: 'all' | 'telemetry' }
    /**
     * A personal file committed: what it `holds`, the personal file it is a copy of (`copyOf`), the tool that keeps
     * it out of git when it creates it (`ignoredBy`), or the tool whose documentation says it is not committed
     * (`documentedBy`).
     */
    | { kind: 'personal-file'; holds: string; copyOf?: string; ignoredBy?: string; documentedBy?: string }
    /**
     * The token a CI job that runs the agent holds: its write `scopes` (`contents`, `packages`, `id-token`, …, or
     * `write-all`), or, when the job sets no permissions, the repository's default token (`repositoryDefault`),
     * which may be able to write. `reach`: how the agent's commands get it (left in `.git/config` by a checkout,
     * in their environment, handed over by the action); `id-token` needs none, its request token is in every step.
     */
    | { kind: 'ci-token'; scopes: string[]; repositoryDefault: boolean; reach: string[] }
    /**
     * A secret an unattended agent can read: in its commands' environment (`${{ secrets.NAME }}`), left in
     * `.git/config` by a checkout, written by an earlier step of the job to `$GITHUB_ENV` or a file (`exported`), or
     * to a step output the agent's step is given (`output`); `token`: the CI token, with what it can do. `name` is
     * `EVERY_SECRET` for a read of the whole `secrets` context (`toJSON(secrets)`).
     */
    | {
        kind: 'ci-secret';
        name: string;
        token?: string;
        held: 'environment' | 'git-config' | 'exported' | 'output';
        /** For a secret in `env:`, the variable that holds it (`GH_TOKEN`). */
        variable?: string;
        /** The job's own token, and its `permissions:` grant no write scope: it reads what the job can read, until the job ends. */
        readOnly?: true;
        /** For a secret passed through a step output, the line that wrote it there. */
        source?: ProblemSite;
      }
    /**
     * An event anyone can cause (a comment, an issue, a fork's pull request) starts an unattended agent, with no
     * check of who caused it. What it then steers: the token's write scopes (`writes`) and secrets the agent holds.
     */
    | {
        kind: 'untrusted-trigger';
        event: string;
        writes: string[];
        secrets: string[];
        /** `secrets` holds `GITHUB_TOKEN` and the job's `permissions:` grant it no write scope. */
        readOnlyToken?: true;
      }
  );

/**
 * A command permission. `pattern` holds token alternatives per position (a prefix of the commands it covers);
 * `matcher` says how the tool matches: word prefixes, a glob over the command line, or a regular expression.
 * `precedence`: `most-restrictive` (deny and ask beat allow) or `last-match` (the last matching entry wins).
 */
export type CommandRule = FactBase & {
  kind: 'command-rule';
  pattern: string[][];
  /**
   * `exact`: the words are the whole command (Claude Code's `Bash(npm install)` without `:*`), not a prefix.
   * `optionalTail`: a trailing ` *` of the glob also matches nothing, so `git push *` matches `git push` (OpenCode).
   */
  matcher:
    | { kind: 'prefix'; exact?: boolean }
    | { kind: 'glob'; source: string; optionalTail?: true }
    | { kind: 'regex'; source: string; flags: string };
  decision: Decision;
  group: string;
  precedence: 'most-restrictive' | 'last-match';
  order: number;
  implicitDecision: boolean;
};

/** Where a path a command writes to lies. */
export type PathPlace = 'repository' | 'absolute' | 'home' | 'parent' | 'temp' | 'variable';
/** A mechanism that makes something run again later (at login, on a schedule, on a git operation). */
export type Persistence = 'shell-profile' | 'cron' | 'launchd' | 'systemd' | 'git-hook' | 'ssh-authorized-keys' | 'autostart';

/** One thing a command line does, with its character range in the line (`src/shell/effects.ts` finds them). */
export type CommandEffect = { start: number; end: number } & (
  | { kind: 'write'; how: string; path: string; place: PathPlace; outside: boolean; persistence?: Persistence }
  | { kind: 'persistence'; mechanism: Persistence; program: string }
  | { kind: 'network'; program: string }
  | { kind: 'url'; url: string }
  | { kind: 'listener'; program: string; background: boolean }
  | { kind: 'fetch-run'; via: 'pipe' | 'process-substitution' | 'command-substitution' | 'downloaded-file'; interpreter: string }
  | {
      kind: 'package-run';
      runner: string;
      package: string;
      pinned: boolean;
      autoConfirm: boolean;
      /** The words the package's program is given, as the shell reads them (quotes removed, `$VAR` as written). */
      args: readonly string[];
    }
  /** An install into the user's or the system's folders (`npm install -g`, `brew install`, `sudo pip install`). */
  | { kind: 'global-install'; command: string }
  | { kind: 'env-injection'; variable: string; value: string; injects: string }
  | { kind: 'trace-removal'; how: string }
  | { kind: 'secret-read'; what: string; how: 'read' | 'copy' | 'archive' }
  | { kind: 'publish'; command: string }
  | { kind: 'destructive'; command: string }
);

/**
 * Where the characters of a string value sit in its file: runs of characters that map one to one, each starting
 * at `offset` in the decoded string and at `line`/`column` in the file (escapes and line breaks start a new run).
 */
/**
 * What a declared MCP server's environment says about what it may do: `env`, its variables whose values are a
 * reference (`${GITHUB_TOKEN}`, `$X`, one `${{ … }}` expression) or a switch (`1`, `true`, `0`, `false`), never
 * another value, so no credential is carried; and `readOnlyTokens`, those of them that hold only GitHub tokens that
 * cannot write a repository's contents (set where the run's tokens are known: a CI job).
 */
export interface ServerAccess {
  env: Record<string, string>;
  readOnlyTokens?: string[];
}

/** An argument vector as a launch site wrote it: each argument with its key path and, when known, its characters. */
export interface LaunchArgv {
  argv: string[];
  paths: KeyPath[];
  places: (TextPlace | undefined)[];
}

export interface TextPlace {
  runs: readonly (readonly [offset: number, line: number, column: number])[];
  length: number;
}

/**
 * A script or target the repository defines (a package.json script, a Makefile target), by the command lines
 * that start it by name (`npm run deploy`, `make deploy`), with the command lines it runs in order.
 */
export interface RunnerScript {
  invocations: readonly (readonly string[])[];
  /** How its file calls it, e.g. `package.json script "deploy"`. */
  label: string;
  /** Its own command lines and those that run with it (npm's `predeploy`), each with how its file calls it. */
  commands: readonly { command: string; label: string; file: string; keyPath: KeyPath; place?: TextPlace }[];
  /**
   * The targets its own file runs before it, as the command that starts each (`make build` for a Makefile
   * prerequisite `build`, a just dependency, a Taskfile `deps` entry or `task:` command).
   */
  prerequisites?: readonly (readonly string[])[];
  /** Why the scripts it stands for were not read (a file cut at a limit); it then has no commands. */
  unread?: string;
  /** Its name holds Task's wildcard `*` (`start:*`): a command whose name the pattern matches runs it when no task has that name. */
  wildcard?: true;
  /**
   * A shell script allow rules name by path, with the words they name it by (`./scripts/deploy.sh`): judged apart from
   * the runners' scripts, within a budget of its own, and counted only for a rule that names it so.
   */
  byPath?: ReadonlySet<string>;
}

/** Vendor wording an adapter lends to rules for their fix hints, so rules never ask which agent a file is for. */
export interface AgentHints {
  /** How the agent's config turns on filtering of the environment passed to commands. */
  envFilter?: string;
}

export type FactKind = Fact['kind'];
export type FactOf<K extends FactKind> = Extract<Fact, { kind: K }>;

/** Everything one committed agent file grants, located. */
export interface AgentPosture {
  agent: string;
  file: string;
  facts: Fact[];
  /** Whether the file filters the environment passed to commands: `n/a` for formats with no such setting. */
  envFilter: 'filtered' | 'unfiltered' | 'absent' | 'n/a';
  locator: Locator;
  /**
   * A file the agent reads under another name, from a dotfiles repository (`dot_codex/config.toml` that chezmoi
   * installs as `~/.codex/config.toml`), as a variant of its file (`.codex/config.base.toml`), or as a copy of
   * its settings kept where it does not read them (`global/settings.json` holding Claude Code's), or a file a
   * workflow step hands the agent as its config (`via`: the step).
   */
  installedAs?:
    { target: string; by: 'chezmoi' | 'stow' | 'yadm' | 'folder' | 'variant' | 'copy' } | { target: string; by: 'action'; via: string };
  /** The part of the file that starts this agent, when a file starts several (`workflow "ci" job "review" step "2"`). */
  unit?: string;
  /**
   * Places in other files that make this posture what it is, carried by every finding on it as related locations:
   * the workflow steps that run a launcher script or a local action, the jobs that call a reusable workflow, and,
   * the other way, the agent that the script, action or workflow a step or job runs starts.
   */
  related?: readonly ProblemSite[];
}

export function factsOf<K extends FactKind>(posture: AgentPosture, kind: K): FactOf<K>[] {
  return posture.facts.filter((f): f is FactOf<K> => f.kind === kind);
}

/** The index of the last run of a placed text starting at or before `offset` (binary search: a hostile string may have many escapes). */
export function runAt(place: TextPlace, offset: number): number {
  let lo = 0;
  let hi = place.runs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (place.runs[mid]![0] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The file span of characters `start`..`end` of a string placed by `place` (end exclusive). */
export function spanInText(place: TextPlace, start: number, end: number): Span {
  const pos = (offset: number): Position => {
    const run = place.runs[runAt(place, offset)];
    if (!run) return { line: 1, column: 1 };
    return { line: run[1], column: run[2] + (offset - run[0]) };
  };
  const s = Math.max(0, Math.min(start, place.length));
  const e = Math.max(s, Math.min(end, place.length));
  if (e <= s) return { start: pos(s) };
  // The end is placed after the last character, so an escape at the end keeps its whole width.
  const last = pos(e - 1);
  // A text pieced from places out of order (a command with a variable's value set elsewhere in the script): the span
  // is its last piece, the value, where it is written. Pieces in order run on, on one line or the next.
  let from = s;
  const [first, final] = [runAt(place, s), runAt(place, e - 1)];
  for (let r = final; r > first; r--) {
    const [prev, cur] = [place.runs[r - 1]!, place.runs[r]!];
    const onLine = cur[1] === prev[1] && cur[2] >= prev[2] + (cur[0] - prev[0]);
    if (!onLine && cur[1] !== prev[1] + 1) {
      from = cur[0];
      break;
    }
  }
  return { start: pos(from), end: { line: last.line, column: last.column + 1 } };
}
