/** Environment variables that make a program load code or look up programs somewhere else. */
import { placeOf } from './targets.js';

/** Directories a PATH commonly starts with; putting them first plants nothing. */
const SYSTEM_BIN = /^(?:\/usr\/local\/s?bin|\/usr\/s?bin|\/s?bin|\/opt\/homebrew\/s?bin|\/opt\/local\/s?bin|\$\{?PATH\}?)\/?$/;

/** What the variable makes programs load, or undefined when it is ordinary. */
export function envInjection(variable: string, value: string): string | undefined {
  const name = variable.toUpperCase();
  const v = value.trim();
  if (v === '') return undefined;
  switch (name) {
    case 'NODE_OPTIONS':
      return /(?:^|\s)(?:--require|-r|--import|--loader|--experimental-loader)(?:[=\s]|$)/.test(v) ? 'node preloads a module' : undefined;
    case 'LD_PRELOAD':
    case 'DYLD_INSERT_LIBRARIES':
      return 'the dynamic linker preloads a library';
    case 'LD_LIBRARY_PATH':
    case 'DYLD_LIBRARY_PATH':
      return firstOutside(v) ? 'the dynamic linker searches outside the repository first' : undefined;
    case 'PATH':
      return firstOutside(v) ? 'programs are looked up outside the repository first' : undefined;
    case 'PYTHONPATH':
    case 'PERL5LIB':
    case 'RUBYLIB':
    case 'NODE_PATH':
      return v.split(':').some((p) => p !== '' && placeOf(p).outside) ? 'modules are loaded from outside the repository' : undefined;
    case 'PYTHONSTARTUP':
    case 'BASH_ENV':
    case 'ENV':
    case 'PROMPT_COMMAND':
      return 'the interpreter runs a startup script';
    case 'PERL5OPT':
    case 'RUBYOPT':
      return /-[mMr]/.test(v) ? 'the interpreter preloads a module' : undefined;
    case 'JAVA_TOOL_OPTIONS':
    case '_JAVA_OPTIONS':
    case 'JDK_JAVA_OPTIONS':
      return /-javaagent|-agentpath|-agentlib/.test(v) ? 'the JVM loads an agent' : undefined;
    default:
      return undefined;
  }
}

function firstOutside(value: string): boolean {
  const first = value.split(':')[0] ?? '';
  return first !== '' && !SYSTEM_BIN.test(first) && placeOf(first).outside;
}
