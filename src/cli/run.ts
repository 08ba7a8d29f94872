import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RunError, UsageError } from './errors.js';
import type { CliIO } from './io.js';
import { TOOL_NAME, TOOL_VERSION } from '../meta.js';
import { PolicyLoadError } from '../policy/errors.js';
import { startAgentListing } from '../sources/candidates.js';
import { toPrintable } from '../core/printable.js';
import { toTerminalText } from '../report/escape.js';

const USAGE = `Usage: ${TOOL_NAME} <command> [options]

Commands:
  check [DIR]   check the committed agent files of DIR (default: .)
  review [DIR]  the exception register: every exception, its owner, expiry and status
  init [DIR]    write a commented policy file to DIR/.github/agent-policy.yml; with --agent NAME (codex,
                claude, gemini, aider, vscode) a compliant starting config for that agent instead
  fix [DIR]     apply the safe automatic fixes of config findings, keeping comments and layout
  rules         list the rules with their docs links
  preflight [DIR]
                the guide's checklist answered per agent from the committed files of DIR (exit 0:
                a report, not a gate)

Options:
  --policy FILE                         policy file, or owner/repo/path@ref (default: .github/agent-policy.yml,
                                        .agent-policy.yml, or the embedded default)
  --format text|json|sarif|github       output format (check; default: text)
  --format text|json|sarif|markdown     output format (review; default: text)
  --format text|markdown|json           output format (preflight; default: text)
  --output FILE                         write the report to FILE instead of standard output
  --fail-on error|warning|notice|never  lowest level that makes the exit code 1 (check; default: error)
  --min-confidence high|medium|low      least certain guidance reading that counts against --fail-on (check;
                                        default: the policy's settings.guidance-min-confidence)
  --base REV                            compare with the repository at REV: only new and updated findings fail
  --fix                                 check: apply the safe fixes first, then report what remains
  --dry-run                             fix: print the fixes as a unified diff, change nothing
  --rule ID, --path GLOB                fix: only findings of these rules, in files matching these globs (repeatable)
  --within DAYS                         review: report exceptions expiring within DAYS (default: the policy's)
  --repository NAME                     the repository's name when DIR is named otherwise (default: DIR's name);
                                        an absolute path through a folder of that name reads as its own checkout
  --help, --version

Environment: GITHUB_TOKEN and GITHUB_API_URL for central policies (owner/repo/path@ref).
Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it (review: an exception expired or
invalid; preflight: never), 2 usage error, invalid policy or internal error.
`;

/** Runs the CLI and returns the exit code; all I/O goes through `io` and the file system. */
export async function runCli(argv: string[], outerIo: CliIO): Promise<number> {
  // Messages quote the repository (key names, paths, git's words): nothing written to stderr can act on the terminal.
  const io: CliIO = { ...outerIo, stderr: (s) => outerIo.stderr(toPrintable(s, { keepLineBreaks: true })) };
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
        'min-confidence': { type: 'string' },
        base: { type: 'string' },
        within: { type: 'string' },
        repository: { type: 'string' },
        force: { type: 'boolean' },
        fix: { type: 'boolean' },
        agent: { type: 'string' },
        'dry-run': { type: 'boolean' },
        rule: { type: 'string', multiple: true },
        path: { type: 'string', multiple: true },
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
  if (values.help || command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (command === undefined) {
    io.stderr(USAGE);
    return 2;
  }
  try {
    if (rest.length > 1) throw new UsageError(`${command} takes at most one directory (got ${rest.join(' ')})`);
    const dir = resolve(io.cwd, rest[0] ?? '.');
    if (!['check', 'review', 'init', 'rules', 'preflight', 'fix'].includes(command)) throw new UsageError(`unknown command "${command}"`);
    const fixing = command === 'fix' || (command === 'check' && values.fix === true);
    if (!fixing && (values['dry-run'] || values.rule || values.path)) throw new UsageError('--dry-run, --rule and --path go with fix');
    if (values.fix && command !== 'check') throw new UsageError('--fix goes with check');
    if (values.agent !== undefined && command !== 'init') throw new UsageError('--agent goes with init');
    // git lists the agent files while the checker loads: the commands live in a module of their own.
    const listing = ['check', 'review', 'preflight', 'fix'].includes(command) && existsSync(dir) ? startAgentListing(dir) : undefined;
    const commands = await import('./commands.js');
    switch (command) {
      case 'check':
        if (values.fix) {
          await (await import('./fix.js')).applyFixesBeforeCheck(dir, values, io, listing);
          return await commands.runCheck(dir, values, io, startAgentListing(dir));
        }
        return await commands.runCheck(dir, values, io, listing);
      case 'fix':
        return await (await import('./fix.js')).runFix(dir, values, io, listing);
      case 'review':
        return await commands.runReview(dir, values, io, listing);
      case 'init':
        if (values.agent !== undefined) return (await import('./init-agent.js')).runInitAgent(dir, values.agent, values.force === true, io);
        return commands.runInit(dir, values.force === true, io);
      case 'preflight':
        return await (await import('./preflight.js')).runPreflight(dir, values, io, listing);
      default:
        io.stdout(commands.ruleList());
        return 0;
    }
  } catch (error) {
    if (error instanceof RunError) {
      io.stderr(`${TOOL_NAME}: ${error.message}\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      io.stderr(`${TOOL_NAME}: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof PolicyLoadError) {
      // One line per problem, each made safe on its own: a line break in a key name cannot fake another problem.
      const lines = error.errors.map((e) => toTerminalText(`${e.file}:${e.line}:${e.column}: ${e.message}`));
      io.stderr(`${lines.join('\n')}\n${TOOL_NAME}: invalid policy; nothing was checked.\n`);
      return 2;
    }
    io.stderr(`${TOOL_NAME}: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}
