import type { Anchor, KeyPath } from './types.js';
import type { Locator } from './locator.js';

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
  | 'no-sandbox';

/** Tool calls accepted without confirmation beyond single tools: a trusted server, a standing approval, autonomous steps. */
export type AutoApproveGrant = 'trusted-server' | 'standing-approval' | 'autonomous-steps';

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
    /** A command that runs without a prompt (hook, notifier, auto-test). */
    | { kind: 'auto-command'; command: string; trigger: string }
    /** `launch`: the command, arguments and URL of the server when the same file declares it (to recognise it). */
    | { kind: 'tool-approval'; server: string; tool: string; launch?: string[] }
    /** Tool calls accepted without confirmation, beyond single tools (trusted servers, auto-accept switches). */
    | { kind: 'auto-approve'; grants: AutoApproveGrant; server?: string; launch?: string[] }
    | { kind: 'model-reviewer' }
    | { kind: 'env-passthrough'; detail: string }
    | { kind: 'literal'; value: string; keyName: string }
    | { kind: 'inline-credential'; value: string }
    | { kind: 'path-access'; path: string; access: 'read' | 'write'; decision: Decision; group: string }
    /** Sessions or transcripts shared outside the machine automatically. */
    | { kind: 'session-sharing'; sessions: 'all' }
    /**
     * A personal file committed: what it `holds`, the personal file it is a copy of (`copyOf`), or the tool that
     * keeps it out of git when it creates it (`ignoredBy`).
     */
    | { kind: 'personal-file'; holds: string; copyOf?: string; ignoredBy?: string }
  );

/**
 * A command permission. `pattern` holds token alternatives per position (a prefix of the commands it covers);
 * `matcher` says how the tool matches: word prefixes, a glob over the command line, or a regular expression.
 * `precedence`: `most-restrictive` (deny and ask beat allow) or `last-match` (the last matching entry wins).
 */
export type CommandRule = FactBase & {
  kind: 'command-rule';
  pattern: string[][];
  /** `exact`: the words are the whole command (Claude Code's `Bash(npm install)` without `:*`), not a prefix. */
  matcher: { kind: 'prefix'; exact?: boolean } | { kind: 'glob'; source: string } | { kind: 'regex'; source: string; flags: string };
  decision: Decision;
  group: string;
  precedence: 'most-restrictive' | 'last-match';
  order: number;
  implicitDecision: boolean;
};

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
   * installs as `~/.codex/config.toml`) or as a variant of its file (`.codex/config.base.toml`).
   */
  installedAs?: { target: string; by: 'chezmoi' | 'stow' | 'folder' | 'variant' };
}

export function factsOf<K extends FactKind>(posture: AgentPosture, kind: K): FactOf<K>[] {
  return posture.facts.filter((f): f is FactOf<K> => f.kind === kind);
}
