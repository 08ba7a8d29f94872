import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { failsAt, lint } from './engine/lint.js';
import { renderInitialPolicy } from './init-policy.js';
import { TOOL_NAME, TOOL_VERSION } from './meta.js';
import { PolicyLoadError } from './policy/load.js';
import { renderGithub } from './report/github.js';
import { renderJson } from './report/json.js';
import { renderSarif } from './report/sarif.js';
import { renderText } from './report/text.js';
import { renderRuleList } from './report/rule-list.js';
import { loadPolicy, loadRepository } from './repository.js';

const USAGE = `Usage: ${TOOL_NAME} <command> [options]

Commands:
  check [DIR]   check the committed agent files of DIR (default: .)
  init [DIR]    write a commented policy file to DIR/.github/agent-policy.yml
  rules         list the rules with their docs links

Options for check:
  --policy FILE                         policy file (default: .github/agent-policy.yml, .agent-policy.yml, or the embedded default)
  --format text|json|sarif|github       output format (default: text)
  --output FILE                         write the report to FILE instead of standard output
  --fail-on error|warning|notice|never  lowest level that makes the exit code 1 (default: error)

  --help, --version

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage error, invalid policy or internal error.
`;

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
const FAIL_ON = ['error', 'warning', 'notice', 'never'] as const;

class UsageError extends Error {}

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
}

function choose<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
}

/** Runs the CLI and returns the exit code; all I/O goes through `io` and the file system. */
export function runCli(argv: string[], io: CliIO): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        policy: { type: 'string' },
        format: { type: 'string' },
        output: { type: 'string' },
        'fail-on': { type: 'string' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    io.stderr(`${TOOL_NAME}: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.stdout(`${TOOL_VERSION}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    (command === undefined && !values.help ? io.stderr : io.stdout)(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  try {
    if (rest.length > 1) throw new UsageError(`${command} takes at most one directory (got ${rest.join(' ')})`);
    const dir = resolve(io.cwd, rest[0] ?? '.');
    switch (command) {
      case 'check':
        return runCheck(dir, values, io);
      case 'init':
        return runInit(dir, values.force === true, io);
      case 'rules':
        io.stdout(renderRuleList());
        return 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${TOOL_NAME}: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof PolicyLoadError) {
      io.stderr(`${error.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('\n')}\n${TOOL_NAME}: invalid policy; nothing was checked.\n`);
      return 2;
    }
    io.stderr(`${TOOL_NAME}: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

function runCheck(dir: string, values: { policy?: string; format?: string; output?: string; 'fail-on'?: string }, io: CliIO): number {
  const format = choose(values.format, FORMATS, '--format', 'text');
  const failOn = choose(values['fail-on'], FAIL_ON, '--fail-on', 'error');
  if (!existsSync(dir)) throw new UsageError(`no such directory: ${dir}`);
  const policy = loadPolicy(dir, values.policy, io.cwd);
  const repo = loadRepository(dir);
  const result = lint({ files: repo.files, unreadable: repo.unreadable, policy });
  const failed = failsAt(result.findings, failOn);
  const color = format === 'text' && values.output === undefined && io.isTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
  const report =
    format === 'json' ? renderJson(result, failOn, failed) : format === 'sarif' ? renderSarif(result) : format === 'github' ? renderGithub(result) : renderText(result, { color: color || Boolean(io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') });
  if (values.output !== undefined) {
    const target = resolve(io.cwd, values.output);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, report);
  } else io.stdout(report);
  return failed ? 1 : 0;
}

function runInit(dir: string, force: boolean, io: CliIO): number {
  const target = join(dir, '.github', 'agent-policy.yml');
  if (existsSync(target) && !force) {
    io.stderr(`${TOOL_NAME}: ${target} already exists; pass --force to overwrite it.\n`);
    return 2;
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, renderInitialPolicy());
  io.stdout(`Wrote ${target}\n`);
  return 0;
}
