import { RunError, UsageError } from './errors.js';
import type { CliIO } from './io.js';
import { parseCommandLine, usage } from './options.js';
import { TOOL_NAME } from '../meta.js';
import { PolicyLoadError } from '../policy/errors.js';
import { toPrintable } from '../core/printable.js';
import { toTerminalText } from '../report/escape.js';

/** Runs the CLI and returns the exit code; all I/O goes through `io` and the file system. */
export async function runCli(argv: string[], outerIo: CliIO): Promise<number> {
  // Messages quote the repository (key names, paths, git's words): nothing written to stderr can act on the terminal.
  const io: CliIO = { ...outerIo, stderr: (s) => outerIo.stderr(toPrintable(s, { keepLineBreaks: true })) };
  try {
    const args = parseCommandLine(argv);
    if (args.values.help) {
      io.stdout(usage());
      return 0;
    }
    // git lists the agent files while the checker loads: the commands live in a module of their own.
    const commands = await import('./commands.js');
    if (args.values.version) {
      io.stdout(commands.versionText());
      return 0;
    }
    return await commands.runCommand(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${TOOL_NAME}: ${error.message} (see ${TOOL_NAME} --help)\n`);
      return 2;
    }
    if (error instanceof RunError) {
      io.stderr(`${TOOL_NAME}: ${error.message}\n`);
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
