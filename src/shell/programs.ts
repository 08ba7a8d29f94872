/** What well-known programs do with their arguments: which words they write, run, fetch or listen on. */
import type { Word } from './syntax.js';

export const SHELL_PROGRAMS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'busybox']);
/** The option with which a POSIX shell runs the script that follows: `-c`, `-lc`, `-ec`. */
export const SHELL_SCRIPT_FLAG = /^-[a-zA-Z]*c[a-zA-Z]*$/;
const INTERPRETER = /^(?:python[\d.]*|node|nodejs|deno|bun|perl|ruby|php|lua|pwsh|powershell)$/;
export const isInterpreter = (name: string): boolean => INTERPRETER.test(name);

export const base = (text: string): string => {
  const slash = text.lastIndexOf('/');
  return slash >= 0 && slash < text.length - 1 ? text.slice(slash + 1) : text;
};

/** `NAME=value` or `NAME+=value`, a variable set for the command that follows. */
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;
export const isAssignment = (text: string): boolean => ASSIGNMENT.test(text);
/** A word that is an assignment or nothing (`${OPUS:+MODEL=$OPUS}`): what it sets is not known, and it runs nothing. */
const OPTIONAL_ASSIGNMENT = /^\$\{[A-Za-z_][A-Za-z0-9_]*:?\+[A-Za-z_][A-Za-z0-9_]*=[^{}]*\}$/;
export const isOptionalAssignment = (text: string): boolean => OPTIONAL_ASSIGNMENT.test(text);
const RESERVED = new Set([
  '!',
  '{',
  '}',
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'while',
  'until',
  'time',
  'exec',
  'command',
  'builtin',
]);

/** timeout(1)'s duration before the command, as strtod reads it: `5`, `.5`, `+5`, `1m`, `inf`, `INF`, `infinity`. */
export const TIMEOUT_DURATION = /^\s*\+?(?:\d|\.\d|inf(?:inity)?[smhd]?$)/i;

/**
 * Options of `sudo`, `doas`, `pkexec` and `run0` that take a value, as short letters (`-u root`, `-nu root`, `-uroot`)
 * and long names (`--user root`, `--user=root`): sudo(8) (`-a type`, `-c class` among them), doas(1) (`-a style`,
 * `-C config`), pkexec(1), run0(1).
 */
export const PRIVILEGE_VALUED_LETTERS = 'aCcDghprRtTUu';
/**
 * Each privilege wrapper's options. `letters`: the short ones with which it runs no command, whatever follows: sudo's
 * `-l` (lists what may run, `sudo -l cmd` too), `-v`, `-V`, `-K` (sudo(8)); doas's `-L` and `-C config` (checks,
 * doas(1)). Its long options: `valued` take a value, `nothing` make it run no command, `flags` are the others, for
 * getopt_long's reading of a unique start of a name (`--prom` is `--prompt`, `--sh` is `--shell`): sudo(8)
 * (parse_args.c), pkexec(1), run0(1) (systemd-run's sudo mode); doas has no long options.
 */
export const PRIVILEGE_OPTIONS: Readonly<
  Record<string, { letters: string; valued: readonly string[]; nothing: readonly string[]; flags: readonly string[] }>
> = {
  doas: { letters: 'LC', valued: [], nothing: [], flags: [] },
  sudo: {
    letters: 'lvVK',
    valued: [
      'auth-type',
      'chdir',
      'chroot',
      'close-from',
      'command-timeout',
      'group',
      'host',
      'login-class',
      'other-user',
      'prompt',
      'role',
      'type',
      'user',
    ],
    nothing: ['help', 'list', 'remove-timestamp', 'validate', 'version'],
    flags: [
      'askpass',
      'background',
      'bell',
      'edit',
      'login',
      'non-interactive',
      'preserve-env',
      'preserve-groups',
      'reset-timestamp',
      'set-home',
      'shell',
      'stdin',
    ],
  },
  pkexec: { letters: '', valued: ['user'], nothing: ['help', 'version'], flags: ['disable-internal-agent', 'keep-cwd'] },
  run0: {
    letters: '',
    valued: [
      'unit',
      'property',
      'description',
      'slice',
      'user',
      'group',
      'nice',
      'chdir',
      'setenv',
      'background',
      'machine',
      'shell-prompt-prefix',
      'area',
    ],
    nothing: ['help', 'version'],
    flags: ['no-ask-password', 'slice-inherit', 'pty', 'pipe', 'lightweight', 'via-shell'],
  },
};

/**
 * A wrapper's options as getopt reads them: the short letters that take a value (the rest of their cluster, or the
 * next word: `-rn 1`, `-iu FOO`), and every long name with whether it takes the next word as its value (one given only
 * after `=`, as xargs' `--max-lines[=N]`, does not). From coreutils' env(1), nice(1), timeout(1), stdbuf(1),
 * findutils' xargs(1), GNU time(1), util-linux's ionice(1), setsid(1) and flock(1), sudo(8), doas(1), bash's `exec`.
 */
interface WrapperOptions {
  letters: string;
  /** Letters whose value, optional, is only ever the rest of their cluster (xargs' `-e[eof]`, `-i[replace]`, `-l[lines]`). */
  attached?: string;
  long?: Readonly<Record<string, boolean>>;
}
const WRAPPER_OPTIONS: Readonly<Record<string, WrapperOptions>> = {
  // sudo's long names from its privilege options above: those that take a value, and the others.
  sudo: {
    letters: PRIVILEGE_VALUED_LETTERS,
    long: Object.fromEntries<boolean>([
      ...PRIVILEGE_OPTIONS.sudo!.valued.map((name): [string, boolean] => [name, true]),
      ...[...PRIVILEGE_OPTIONS.sudo!.nothing, ...PRIVILEGE_OPTIONS.sudo!.flags].map((name): [string, boolean] => [name, false]),
    ]),
  },
  doas: { letters: 'auC' },
  env: {
    // FreeBSD's and macOS's `-P altpath`, `-L`/`-U user/class` too: on GNU they are usage errors that run nothing.
    letters: 'uCSPLU',
    long: {
      unset: true,
      chdir: true,
      'ignore-environment': false,
      null: false,
      'split-string': true,
      'block-signal': false,
      'default-signal': false,
      'ignore-signal': false,
      'list-signal-handling': false,
      debug: false,
    },
  },
  nice: { letters: 'n', long: { adjustment: true } },
  ionice: { letters: 'cnpPu', long: { class: true, classdata: true, pid: true, pgid: true, uid: true, ignore: false } },
  timeout: { letters: 'sk', long: { signal: true, 'kill-after': true, foreground: false, 'preserve-status': false, verbose: false } },
  xargs: {
    // BSD's `-J replstr`, `-R replacements`, `-S replsize` too.
    letters: 'IanPLsdEJRS',
    attached: 'eil',
    long: {
      'arg-file': true,
      delimiter: true,
      'max-args': true,
      'max-procs': true,
      'max-chars': true,
      'process-slot-var': true,
      eof: false,
      replace: false,
      'max-lines': false,
      interactive: false,
      'no-run-if-empty': false,
      null: false,
      'open-tty': false,
      'show-limits': false,
      exit: false,
      verbose: false,
    },
  },
  time: { letters: 'of', long: { output: true, format: true, append: false, portability: false, verbose: false, quiet: false } },
  stdbuf: { letters: 'ioe', long: { input: true, output: true, error: true } },
  setsid: { letters: '', long: { ctty: false, fork: false, wait: false } },
  nohup: { letters: '' },
  caffeinate: { letters: 'tw' },
  chronic: { letters: '' },
  unbuffer: { letters: '' },
  flock: {
    letters: 'wE',
    long: {
      timeout: true,
      wait: true,
      'conflict-exit-code': true,
      shared: false,
      exclusive: false,
      unlock: false,
      nonblock: false,
      nb: false,
      close: false,
      'no-fork': false,
      fcntl: false,
      verbose: false,
    },
  },
  exec: { letters: 'a' },
};

export const isWrapper = (name: string): boolean => Object.hasOwn(WRAPPER_OPTIONS, name);

/**
 * How many words the option `word` of `wrapper` takes: 2 when its value is the next word, else 1. A long name may be
 * any start that names one option only (getopt_long); a start shared by options that all take a value takes one too.
 */
export function optionWords(wrapper: string, word: string): 1 | 2 {
  const options = Object.hasOwn(WRAPPER_OPTIONS, wrapper) ? WRAPPER_OPTIONS[wrapper] : undefined;
  if (options === undefined || word.length < 2 || !word.startsWith('-') || word === '--') return 1;
  if (word.startsWith('--')) {
    if (word.includes('=')) return 1;
    const name = word.slice(2);
    const named = Object.entries(options.long ?? {}).filter(([long]) => long === name || long.startsWith(name));
    const exact = named.find(([long]) => long === name);
    return (exact ? exact[1] : named.length > 0 && named.every(([, valued]) => valued)) ? 2 : 1;
  }
  return clusterWidth(word, options.letters, options.attached);
}

/**
 * How many words a cluster of short options (`-rn`) takes, as getopt reads it: the first letter that takes a value
 * takes the rest of the word, or the next word when it is last; one whose value is optional (`attached`) only the rest.
 */
export function clusterWidth(word: string, valued: string, attached = ''): 1 | 2 {
  for (let l = 1; l < word.length; l++) {
    if (attached.includes(word[l]!)) return 1;
    if (valued.includes(word[l]!)) return l === word.length - 1 ? 2 : 1;
  }
  return 1;
}

/** One word of env's `-S` string: its text, and the offset in the string of each of its characters. */
interface SplitWord {
  text: string;
  at: number[];
}

const CONTROL: Record<string, string> = { f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/**
 * env's `-S` string split as env splits it (coreutils env(1), "-S/--split-string usage in scripts"): at blanks
 * outside quotes and at `\_`; single quotes keep everything but `\\` and `\'`, double quotes take backslash escapes;
 * `\c` ends the string, and so does a `#` that starts a word. `${NAME}` is left as written.
 */
export function envSplit(s: string): SplitWord[] {
  const out: SplitWord[] = [];
  let word: SplitWord | undefined;
  let quote: string | undefined;
  const add = (c: string, k: number): void => {
    word ??= { text: '', at: [] };
    word.text += c;
    word.at.push(k);
  };
  const end = (): void => {
    if (word) out.push(word);
    word = undefined;
  };
  for (let k = 0; k < s.length; k++) {
    const c = s[k]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else if (c === '\\' && (s[k + 1] === '\\' || s[k + 1] === "'")) add(s[++k]!, k);
      else add(c, k);
    } else if (c === '\\' && k + 1 < s.length) {
      const n = s[++k]!;
      if (n === 'c') break;
      if (n === '_') {
        if (quote === '"') add(' ', k);
        else end();
      } else add(CONTROL[n] ?? n, k);
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else add(c, k);
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= { text: '', at: [] };
    } else if (/\s/.test(c)) end();
    else if (c === '#' && word === undefined) break;
    else add(c, k);
  }
  end();
  return out;
}

/**
 * Where env's `-S string` (`-Sstring`, `--split-string=string`, a start of the long name) at word `i` keeps its
 * string: the word and the offset in it, the letters of its cluster before `S` (`-iS`, kept as an option of their
 * own), and how many words the option took; undefined when the word is no such option or its string is missing.
 */
function splitStringAt(words: readonly string[], i: number): { at: number; from: number; cluster: string; taken: 1 | 2 } | undefined {
  const w = words[i]!;
  const long = /^--(s[a-z-]*)(=?)/.exec(w);
  let from: number;
  let cluster = '';
  if (long !== null && 'split-string'.startsWith(long[1]!) && (long[2] === '=' || long[0].length === w.length)) {
    from = long[2] === '=' ? long[0].length : w.length;
  } else if (/^-[^-]/.test(w)) {
    // The letters before `S` in a cluster take no value of their own (`-iS`).
    const at = w.indexOf('S');
    if (at < 0) return undefined;
    for (const letter of w.slice(1, at)) if (WRAPPER_OPTIONS.env!.letters.includes(letter)) return undefined;
    from = at + 1;
    if (at > 1) cluster = w.slice(0, at);
  } else return undefined;
  if (from < w.length) return { at: i, from: pastRepeats(w, from), cluster, taken: 1 };
  return i + 1 < words.length ? { at: i + 1, from: 0, cluster, taken: 2 } : undefined;
}

/**
 * `-S-S-S-Snpm`, `-vS-vSnpm`: a string with nothing env splits is read back as one word, which env reads again; an
 * attached `-S` at its start takes the rest in turn. All of them are passed over at once (the last kept when nothing
 * follows it), so that a word of many costs its length, not its length times their number.
 */
function pastRepeats(w: string, from: number): number {
  if (w[from] !== '-' || /[\s'"\\]/.test(w.slice(from))) return from;
  // Each `-S`, alone or after env's letters that take no value (`-vS`, `-iS`), reads the rest of the word again.
  const unit = /-[i0v]*S/y;
  unit.lastIndex = from;
  let last = from;
  let end = from;
  while (unit.exec(w) !== null) {
    last = end;
    end = unit.lastIndex;
  }
  return end < w.length ? end : last;
}

/** env's `-S string` at word `i`: the words of the string (after the rest of its cluster), and how many words it took. */
export function splitString(words: readonly string[], i: number): { words: string[]; taken: number } | undefined {
  const place = splitStringAt(words, i);
  if (place === undefined) return undefined;
  const split = envSplit(words[place.at]!.slice(place.from)).map((w) => w.text);
  return { words: place.cluster ? [place.cluster, ...split] : split, taken: place.taken };
}

/** The same for words of a shell line, each word of the string placed at the characters it comes from. */
export function splitStringWords(words: readonly Word[], i: number): { words: Word[]; taken: number } | undefined {
  const place = splitStringAt(
    words.map((w) => w.text),
    i,
  );
  if (place === undefined) return undefined;
  const holder = words[place.at]!;
  const split = envSplit(holder.text.slice(place.from)).map(({ text, at }): Word => {
    const map = at.map((k) => holder.map[place.from + k] ?? holder.end);
    return { text, map, start: map[0] ?? holder.start, end: map.length > 0 ? map[map.length - 1]! + 1 : holder.end, subs: [] };
  });
  return { words: place.cluster ? [slice(words[i]!, 0, place.cluster.length), ...split] : split, taken: place.taken };
}

/**
 * env's options and assignments from word `i` (the word after `env`), read as env reads them: a `-S` string is split
 * into words env reads on, as often as it is given. The words after are kept on a stack, so that a split costs the
 * words it makes, not the words after it: a line of many `-S` is read in time linear in its length.
 * Returns the words with every split made, and the index of the first word that is neither an option nor an
 * assignment (the program); `assignment` is told of each assignment read.
 */
export function readEnvOptions<T>(
  words: readonly T[],
  i: number,
  text: (w: T) => string,
  split: (pair: readonly T[], k: number) => { words: T[]; taken: number } | undefined,
  assignment?: (w: T) => void,
): { words: T[]; index: number } {
  const rest = words.slice(i).reverse();
  const read: T[] = [];
  let options = true;
  while (rest.length > 0) {
    const w = text(rest[rest.length - 1]!);
    if (isAssignment(w)) {
      assignment?.(rest[rest.length - 1]!);
      read.push(rest.pop()!);
    } else if (options && w === '--') {
      options = false;
      read.push(rest.pop()!);
    } else if (isOptionalAssignment(w) || (options && w.startsWith('-'))) {
      const pair = [rest[rest.length - 1]!, ...(rest.length > 1 ? [rest[rest.length - 2]!] : [])];
      const made = options ? split(pair, 0) : undefined;
      if (made === undefined) for (let n = optionWords('env', w); n > 0 && rest.length > 0; n--) read.push(rest.pop()!);
      else {
        rest.length -= made.taken;
        for (let k = made.words.length - 1; k >= 0; k--) rest.push(made.words[k]!);
      }
    } else break;
  }
  return { words: [...words.slice(0, i), ...read, ...rest.reverse()], index: i + read.length };
}

/**
 * Programs that run the command after `--`: secret managers with secrets in its environment (`op run
 * --env-file=.env -- cmd`), tool version managers with the tools they name (`mise exec node@22 -- cmd`).
 */
export const RUN_AFTER_DASHES: ReadonlySet<string> = new Set([
  'op run',
  'doppler run',
  'infisical run',
  'dotenvx run',
  'aws-vault exec',
  'teller run',
  'mise exec',
  'mise x',
  // https://kubernetes.io/docs/reference/kubectl/generated/kubectl_exec/
  'kubectl exec',
  // A terminal that opens a window running the program after `--` (https://wezterm.org/cli/start.html).
  'wezterm start',
]);

/** Options of `docker run` and `podman run` that take the next word as their value (`docker container run --help`). */
const CONTAINER_RUN_VALUES = new Set(
  [
    '-a --attach --add-host --annotation --blkio-weight --blkio-weight-device --cap-add --cap-drop --cgroup-parent',
    '--cgroupns --cidfile --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime -c --cpu-shares --cpus',
    '--cpuset-cpus --cpuset-mems --detach-keys --device --device-cgroup-rule --device-read-bps --device-read-iops',
    '--device-write-bps --device-write-iops --dns --dns-option --dns-search --domainname --entrypoint -e --env',
    '--env-file --expose --gpus --group-add --health-cmd --health-interval --health-retries --health-start-interval',
    '--health-start-period --health-timeout -h --hostname --ip --ip6 --ipc --isolation --kernel-memory -l --label',
    '--label-file --link --link-local-ip --log-driver --log-opt --mac-address -m --memory --memory-reservation',
    '--memory-swap --memory-swappiness --mount --name --network --net --network-alias --net-alias --oom-score-adj',
    '--pid --pids-limit --platform -p --publish --pull --restart --runtime --security-opt --shm-size --stop-signal',
    '--stop-timeout --storage-opt --sysctl --tmpfs --ulimit -u --user --userns --uts -v --volume --volume-driver',
    '--volumes-from -w --workdir --arch --os --secret --userns-uid-map --hooks-dir --pod --requires --timeout',
    '--uidmap --gidmap --subuidname --subgidname --timezone --retry --retry-delay --cpu-count --cpu-percent',
    '--io-maxbandwidth --io-maxiops --init-path --personality --preserve-fds --sdnotify --seccomp-policy',
  ]
    .join(' ')
    .split(' '),
);
/** Options of `docker exec` and of `docker compose run` / `exec` that take a value. */
const CONTAINER_EXEC_VALUES = new Set(['--detach-keys', '-e', '--env', '--env-file', '-u', '--user', '-w', '--workdir', '--index']);
const COMPOSE_RUN_VALUES = new Set([
  ...CONTAINER_EXEC_VALUES,
  '--cap-add',
  '--cap-drop',
  '--entrypoint',
  '-l',
  '--label',
  '--name',
  '-p',
  '--publish',
  '-v',
  '--volume',
  '--pull',
]);
/** Options of `docker compose` itself, before its subcommand. */
const COMPOSE_VALUES = new Set([
  '-f',
  '--file',
  '-p',
  '--project-name',
  '--profile',
  '--env-file',
  '--project-directory',
  '--ansi',
  '--progress',
  '--parallel',
]);

/** Options of `docker` and `podman` themselves, before the subcommand, that take a value. */
const ENGINE_VALUES = new Set([
  '--context',
  '-c',
  '--host',
  '-H',
  '--config',
  '--log-level',
  '-l',
  '--tlscacert',
  '--tlscert',
  '--tlskey',
  '--connection',
  '--url',
  '--identity',
  '--root',
  '--runroot',
  '--storage-driver',
  '--cgroup-manager',
  '--namespace',
  '-n',
  '--address',
  '-a',
]);

/**
 * The index after a run of options (a value taken by each option of `valued` written apart, and by grouped short
 * options that end in one: `-itv /a:/b`), at `from`; each option's value by its name, to `values`.
 */
function afterOptions(words: readonly Word[], from: number, valued: ReadonlySet<string>, values?: Map<string, Word>): number {
  let i = from;
  while (i < words.length && words[i]!.text.startsWith('-') && words[i]!.text !== '-') {
    const t = words[i]!.text;
    if (t === '--') return i + 1;
    const last = /^-[a-zA-Z]{2,}$/.test(t) ? `-${t.slice(-1)}` : t;
    const eq = t.indexOf('=');
    const takes = eq < 0 && valued.has(last);
    if (takes && words[i + 1]) values?.set(t, words[i + 1]!);
    // `--entrypoint=claude`: the value is the word's characters after `=`.
    const w = words[i]!;
    if (eq > 0)
      values?.set(t.slice(0, eq), { ...w, text: t.slice(eq + 1), start: w.map[eq + 1] ?? w.start, map: w.map.slice(eq + 1), subs: [] });
    i += takes ? 2 : 1;
  }
  return i;
}

/**
 * The command a container runs: `docker run [options] IMAGE COMMAND…`, `docker exec [options] CONTAINER COMMAND…`,
 * `docker compose run|exec [options] SERVICE COMMAND…` (also `docker container run`, Podman, nerdctl and
 * `docker-compose`, with the engine's own options first), `kubectl [options] exec … -- COMMAND…`, as its words, led
 * by `--entrypoint`'s program when one is given; undefined for anything else, or a container given no command.
 */
export function containerCommand(words: readonly Word[]): Word[] | undefined {
  const name = base(words[0]?.text ?? '');
  // `kubectl [options] exec … -- command`.
  if (name === 'kubectl') {
    const exec = words.findIndex((w) => w.text === 'exec');
    const dashes = words.findIndex((w, k) => k > exec && w.text === '--');
    return exec > 0 && dashes > exec && dashes + 1 < words.length ? words.slice(dashes + 1) : undefined;
  }
  let compose = name === 'docker-compose' || name === 'podman-compose';
  if (!compose && !['docker', 'podman', 'nerdctl'].includes(name)) return undefined;
  // The engine's own options (`docker --context ci run`), then `compose` or `container`.
  let i = compose ? 1 : afterOptions(words, 1, ENGINE_VALUES);
  if (!compose && words[i]?.text === 'compose') {
    compose = true;
    i++;
  }
  if (compose) i = afterOptions(words, i, COMPOSE_VALUES);
  else if (words[i]?.text === 'container') i++;
  const sub = words[i]?.text;
  if (sub !== 'run' && sub !== 'exec') return undefined;
  const valued = compose
    ? sub === 'run'
      ? COMPOSE_RUN_VALUES
      : CONTAINER_EXEC_VALUES
    : sub === 'run'
      ? CONTAINER_RUN_VALUES
      : CONTAINER_EXEC_VALUES;
  // The image, container or service, then the command; `--entrypoint` names the program the command's words follow.
  const values = new Map<string, Word>();
  i = afterOptions(words, i + 1, valued, values) + 1;
  const entrypoint = values.get('--entrypoint');
  const command = words.slice(i);
  if (entrypoint) return [entrypoint, ...command];
  return command.length > 0 ? command : undefined;
}

export interface Unwrapped {
  /** The words of the command, with env's `-S` strings split into the words they hold (else the words given). */
  words: readonly Word[];
  /** Index in `words` of the word that names the program that really runs (may equal words.length). */
  index: number;
  assignments: Word[];
  /** `nohup`/`setsid` detach the program from the caller. */
  detached: boolean;
}

/** Skips reserved words, `VAR=x` prefixes and wrappers such as `sudo`, `env`, `nohup`, `timeout`, `xargs`. */
export function unwrap(given: readonly Word[]): Unwrapped {
  let words = given;
  const assignments: Word[] = [];
  let detached = false;
  let i = 0;
  for (let guard = 0; guard < 32 && i < words.length; guard++) {
    const text = words[i]!.text;
    const name = base(text);
    if (isAssignment(text)) {
      assignments.push(words[i]!);
      i++;
    } else if (text === 'command' && /^-[a-zA-Z]*[vV]/.test(words[i + 1]?.text ?? '')) break;
    else if (RESERVED.has(text)) i++;
    else if (/^call$/i.test(text)) i++;
    else if (/^start$/i.test(text) && i === 0) {
      // cmd's `start [/b] [/min] ["title"] program …` (https://learn.microsoft.com/windows-server/administration/windows-commands/start):
      // its switches, `/d` with its folder, and an empty title are not the program.
      i++;
      while (i < words.length && /^\/[a-z]+$/i.test(words[i]!.text)) i += /^\/d$/i.test(words[i]!.text) ? 2 : 1;
      if (words[i]?.text === '') i++;
    } else if (name === 'env') {
      // `env -S 'claude --yolo'`: the string's words are read on as env's (coreutils env(1)).
      const read = readEnvOptions(
        words,
        i + 1,
        (w) => w.text,
        splitStringWords,
        (w) => assignments.push(w),
      );
      words = read.words;
      i = read.index;
    } else if (isWrapper(name)) {
      if (name === 'nohup' || name === 'setsid') detached = true;
      i++;
      while (i < words.length) {
        const w = words[i]!.text;
        if (w === '--') {
          i++;
          break;
        }
        if (!w.startsWith('-') || w === '-') break;
        i += optionWords(name, w);
      }
      if (name === 'timeout' && i < words.length && TIMEOUT_DURATION.test(words[i]!.text)) i++;
      if (name === 'flock' && i < words.length) i++;
    } else if (RUN_AFTER_DASHES.has(`${name} ${words[i + 1]?.text ?? ''}`)) {
      const dashes = words.findIndex((w, k) => k > i + 1 && w.text === '--');
      if (dashes < 0) break;
      i = dashes + 1;
    } else break;
  }
  return { words, index: i, assignments, detached };
}

/** The non-option arguments, skipping the values of the given options. */
export function operands(words: readonly Word[], valued: ReadonlySet<string> = new Set()): Word[] {
  const out: Word[] = [];
  let options = true;
  for (let i = 0; i < words.length; i++) {
    const t = words[i]!.text;
    if (options && t === '--') options = false;
    else if (options && t.startsWith('-') && t !== '-') {
      if (valued.has(t)) i++;
    } else out.push(words[i]!);
  }
  return out;
}

const optionValue = (args: readonly Word[], names: readonly string[]): Word | undefined => {
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.text;
    if (names.includes(t)) return args[i + 1];
  }
  return undefined;
};

/** `--name=value` as a word range over the value. */
const inlineValue = (args: readonly Word[], prefix: string): Word | undefined => {
  const w = args.find((a) => a.text.startsWith(prefix));
  return w ? slice(w, prefix.length) : undefined;
};

/** The part of a word from character `from`, keeping offsets. */
export function slice(w: Word, from: number, to = w.text.length): Word {
  const map = w.map.slice(from, to);
  return { text: w.text.slice(from, to), map, start: map[0] ?? w.end, end: map.length ? map[map.length - 1]! + 1 : w.end, subs: [] };
}

export interface WriteTarget {
  word: Word;
  how: string;
}

/** Files or folders a program writes, creates or removes, from its arguments. */
export function writeTargets(name: string, args: readonly Word[]): WriteTarget[] {
  const all = (ws: readonly Word[]): WriteTarget[] => ws.map((word) => ({ word, how: name }));
  switch (name) {
    case 'tee':
    case 'mkdir':
    case 'touch':
    case 'rm':
    case 'rmdir':
    case 'unlink':
    case 'shred':
      return all(operands(args, new Set(['-m', '--mode', '-n', '-s'])));
    case 'truncate':
      return all(operands(args, new Set(['-s', '-r', '--size', '--reference'])));
    case 'cp':
    case 'mv':
    case 'install':
    case 'ln': {
      const t = optionValue(args, ['-t', '--target-directory']) ?? inlineValue(args, '--target-directory=');
      if (t) return [{ word: t, how: name }];
      const ops = operands(args, new Set(['-m', '-o', '-g', '-S', '--suffix']));
      if (name === 'install' && args.some((a) => a.text === '-d')) return all(ops);
      return ops.length >= 2 ? [{ word: ops[ops.length - 1]!, how: name }] : [];
    }
    case 'rsync':
    case 'scp': {
      const ops = operands(args, new Set(['-e', '-P', '-i', '-o', '-F', '--rsh']));
      const last = ops[ops.length - 1];
      return ops.length >= 2 && last && !isRemote(last.text) ? [{ word: last, how: name }] : [];
    }
    case 'dd':
      return args.filter((a) => a.text.startsWith('of=')).map((a) => ({ word: slice(a, 3), how: 'dd' }));
    case 'sed':
    case 'perl': {
      const inPlace = args.some((a) => /^-[a-zA-Z]*i/.test(a.text) || a.text.startsWith('--in-place'));
      if (!inPlace) return [];
      const hasScript = args.some((a) => /^-[a-zA-Z]*[ef]$/.test(a.text));
      const ops = operands(args, new Set(['-e', '-f', '--expression', '--file', '-l']));
      // Values of a clustered `-pie CODE` are not files.
      const code = new Set(args.filter((_, k) => k > 0 && /^-[a-zA-Z]*e$/.test(args[k - 1]!.text)));
      const files = ops.filter((o) => !code.has(o));
      return all(hasScript ? files : files.slice(1)).map((t) => ({ ...t, how: `${name} -i` }));
    }
    case 'curl': {
      const o = optionValue(args, ['-o', '--output']) ?? inlineValue(args, '--output=');
      return o ? [{ word: o, how: 'curl -o' }] : [];
    }
    case 'wget': {
      const o = optionValue(args, ['-O', '--output-document', '-P', '--directory-prefix']) ?? inlineValue(args, '--output-document=');
      return o ? [{ word: o, how: 'wget -O' }] : [];
    }
    case 'zip': {
      const ops = operands(args);
      return ops[0] ? [{ word: ops[0], how: 'zip' }] : [];
    }
    case 'tar': {
      const t = tarReading(args);
      return [
        ...(t.file && t.creates ? [{ word: t.file, how: 'tar' }] : []),
        ...(t.directory && t.extracts ? [{ word: t.directory, how: 'tar -C' }] : []),
      ];
    }
    default:
      return [];
  }
}

export const isRemote = (text: string): boolean => /^[^/]*[^/\\]:/.test(text) && !/^[A-Za-z]:[\\/]/.test(text);

interface TarReading {
  creates: boolean;
  extracts: boolean;
  file?: Word;
  directory?: Word;
  sources: Word[];
}

/** Reads `tar czf out.tgz a b`, `tar -xzf x.tgz -C dir`, `tar --create --file=x …`. */
export function tarReading(args: readonly Word[]): TarReading {
  let creates = false;
  let extracts = false;
  let file: Word | undefined;
  let directory: Word | undefined;
  const sources: Word[] = [];
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.text;
    const cluster = i === 0 && /^[a-zA-Z]+$/.test(t) ? t : /^-[a-zA-Z]+$/.test(t) ? t.slice(1) : undefined;
    if (cluster !== undefined) {
      if (/[cru]/.test(cluster)) creates = true;
      if (cluster.includes('x')) extracts = true;
      // Each value-taking letter takes the next word, in order.
      for (const letter of cluster) {
        if (letter === 'f') file = args[++i];
        else if (letter === 'C') directory = args[++i];
      }
    } else if (t === '--create' || t === '--append' || t === '--update') creates = true;
    else if (t === '--extract' || t === '--get') extracts = true;
    else if (t === '--file' || t === '--directory') {
      if (t === '--file') file = args[++i];
      else directory = args[++i];
    } else if (t.startsWith('--file=')) file = slice(args[i]!, 7);
    else if (t.startsWith('--directory=')) directory = slice(args[i]!, 12);
    else if (!t.startsWith('-')) sources.push(args[i]!);
  }
  return { creates, extracts, sources, ...(file ? { file } : {}), ...(directory ? { directory } : {}) };
}

/** Whether the program listens for connections: `python3 -m http.server`, `nc -l`, `php -S`, tunnels. */
export function listens(name: string, args: readonly Word[]): boolean {
  const t = args.map((a) => a.text);
  // `http-server --help`, `serve --version`: the program says what it is and exits.
  if (t.some((a) => /^(?:--help|-h|--version|-v|-V)$/.test(a))) return false;
  if (/^python[\d.]*$/.test(name)) {
    const m = t.indexOf('-m');
    return m >= 0 && /^(?:http\.server|SimpleHTTPServer|pyftpdlib|smtpd|aiosmtpd)$/.test(t[m + 1] ?? '');
  }
  if (name === 'nc' || name === 'ncat' || name === 'netcat') return t.some((a) => /^-[a-zA-Z]*l/.test(a) || a === '--listen');
  if (name === 'socat') return t.some((a) => /LISTEN/i.test(a));
  if (name === 'php') return t.some((a) => a.startsWith('-S'));
  if (name === 'ruby') return t.some((a) => a.includes('httpd')) && t.some((a) => a.startsWith('-run'));
  if (['ngrok', 'http-server', 'localtunnel', 'lt', 'live-server', 'serve'].includes(name)) return true;
  if (name === 'cloudflared') return t.includes('tunnel');
  if (name === 'ssh') return t.some((a) => a === '-R' || a.startsWith('-R'));
  return false;
}

export interface PackageRun {
  runner: string;
  /** The package word, or undefined when only a runner was named. */
  package?: Word;
  autoConfirm: boolean;
  /** Index in `args` after which the package's own arguments start. */
}

interface Runner {
  /** Options that take the next word as their value. */
  valued: Set<string>;
  /** Options whose value names the package to fetch. */
  spec: string[];
  /** Whether it asks before it installs a package it does not have. */
  prompts: boolean;
}

/**
 * Options of `npm exec` and npx that take the next word: its own (https://docs.npmjs.com/cli/v11/commands/npm-exec)
 * and npm's config options it reads anywhere on the line (https://docs.npmjs.com/cli/v11/using-npm/config).
 */
const NPM_EXEC_VALUED = new Set(
  ['-p', '--package', '-c', '--call', '-w', '--workspace'].concat([
    '--registry',
    '--cache',
    '--prefix',
    '--userconfig',
    '--loglevel',
    '--otp',
  ]),
);

const RUNNERS: Record<string, Runner> = {
  npx: { valued: NPM_EXEC_VALUED, spec: ['-p', '--package'], prompts: true },
  'npm exec': { valued: NPM_EXEC_VALUED, spec: ['-p', '--package'], prompts: true },
  'npm x': { valued: NPM_EXEC_VALUED, spec: ['-p', '--package'], prompts: true },
  bunx: { valued: new Set(['-p', '--package']), spec: ['-p', '--package'], prompts: false },
  'bun x': { valued: new Set(['-p', '--package']), spec: ['-p', '--package'], prompts: false },
  'pnpm dlx': { valued: new Set(['--package']), spec: ['--package'], prompts: false },
  pnpx: { valued: new Set(['--package']), spec: ['--package'], prompts: false },
  'yarn dlx': { valued: new Set(['-p', '--package']), spec: ['-p', '--package'], prompts: false },
  uvx: {
    valued: new Set(['--from', '--with', '--python', '-p', '--index-url', '--index', '--with-requirements']),
    spec: ['--from'],
    prompts: false,
  },
  'uv tool run': { valued: new Set(['--from', '--with', '--python', '-p', '--index-url', '--index']), spec: ['--from'], prompts: false },
  'pipx run': { valued: new Set(['--spec', '--python', '--pip-args', '--index-url']), spec: ['--spec'], prompts: false },
};

/** Package runners, as their program words: their network use is a package run (pinned or not). */
export const PACKAGE_RUNNERS: ReadonlySet<string> = new Set(Object.keys(RUNNERS));

/** `conda run` and its kin, mamba's and micromamba's, which read the same options. */
const CONDA_RUN: Runner = { valued: new Set(['-n', '--name', '-p', '--prefix', '--cwd']), spec: [], prompts: false };

/**
 * Runners of a project's own installed programs (`pnpm exec tsc`, `uv run pytest`, `bundle exec rake`): they run
 * whatever command follows them, in the project's environment, and fetch no package by name.
 */
const LOCAL_RUNNERS: Record<string, Runner> = {
  // https://pnpm.io/cli/exec
  'pnpm exec': { valued: new Set(['--filter', '-F', '--workspace-concurrency', '--resume-from']), spec: [], prompts: false },
  'yarn exec': { valued: new Set(), spec: [], prompts: false },
  // https://docs.astral.sh/uv/reference/cli/#uv-run
  'uv run': {
    valued: new Set([
      '--with',
      '--with-editable',
      '--with-requirements',
      '--python',
      '-p',
      '--package',
      '--extra',
      '--group',
      '--only-group',
      '--no-group',
      '--env-file',
      '--directory',
      '--project',
      '--index',
      '--default-index',
      '--index-url',
      '--extra-index-url',
      '--find-links',
      '-f',
      '--config-file',
      '--cache-dir',
      '--color',
      '-P',
      '--upgrade-package',
      '--reinstall-package',
      '--refresh-package',
      '--no-binary-package',
      '--no-build-package',
      '--no-extra',
      '--prerelease',
      '--resolution',
      '--exclude-newer',
      '--link-mode',
      '--keyring-provider',
      '-C',
      '--config-setting',
      '--python-preference',
      '--index-strategy',
      '--allow-insecure-host',
    ]),
    spec: [],
    prompts: false,
  },
  // https://python-poetry.org/docs/cli/#run, https://pipenv.pypa.io/en/latest/commands.html#run,
  // https://pdm-project.org/latest/reference/cli/#run, https://hatch.pypa.io/latest/cli/reference/#hatch-run
  'poetry run': { valued: new Set(), spec: [], prompts: false },
  'pipenv run': { valued: new Set(), spec: [], prompts: false },
  'pdm run': { valued: new Set(['-p', '--project']), spec: [], prompts: false },
  'hatch run': { valued: new Set(), spec: [], prompts: false },
  // https://rye.astral.sh/guide/commands/run/, https://pixi.sh/latest/reference/cli/pixi/run/,
  // https://docs.conda.io/projects/conda/en/latest/commands/run.html
  'rye run': { valued: new Set(['--pyproject']), spec: [], prompts: false },
  'pixi run': { valued: new Set(['-e', '--environment', '--manifest-path']), spec: [], prompts: false },
  'conda run': CONDA_RUN,
  'mamba run': CONDA_RUN,
  'micromamba run': CONDA_RUN,
  // https://bundler.io/man/bundle-exec.1.html
  'bundle exec': { valued: new Set(['--gemfile']), spec: [], prompts: false },
};

/**
 * The runner that starts at word `i` (`npx`, `pnpm dlx`, `pnpm exec`), read as it reads its options: the index of
 * the program it runs (the package's own word, or the word after `-p pkg`), the package's word and offset when an
 * option names it, and whether it is told to install without asking.
 */
function readRunner(
  t: readonly string[],
  i: number,
  local: boolean,
): { runner: string; program: number; spec?: { index: number; offset: number }; autoConfirm: boolean } | undefined {
  const n0 = base(t[i] ?? '');
  const keys = [`${n0} ${t[i + 1] ?? ''} ${t[i + 2] ?? ''}`, `${n0} ${t[i + 1] ?? ''}`, n0];
  const runner = keys.find((key) => Object.hasOwn(RUNNERS, key) || (local && Object.hasOwn(LOCAL_RUNNERS, key)));
  if (runner === undefined) return undefined;
  const how = RUNNERS[runner] ?? LOCAL_RUNNERS[runner]!;
  let autoConfirm = !how.prompts;
  let spec: { index: number; offset: number } | undefined;
  let k = i + runner.split(' ').length;
  for (; k < t.length; k++) {
    const a = t[k]!;
    if (a === '-y' || a === '--yes') autoConfirm = true;
    else if (a === '--') {
      k++;
      break;
    } else if (how.spec.includes(a)) spec = { index: ++k, offset: 0 };
    else if (how.spec.some((s) => a.startsWith(`${s}=`))) spec = { index: k, offset: a.indexOf('=') + 1 };
    else if (how.valued.has(a)) k++;
    else if (!a.startsWith('-')) break;
  }
  return { runner, program: k, ...(spec ? { spec } : {}), autoConfirm };
}

/** `npx -y pkg`, `uvx pkg`, `pipx run pkg`, `bunx`, `pnpm dlx`: runs a package fetched from a registry. */
export function packageRun(words: readonly Word[]): { run: PackageRun; rest: number } | undefined {
  const read = readRunner(
    words.map((w) => w.text),
    0,
    false,
  );
  if (read === undefined) return undefined;
  const pkg = read.spec ? slice(words[read.spec.index]!, read.spec.offset) : words[read.program];
  return { run: { runner: read.runner, autoConfirm: read.autoConfirm, ...(pkg ? { package: pkg } : {}) }, rest: read.program + 1 };
}

/**
 * The program a runner at word `i` runs (`npx wrangler@latest deploy`, `pnpm exec wrangler deploy`): its index, and
 * its name without the version a package spec gives it (`wrangler`); undefined when no runner starts there.
 */
export function runnerProgram(t: readonly string[], i: number): { index: number; name: string | undefined } | undefined {
  const read = readRunner(t, i, true);
  if (read === undefined) return undefined;
  const word = t[read.program];
  // `wrangler@latest` and `@scope/cli@1.2.3` run the programs of `wrangler` and `@scope/cli`.
  const at = read.spec === undefined && word !== undefined ? word.indexOf('@', 1) : -1;
  const name = at > 0 ? word!.slice(0, at) : word;
  // `npx netlify-cli deploy` runs the package's program, `netlify`.
  return { index: read.program, name: read.spec === undefined && name !== undefined ? (PACKAGE_PROGRAMS[name] ?? name) : name };
}

/**
 * Registry packages whose program has another name, as each package's `bin` declares it: netlify-cli's `netlify`,
 * firebase-tools' `firebase`, eas-cli's `eas`, @railway/cli's `railway`, aws-cdk's `cdk`: the deploying programs the
 * catalogue names by their own names.
 */
const PACKAGE_PROGRAMS: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  'netlify-cli': 'netlify',
  'firebase-tools': 'firebase',
  'eas-cli': 'eas',
  '@railway/cli': 'railway',
  'aws-cdk': 'cdk',
});

/**
 * Programs' own options before their subcommand that change where or as whom it runs, not what it does
 * (`wrangler --cwd app deploy`, `pnpm -r publish`): those that take the next word (a short one may have it attached,
 * `kubectl -nprod`), and those that take none. Others, such as `npm --dry-run`, end the reading, so that the command
 * is not taken for one it is not; any other `--name=value` (`--dry-run=false` too) is passed over.
 */
const GLOBAL_OPTIONS: Record<string, { valued: readonly string[]; flags: readonly string[] }> = {
  // https://docs.npmjs.com/cli/v11/using-npm/config (npm reads its config options anywhere on the line)
  npm: {
    valued: ['--prefix', '-w', '--workspace', '--registry', '--userconfig', '--tag', '--access', '--otp', '--loglevel', '--cache'],
    flags: ['--workspaces', '-ws', '--include-workspace-root', '-s', '--silent', '-q', '--quiet', '-d', '--verbose'],
  },
  // https://pnpm.io/pnpm-cli#options, https://pnpm.io/filtering
  pnpm: {
    valued: ['-C', '--dir', '--filter', '-F', '--workspace-concurrency', '--reporter'],
    flags: [
      '-r',
      '--recursive',
      '-w',
      '--workspace-root',
      '--silent',
      '-s',
      '--parallel',
      '--stream',
      '--sequential',
      '--no-bail',
      '--bail',
      '--aggregate-output',
    ],
  },
  // https://classic.yarnpkg.com/en/docs/cli/#toc-cwd
  yarn: { valued: ['--cwd'], flags: ['-s', '--silent'] },
  // https://developers.cloudflare.com/workers/wrangler/commands/#global-flags
  wrangler: { valued: ['--cwd', '-c', '--config', '-e', '--env', '--env-file'], flags: [] },
  // https://vercel.com/docs/cli/global-options
  vercel: {
    valued: ['--cwd', '-A', '--local-config', '-Q', '--global-config', '-S', '--scope', '-T', '--team', '-t', '--token'],
    flags: ['-d', '--debug', '--no-color'],
  },
  // https://firebase.google.com/docs/cli#command_reference (global options)
  firebase: { valued: ['-P', '--project', '--account', '--token'], flags: ['--json', '--debug', '--non-interactive'] },
  // https://docs.docker.com/reference/cli/docker/#options
  docker: {
    valued: ['--context', '-c', '-H', '--host', '--config', '-l', '--log-level'],
    flags: ['-D', '--debug', '--tls', '--tlsverify'],
  },
  // https://kubernetes.io/docs/reference/kubectl/kubectl/
  kubectl: {
    valued: ['--context', '--kubeconfig', '-n', '--namespace', '--cluster', '--user', '-s', '--server', '--token', '--as', '-v', '--v'],
    flags: [],
  },
  // https://helm.sh/docs/helm/helm/#options
  helm: { valued: ['--kube-context', '--kubeconfig', '-n', '--namespace'], flags: ['--debug'] },
  // https://doc.rust-lang.org/cargo/commands/cargo.html#options (and rustup's `+toolchain`)
  cargo: { valued: ['-C', '-Z', '--config', '--color'], flags: ['--locked', '--frozen', '--offline', '-q', '--quiet', '--verbose'] },
  // https://developer.hashicorp.com/terraform/cli/commands#switching-working-directory-with-chdir
  terraform: { valued: [], flags: [] },
  tofu: { valued: [], flags: [] },
};

/** Options that make the command do nothing, or print only: the reading ends there, whatever their spelling. */
const DRY = /^--(?:dry-run(?:=true)?|help|version)$/;

/** Options of `yarn workspaces foreach` that take the next word. */
const FOREACH_VALUED = new Set(['--include', '--exclude', '--from', '-j', '--jobs']);

/**
 * The index after the program's own options before its subcommand, for the program at word `i` (`wrangler --cwd app
 * deploy`: the index of `deploy`); `i + 1` when it has none, or is no program whose options are known here.
 */
export const globalOptionsEnd = (words: readonly string[], i: number): number => Math.min(optionsScan(words, i), words.length);

/** Whether the words end in a program's own option that takes a value they do not give (`pnpm --filter`). */
export const awaitsOptionValue = (words: readonly string[]): boolean => optionsScan(words, 0) > words.length;

function optionsScan(words: readonly string[], i: number): number {
  const program = words[i];
  const known = program !== undefined && Object.hasOwn(GLOBAL_OPTIONS, program) ? GLOBAL_OPTIONS[program] : undefined;
  let k = i + 1;
  if (known === undefined) return k;
  const attached = known.valued.filter((o) => /^-[A-Za-z]$/.test(o));
  for (;;) {
    const w = words[k];
    if (w === undefined || DRY.test(w)) break;
    if (known.valued.includes(w)) k += 2;
    else if (known.flags.includes(w) || /^--[\w-]+=/.test(w)) k++;
    else if (attached.some((o) => w.startsWith(o) && w.length > 2)) k++;
    else if ((program === 'terraform' || program === 'tofu') && w.startsWith('-chdir=')) k++;
    else if (program === 'cargo' && ((k === i + 1 && /^\+\S/.test(w)) || /^-v+$/.test(w))) k++;
    // Yarn's `workspace <name> <command>` and `workspaces foreach [options] <command>` run a command of the workspaces
    // (https://yarnpkg.com/cli/workspace, https://yarnpkg.com/cli/workspaces/foreach).
    else if (program === 'yarn' && w === 'workspace' && words[k + 1] !== undefined) k += 2;
    else if (program === 'yarn' && w === 'workspaces' && words[k + 1] === 'foreach') {
      k += 2;
      while (words[k]?.startsWith('-')) k += FOREACH_VALUED.has(words[k]!) ? 2 : 1;
    } else break;
  }
  return k;
}

/**
 * A command without its program's own options before the subcommand (`wrangler --cwd app deploy` runs as `wrangler
 * deploy`, `terraform -chdir=infra apply` as `terraform apply`, `cargo +nightly publish` as `cargo publish`).
 */
export function withoutGlobalOptions(words: readonly string[]): readonly string[] {
  const end = globalOptionsEnd(words, 0);
  return end <= 1 ? words : [words[0]!, ...words.slice(end)];
}

/**
 * Commands of Yarn and pnpm themselves: a word after `yarn` or `pnpm` that is none of them, and no script of the
 * project, runs the dependency's program of that name (`yarn wrangler deploy`; https://yarnpkg.com/cli/run, "if one
 * of the local workspace's dependencies exposes a binary with a matching name, this binary will get executed";
 * https://pnpm.io/cli/run, a command pnpm does not know is run as a shell command).
 */
const MANAGER_COMMANDS: Record<string, ReadonlySet<string>> = {
  yarn: new Set(
    (
      'access add audit autoclean bin cache check config constraints create dedupe dlx exec explain generate-lock-entry global ' +
      'help import info init install licenses link list login logout node npm outdated owner pack patch patch-commit plugin ' +
      'policies publish rebuild remove run search set stage tag team test unlink unplug up upgrade upgrade-interactive ' +
      'version versions why workspace workspaces'
    ).split(' '),
  ),
  pnpm: new Set(
    (
      'add i install it install-test update up upgrade remove rm uninstall un link ln unlink import rebuild rb prune fetch ' +
      'dedupe patch patch-commit patch-remove audit list ls ll la outdated why licenses run run-script test t tst exec dlx ' +
      'create start publish pack recursive m multi server store root bin setup init deploy doctor config c get set env ' +
      'cat-file cat-index find-hash self-update approve-builds ignored-builds login logout whoami version help completion ' +
      'cache owner view info search docs stars'
    ).split(' '),
  ),
};

/** Programs of the system that no package provides: Yarn given one of their names runs a script. */
const SYSTEM_PROGRAMS: ReadonlySet<string> = new Set(
  (
    'env xargs sudo doas su ssh scp sftp rsync curl wget nc ncat bash sh zsh fish dash ksh pwsh powershell cmd timeout nice ' +
    'nohup time watch exec command eval source git rm cp mv cat tee dd chmod chown ln mkdir docker kubectl make sed awk find'
  ).split(' '),
);

/** Names of package scripts that by convention publish: `yarn deploy` runs the script, whatever programs exist. */
export const PUBLISH_SCRIPTS: readonly string[] = ['release', 'deploy'];

/**
 * `yarn wrangler deploy`, `yarn run wrangler deploy`, `pnpm wrangler deploy`: the index of the program Yarn or pnpm
 * at word `i` runs, when the word after it is none of their own commands, no script named for publishing, and no
 * option or wildcard; undefined otherwise.
 */
export function managerProgram(words: readonly string[], i: number): number | undefined {
  const commands = Object.hasOwn(MANAGER_COMMANDS, words[i] ?? '') ? MANAGER_COMMANDS[words[i]!] : undefined;
  if (commands === undefined) return undefined;
  const at = words[i] === 'yarn' && words[i + 1] === 'run' ? i + 2 : i + 1;
  const next = words[at];
  if (next === undefined || !/^[\w@][\w@./-]*$/.test(next) || commands.has(next) || PUBLISH_SCRIPTS.includes(next)) return undefined;
  // Yarn runs a script or a dependency's program, never the system's own (`yarn env` is no `env`); pnpm runs a command
  // it does not know in the shell (https://pnpm.io/cli/run, "pnpm <cmd>"), the system's programs too.
  if (words[i] === 'yarn' && SYSTEM_PROGRAMS.has(next)) return undefined;
  return at;
}

/** Whether a package spec names one exact version (`pkg@1.2.3`, `@scope/pkg@1.2.3`, `pkg==1.2.3`). */
export function isPinned(spec: string): boolean {
  const m = /^(@?[^@=<>~!\s]+)(?:@|==)(.+)$/.exec(spec);
  return !!m && /^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?$/.test(m[2]!);
}
