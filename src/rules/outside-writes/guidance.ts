import { clauseOnward, negatedBefore, onRequest } from '../../guidance/language.js';
import { orderedOutright, recognise, type GuidanceHit, type Recognised, type StatementReading } from '../../guidance/reading.js';
import { IN_SENTENCE, oneOf, startPattern } from '../../guidance/words.js';
import { commandsIn } from '../../shell/catalog.js';
import { commandEffects } from '../../shell/effects.js';
import { startsWithWords, unwrapCommand } from '../../shell/shell.js';
import { isNullDevice, placeOf } from '../../shell/targets.js';
import { DISKS, isOwnCheckout, USER_HOMES } from './paths.js';

/** Switches and settings that give the agent a writable folder outside the repository. */
const EXTRA_ROOTS = [
  String.raw`--add-dir\b`,
  String.raw`--include-directories\b`,
  String.raw`--allow-all-paths\b`,
  String.raw`\bgit config --global\b`,
  String.raw`\bwritable_roots\s*=\s*\[\s*["']`,
  String.raw`"?additionalDirectories"?\s*:\s*\[\s*"`,
];
const OUTSIDE_FLAG = new RegExp(EXTRA_ROOTS.join('|'), 'i');
/** A switch that takes a folder, written alone with no program and no value: `--add-dir`. */
const FOLDER_SWITCH_ALONE = /^\s*--(?:add-dir|include-directories)\s*$/;
/** Code that is a path outside the repository's own relative ones: `~/`, `../shared`, `/etc/nginx`, `$HOME`. */
const PATH_CODE = /^\s*(?:~|\.\.|\/|\$\{?HOME\b|[A-Za-z]:[\\/])/;

/**
 * A dotfiles repository is checked out at `~/dotfiles` (or `~/.dotfiles`, or chezmoi's source folder) by
 * convention: guidance that names a path there names the repository itself, not a folder outside it.
 */
const HOME_CHECKOUT = String.raw`(?:\.?dotfiles|\.local/share/chezmoi)(?:/|\b|$)`;
const HOME_CHECKOUT_PATH = new RegExp(String.raw`^(?:~|\$\{?HOME\}?)/` + HOME_CHECKOUT);

/** Folders outside any repository, as a path starts. */
const SYSTEM_FOLDERS = [`~/(?!${HOME_CHECKOUT})`, String.raw`\$HOME\b(?!/${HOME_CHECKOUT})`, '/etc/', '/usr/', '/opt/', '/var/'];
/** A shell redirect or `tee` into one of them. */
const OUTSIDE_REDIRECT = new RegExp(String.raw`(?:>>?|\btee(?:\s+-a)?)\s*["']?` + oneOf([...SYSTEM_FOLDERS, '/Library/']));
/** Absolute folders of the system (temporary folders are writable anyway, and other absolute paths may be the checkout). */
const SYSTEM_ABSOLUTE = /^\/(?:etc|usr|opt|var|Library|System|Applications|Program Files)(?:\/|$)/;

/** Verbs that write, and the places outside the repository they may write to. */
const WRITE = [
  'write',
  'save',
  'edit',
  'modify',
  'create',
  'put',
  'copy',
  'move',
  'place',
  'update',
  'change',
  'append',
  'delete',
  'remove',
  'overwrite',
  'touch',
  'store',
  'clone',
  'check out',
];
/** The same verbs as the means of an order ("by writing …"). */
const WRITING = ['writing', 'saving', 'creating', 'copying', 'moving', 'putting', 'placing', 'storing', 'appending', 'cloning'];
const PROJECT = ['repo', 'repository', 'project', 'workspace', 'working (?:directory|tree)', 'checkout'];
const OUTSIDE_PLACES = [
  `outside (?:of )?(?:the |this |your )?${oneOf(PROJECT)}`,
  String.raw`(?:beside|next to|alongside|adjacent to|(?:as a )?siblings? (?:of|to)) (?:the |this |your )?(?:main |current )?${oneOf(PROJECT)}`,
  String.raw`sibling (?:directory|directories|folders?)`,
  ...SYSTEM_FOLDERS,
  String.raw`\.\./`,
  String.raw`\bhome (?:directory|folder|dir)\b`,
  'system[- ](?:wide|files|directories|folders|config)',
  String.raw`\bglobal\b[^.]{0,15}\b(?:config|configuration|settings)\b`,
  // The user's dotfiles, not a path into a dotfiles checkout (`~/dotfiles/…`).
  String.raw`(?<![\w/.~-])dotfiles?\b(?!/)`,
];
/** System package managers, whose installs write outside the repository. */
const SYSTEM_MANAGERS = [
  'apt',
  'apt-get',
  'brew',
  'homebrew',
  'yum',
  'dnf',
  'pacman',
  'apk',
  'zypper',
  'snap',
  'flatpak',
  'choco',
  'chocolatey',
  'winget',
  'scoop',
  'sudo',
];
/** "Writes are OK for `~/.claude/**`", "edits allowed in `../shared`". */
const WRITES_ALLOWED = new RegExp(
  String.raw`\b(?:writes?|edits?|changes|modifications)\b[^.]{0,15}?\b(?:ok|okay|allowed|fine|permitted)\b[^.]{0,30}?` +
    oneOf([`~/(?!${HOME_CHECKOUT})`, String.raw`\$HOME\b`, String.raw`\.\./`, '/etc/', '/usr/', '/opt/']),
  'i',
);
const OUTSIDE_PHRASE = startPattern(
  // "Create a worktree beside the repo", "use the worktree skill to create one next to the repository"; "Auto-move
  // screenshots to `~/Pictures`" (a step made automatic).
  ['^', String.raw`(?:${IN_SENTENCE}{0,50}?\bto\s+)?(?:auto-?)?`, oneOf(WRITE), String.raw`\b${IN_SENTENCE}{0,80}?`, oneOf(OUTSIDE_PLACES)],
  // "Start a project by writing a markdown file to ~/projects": the write is the means of the order.
  ['^', String.raw`${IN_SENTENCE}{0,80}?\bby\s+`, oneOf(WRITING), String.raw`\b${IN_SENTENCE}{0,80}?`, oneOf(OUTSIDE_PLACES)],
  // "Use sudo", "run the terminal as administrator": root rights, which write anywhere ("use `sudo -n`" runs nothing,
  // `sudo -u deploy` runs as another user).
  [
    '^',
    oneOf(['use', 'run', 'rerun', 'retry', 'try']),
    String.raw`\b${IN_SENTENCE}{0,30}?\b`,
    oneOf([
      // Not `sudo -u deploy …`, a command run as another user than root.
      String.raw`sudo(?!(?:\s+-[vkKln]+)+(?:\s+(?:true|whoami|id))?\s*\x60)(?!\s+(?:-u\s*|--user[= ])(?!root\b|\\?#?0\b)\w[\w.-]*(?![\w.-])(?!\s+(?:-u|--user)\b))`,
      'as root',
      'as (?:an? )?administrator',
      'as admin',
      'with admin(?:istrator)? rights',
    ]),
    String.raw`\b`,
  ],
  // "Install pnpm globally", "install missing system dependencies", "install dependencies with `apt` or `brew`".
  [
    '^',
    oneOf(['install', 'set up', 'upgrade']),
    String.raw`\b${IN_SENTENCE}{0,40}?\b(?:globally|system-?wide|global (?:install|package|tool)s?|system (?:packages?|dependenc(?:y|ies)|deps|librar(?:y|ies)|libs))\b`,
  ],
  [
    '^',
    oneOf(['install', 'uninstall', 'upgrade']),
    String.raw`\b${IN_SENTENCE}{0,60}?\b`,
    oneOf(['with', 'using', 'via', 'through', 'from']),
    String.raw`\b${IN_SENTENCE}{0,30}?\b`,
    oneOf(SYSTEM_MANAGERS),
    String.raw`\b`,
  ],
);

/** Commands that install or apply outside the repository: system package managers, global installs, dotfile managers. */
const OUTSIDE_COMMANDS = (
  'brew install|brew upgrade|brew reinstall|brew tap|brew bundle|apt install|apt-get install|dnf install|yum install|' +
  'pacman -S|pacman -Syu|apk add|zypper install|port install|snap install|flatpak install|choco install|winget install|' +
  'scoop install|nix-env -i|nix-env --install|nix profile install|cargo install|go install|pipx install|uv tool install|' +
  'gem install|yarn global add|chezmoi apply|chezmoi update|chezmoi init --apply|home-manager switch|darwin-rebuild switch|' +
  'nixos-rebuild switch|ghq get|stow'
)
  .split('|')
  .map((c) => c.split(' '));
const INSTALLING = new Set(['install', 'add', '-S', '-i', '--install', 'get', 'tap']);
/** Package managers whose `-g`/`--global` installs go to the user's or the system's folders. */
const NODE_MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'bun']);
const NODE_INSTALL = new Set(['install', 'i', 'add', 'update', 'upgrade', 'link']);

/**
 * A shell comment saying where its command writes: "# Build and install to ~/.tool/tool.jar", "# libs → /usr/local/lib".
 * The script it names is opaque; its comment tells what it does.
 */
const OUTSIDE_NOTE = new RegExp(
  String.raw`(?:\b(?:install|copy|copie|write|put|place|deploy|link|symlink|move|save|sync)\w*\b[^#]{0,60}?\b(?:to|into|under)\s+|→\s*|->\s*)` +
    oneOf([`~/(?!${HOME_CHECKOUT})`, String.raw`\$HOME\b(?!/${HOME_CHECKOUT})`, '/usr/', '/etc/', '/opt/', '/Library/', String.raw`\.\./`]),
  'i',
);

/**
 * Absolute folders of the users and of other disks (`/Users/me/…`, `/home/me/…`, `/Volumes/…`, `C:\…`): outside the
 * repository unless the path runs through a folder named as it, its own checkout on the author's machine.
 */
const USER_ABSOLUTE = new RegExp(String.raw`^(?:/${oneOf(USER_HOMES)}/[^/\s]+/|/${oneOf(DISKS)}/|[A-Za-z]:[\\/])`);

/**
 * A path a command writes to that lies outside the repository (and outside the temporary folders). A user's or another
 * disk's absolute path counts only given the repository's name, for words that order a write there: in a code
 * block, such a path is as often a server's or the author's machine as told to the reader.
 */
function outsidePath(path: string, repository?: string): boolean {
  if (isNullDevice(path) || HOME_CHECKOUT_PATH.test(path)) return false;
  const { place } = placeOf(path);
  if (place === 'home' || place === 'parent') return true;
  if (place !== 'absolute') return false;
  return SYSTEM_ABSOLUTE.test(path) || (repository !== undefined && USER_ABSOLUTE.test(path) && !isOwnCheckout(path, repository));
}

/** Operands of `git worktree add` and `git clone` that name where they write. */
function gitDestination(words: readonly string[]): string | undefined {
  const operands = (from: number, valued: ReadonlySet<string>): string[] => {
    const out: string[] = [];
    for (let i = from; i < words.length; i++) {
      const w = words[i]!;
      if (valued.has(w)) i++;
      else if (!w.startsWith('-')) out.push(w);
    }
    return out;
  };
  if (words[0] !== 'git') return undefined;
  if (words[1] === 'worktree' && words[2] === 'add') return operands(3, new Set(['-b', '-B', '--reason']))[0];
  if (words[1] === 'clone')
    return operands(
      2,
      new Set(['-b', '--branch', '--depth', '-o', '--origin', '--reference', '-c', '--config', '--filter', '-j', '--jobs', '-u']),
    )[1];
  return undefined;
}

/** Package managers' installs, which write where they run (`node_modules`, a virtual environment, `vendor`). */
const LOCAL_INSTALLERS = new Set(['npm', 'pnpm', 'yarn', 'bun', 'pip', 'pip3', 'uv', 'poetry', 'bundle', 'composer', 'cargo', 'go']);
const LOCAL_INSTALL = new Set(['install', 'i', 'ci', 'add', 'sync', 'update', 'upgrade', 'get', 'build']);
const installsHere = (words: readonly string[]): boolean =>
  LOCAL_INSTALLERS.has(words[0] ?? '') &&
  (words[0] === 'yarn' ? words.length === 1 || LOCAL_INSTALL.has(words[1]!) : LOCAL_INSTALL.has(words[1] ?? ''));

/** "Run from `../client`: `npm install x`": the folder named as where the commands run. */
const WORK_IN = /(?:^\W{0,4}|\b(?:run|work|execute|operate|install)\b[^.;`]{0,20}?\b)(?:from|in|inside|within)\s+`([^`]{1,300})`/gi;

/**
 * sudo that runs nothing as root: only options (`sudo -v`, `sudo -k`, `sudo -l`, `sudo -n`: its own credentials
 * refreshed, dropped, listed or tested), or a command that does nothing but answer (`sudo -n true`, `sudo whoami`).
 */
const NO_EFFECT = new Set(['true', ':', 'whoami', 'id']);
/** sudo's options that run no command: validate, drop or list the credentials, never prompt. */
const CREDENTIALS_ONLY = /^(?:-[vkKln]+|--(?:validate|reset-timestamp|remove-timestamp|list|non-interactive))$/;
/** The user `sudo -u name` runs as (`-uname`, `--user name`, `--user=name`), if one is named: the last, as sudo takes it. */
function sudoUser(args: readonly string[]): string | undefined {
  let user: string | undefined;
  for (let i = 0; i < args.length && args[i]!.startsWith('-'); i++) {
    const a = args[i]!;
    if (a === '-u' || a === '--user') user = args[++i];
    else if (a.startsWith('--user=')) user = a.slice('--user='.length);
    else if (/^-u./.test(a)) user = a.slice(2);
  }
  return user;
}

/**
 * Commands that only look at state, not at files' contents: a service's or a container's status and logs, open
 * sockets and files, what a folder holds, a configuration's test, a flake's check (`sudo systemctl status nginx`,
 * `sudo nix flake check`). Readers of any file (`cat`, `less`) are not among them: as root they read any secret.
 */
const INSPECTS: readonly (readonly string[])[] = [
  ...['check', 'show'].map((s) => ['nix', 'flake', s]),
  ...['status', 'is-active', 'is-enabled', 'is-failed', 'list-units', 'list-timers'].map((s) => ['systemctl', s]),
  ...['ps', 'logs', 'images', 'stats', 'top'].map((s) => ['docker', s]),
  ...['ps', 'logs'].map((s) => ['docker', 'compose', s]),
  ...['journalctl', 'lsof', 'netstat', 'ss', 'ls', 'stat', 'du', 'df', 'lsblk'].map((p) => [p]),
  ['nginx', '-t'],
  ['ufw', 'status'],
  ['tailscale', 'status'],
];
/**
 * Their options that change something: journalctl's that rotate, vacuum or flush its files, ss's that kill sockets,
 * nix's that write the lock file; any short option with c, C or K, read as one of these.
 */
const CHANGES =
  /^(?:--(?:vacuum|rotate|flush|sync|relinquish-var|smart-relinquish-var|setup-keys|update-catalog|kill|recreate-lock-file|update-input|commit-lock-file|output-lock-file|override-input)|-[A-Za-z]*[cCK])/;
/**
 * Starting, stopping or restarting a service writes no file: `sudo systemctl restart api`, `sudo service nginx reload`
 * (systemctl(1), service(8)). What the service then does is the deploy's, which publish-deploy reads; enabling one
 * writes its links under /etc and is not among these.
 */
const SERVICE_ACTIONS = new Set(['start', 'stop', 'restart', 'reload', 'try-restart', 'reload-or-restart', 'try-reload-or-restart']);
const controlsService = (args: readonly string[]): boolean =>
  (args[0] === 'systemctl' && SERVICE_ACTIONS.has(args[1] ?? '') && args.length > 2) ||
  (args[0] === 'service' && args.length === 3 && (SERVICE_ACTIONS.has(args[2]!) || args[2] === 'status'));
/**
 * Whether `sudo`, with no option of its own, runs a command that only looks, or controls a service (its caller sees
 * it alone on its line).
 */
const onlyInspects = (args: readonly string[]): boolean =>
  args[0]?.startsWith('-') === false &&
  (INSPECTS.some((words) => words.every((w, i) => args[i] === w)) || controlsService(args)) &&
  !args.some((a) => CHANGES.test(a));

const runsNothingAsRoot = (args: readonly string[]): boolean => {
  // `sudo -u deploy cmd` runs as that user, not as root: what the command writes is read as any command's.
  const user = sudoUser(args);
  if (user !== undefined && !/^(?:root|#?0)$/.test(user)) return true;
  const options = args.filter((word) => word.startsWith('-'));
  const rest = args.filter((word) => !word.startsWith('-'));
  // A bare `sudo`, or one with a shell option (`-s`, `-i`), is a root shell.
  if (options.length === 0 || !options.every((o) => CREDENTIALS_ONLY.test(o))) return false;
  return rest.length === 0 || (rest.length === 1 && NO_EFFECT.has(rest[0]!) && args.at(-1) === rest[0]);
};

/**
 * Where an agent CLI's `mcp add` writes the server, when that is the user's own settings: Claude Code keeps `local`
 * (its default) and `user` servers in ~/.claude.json and only `project` ones in .mcp.json
 * (https://code.claude.com/docs/en/mcp); Codex keeps them in ~/.codex/config.toml (https://developers.openai.com/codex/mcp);
 * Gemini CLI and Qwen Code in the project's settings unless `--scope user`.
 */
function userSettingsOf(words: readonly string[]): string | undefined {
  if (words[1] !== 'mcp') return undefined;
  const end = words.indexOf('--');
  const own = end < 0 ? words : words.slice(0, end);
  // The last scope given wins, as an option given twice does.
  let scope: string | undefined;
  own.forEach((w, i) => {
    if (w === '-s' || w === '--scope') scope = own[i + 1];
    else if (w.startsWith('--scope=')) scope = w.slice('--scope='.length);
  });
  if (words[0] === 'claude' && /^add(?:-json|-from-claude-desktop)?$/.test(words[2] ?? '') && scope !== 'project') return '~/.claude.json';
  if (words[0] === 'codex' && words[2] === 'add') return '~/.codex/config.toml';
  if ((words[0] === 'gemini' || words[0] === 'qwen') && words[2] === 'add' && scope === 'user') return `~/.${words[0]}/settings.json`;
  return undefined;
}

/** What a command line writes outside the repository, if anything; `elsewhere` when it runs in a folder outside. */
function outsideCommand(command: string, elsewhere = false): string | undefined {
  if (OUTSIDE_FLAG.test(command) || OUTSIDE_REDIRECT.test(command)) return 'a write to a home, parent or system path';
  // `cd ../other && npm install`: what installs after the `cd` installs there.
  let away = elsewhere;
  const commands = commandsIn(command);
  for (const written of commands) {
    if (written[0] === 'sudo' && !runsNothingAsRoot(written.slice(1)) && !(commands.length === 1 && onlyInspects(written.slice(1))))
      return 'a command run as root';
    const words = unwrapCommand(written);
    if (words[0] === 'cd' && words.length === 2) away = outsidePath(words[1]!);
    else if (away && installsHere(words)) return 'an install in another folder';
    // An install names what it installs: "`uv tool install` for daily drivers" only names the command.
    const entry = OUTSIDE_COMMANDS.find((c) => startsWithWords(words, c));
    if (entry && (words.length > entry.length || !INSTALLING.has(entry.at(-1)!)))
      return `${entry.join(' ')}, a system-wide install or apply`;
    if (NODE_MANAGERS.has(words[0] ?? '') && words.some((w) => NODE_INSTALL.has(w)) && words.some((w) => w === '-g' || w === '--global'))
      return 'a global install';
    if (words[0] === 'yarn' && words[1] === 'global') return 'a global install';
    if (words[0] === 'pip' || words[0] === 'pip3' ? words.includes('--user') : false) return 'a user-wide install';
    const settings = userSettingsOf(words);
    if (settings !== undefined) return `an MCP server added to ${settings}`;
    const destination = gitDestination(words);
    if (destination !== undefined && outsidePath(destination)) return 'a checkout in another folder';
  }
  // Ordinary writes (`cp`, `mkdir`, `rm`, `tee`, `sed -i` …) to a home, parent or system path.
  if (/[~./$]/.test(command) && commandEffects(command).effects.some((e) => e.kind === 'write' && outsidePath(e.path)))
    return 'a write to a home, parent or system path';
  return undefined;
}

/** What the agent makes, said to be put in a place outside the repository. */
const PLACED_OUTSIDE = new RegExp(
  // "Most checkouts live under ~/repos" says where some already are, a description of the machine.
  String.raw`(?<!\b(?:most|some|many|several)\s+)\b(?:worktrees?|clones?|checkouts?|scratch (?:files|folders?)|outputs?|logs?|notes|artifacts|downloads|backups?|plans?|reports?)\s+(?:must |should |will |always )?(?:go|goes|live|belong|(?:(?:are|is|get|gets) )?(?:created|placed|stored|kept|written|saved))\s+(?:under|in|into|at|to)\s+[\x60"'*]*` +
    oneOf([`~/(?!${HOME_CHECKOUT})`, String.raw`\$HOME\b(?!/${HOME_CHECKOUT})`, String.raw`\.\./`, '/etc/', '/usr/', '/opt/']),
  'i',
);

/** Where a user's or another disk's absolute path starts, as a capture to be judged (`/Users/me/…`, `D:\\…`). */
const ABSOLUTE_PLACE = String.raw`[\x60"'*]*((?:/${oneOf([...USER_HOMES, ...DISKS])}/|[A-Za-z]:[\\/])[^\x60"'*\n]{0,300})`;
/** The path an ABSOLUTE_PLACE match names: to the closing quote when quoted, else to the first space, its end's punctuation left out. */
const placedPath = (match: RegExpExecArray): string => {
  const path = match[1]!;
  const quoted = /[\x60"']\**$/.test(match[0].slice(0, match[0].length - path.length));
  return quoted ? path.trim() : path.split(/\s/, 1)[0]!.replace(/[.,;:!?)]+$/, '');
};

/**
 * "Create the new repo at `/Users/me/sites/<slug>/`", "back up the database to `/home/me/Backups`": a write ordered to
 * an absolute path, judged by the path (its own checkout is not outside). Read from the clause on, to a full stop or
 * a semicolon only, as a drive letter's colon is part of the path.
 */
const WRITE_TO_ABSOLUTE = new RegExp(
  String.raw`^(?:${IN_SENTENCE}{0,50}?\bto\s+)?(?:auto-?)?` +
    oneOf([...WRITE, 'back up', 'scaffold', 'export', 'download', 'generate', 'output']) +
    String.raw`\b[^.;\x60]{0,80}?\b(?:to|into|in|under|at|inside)\s+` +
    ABSOLUTE_PLACE,
  'i',
);

/** Every further place after a write's verb: "back up to `/a` and then to `/b`". */
const PLACE_AFTER = new RegExp(String.raw`\b(?:to|into|in|under|at|inside)\s+` + ABSOLUTE_PLACE, 'gi');

/** "These docs belong in the vault folder under `/Users/me/Documents/VAULT/`": what the agent makes, placed there. */
const PLACED_ABSOLUTE = new RegExp(
  String.raw`\b(?:docs|documents|files|notes|drafts|exports|outputs?|logs?|reports?|backups?|artifacts|worktrees?|clones?|memory|memories|plans?)\s+(?:must |should |will |always )?(?:go|goes|live|belong|(?:(?:are|is|get|gets) )?(?:created|placed|stored|kept|written|saved))\s+(?:[^.;\x60]{0,60}?\s)?(?:under|in|into|at|to)\s+` +
    ABSOLUTE_PLACE,
  'i',
);

/** "Use `~/.scratch/` as the output directory": the agent's work placed outside the repository. */
const OUTPUT_OUTSIDE = new RegExp(
  String.raw`\buse\s+[\x60"'*]*` +
    oneOf([`~/(?!${HOME_CHECKOUT})`, String.raw`\$HOME\b(?!/${HOME_CHECKOUT})`, String.raw`\.\./`]) +
    String.raw`[^\s\x60"'*]*[\x60"'*]*\s+as\s+(?:the\s+|your\s+|an?\s+)?(?:output|scratch|working|work|temp|temporary|download|log|backup)\s+(?:dir(?:ectory)?|folder|location|path|area)\b`,
  'i',
);

/** What a statement orders that writes outside the repository, and how sure the reading is. */
function outsideWriteIn(reading: StatementReading, repository: string | undefined, required = false): Recognised | undefined {
  const { orders } = reading;
  const sentence = reading.statement.text;
  const prerequisites = required || PREREQUISITES.test(reading.statement.section?.split(' / ').at(-1) ?? '');
  if (orders.kind === 'command') {
    if (prerequisites && oneInstall(orders.command)) return undefined;
    const what =
      outsideCommand(orders.command) ??
      (reading.statement.note !== undefined && OUTSIDE_NOTE.test(reading.statement.note)
        ? 'a command its comment says writes outside'
        : undefined);
    // A line of a code block shows a command; only words that order it make a reading certain.
    return what === undefined ? undefined : { what, confidence: 'medium' };
  }
  if (orders.kind === 'setting')
    return OUTSIDE_FLAG.test(orders.text) ? { what: 'an extra writable root', confidence: 'medium' } : undefined;
  if (orders.kind !== 'prose') return undefined;
  // Read once per sentence, not per clause: a sentence may hold thousands of clauses.
  let requested: boolean | undefined;
  let elsewhere: boolean | undefined;
  // What a tool needs installed, stated, or under a prerequisites heading: installs only, and none said to be done
  // every time or first ("Run `npm i -g x` before every task").
  let stated: boolean | undefined;
  const requirement = (command: string): boolean =>
    oneInstall(command) &&
    (stated ??=
      (REQUIREMENT.test(sentence.trimEnd()) || (prerequisites && reading.statement.code.every(onlyNeeds))) && !STANDING.test(sentence));
  for (const clause of orders.clauses) {
    for (const [i, command] of clause.commands.entries()) {
      const found = outsideCommand(command);
      // What a tool needs installed, stated, and an install named in a message the agent shows: no order.
      const what =
        found !== undefined && (requirement(command) || inQuotedMessage(sentence, clause.places[i] ?? -1, command)) ? undefined : found;
      // A fallback ("if it crashes, `npm i -g x`") is still an order, read with less certainty.
      // A switch that takes a folder, named alone ("add context roots with `--add-dir`") where no folder is named
      // in code, says how, not where: a reading, not a certainty.
      const how = FOLDER_SWITCH_ALONE.test(command) && !reading.statement.code.some((c) => PATH_CODE.test(c));
      if (what !== undefined) return { what, confidence: orderedOutright(sentence, clause, command) && !how ? 'high' : 'medium' };
      // Where the sentence says it runs is a reading of its words.
      elsewhere ??= [...sentence.matchAll(WORK_IN)].some((m) => outsidePath(m[1]!.trim()));
      const there = elsewhere ? outsideCommand(command, true) : undefined;
      if (there !== undefined) return { what: there, confidence: 'medium' };
    }
    // Another language: a clause that writes, naming a path outside the repository in its code.
    if (
      clause.foreign?.names.has('write') &&
      !clause.foreign.conditional &&
      clause.foreign.code.some((code) => outsidePath(code.trim(), repository))
    )
      return { what: 'said in prose', confidence: 'medium' };
    // "Install it globally if needed": kept to need, as "only if needed" is. Under prerequisites, an install is what
    // the work needs ("Install the 1Password CLI via scoop").
    if (
      clause.wordsOrder &&
      !(prerequisites && reading.statement.code.some(oneInstall) && reading.statement.code.every(onlyNeeds) && !STANDING.test(sentence)) &&
      !(requested ??= onRequest(sentence)) &&
      (OUTSIDE_PHRASE.test(clauseOnward(sentence, clause.start, true)) || OUTSIDE_FLAG.test(clause.text))
    )
      return { what: 'said in prose', confidence: 'medium' };
  }
  // A write ordered, or the agent's work placed, at a user's or another disk's absolute path outside the checkout.
  for (const clause of orders.clauses) {
    if (!clause.wordsOrder || (requested ??= onRequest(sentence))) continue;
    const window = sentence.slice(clause.start, clause.start + 400);
    const m = WRITE_TO_ABSOLUTE.exec(window);
    if (m === null) continue;
    // The first place, and any after it ("to `/a` and then to `/b`").
    const rest = window.slice(m.index + m[0].length - m[1]!.length);
    const places = [m, ...[...rest.matchAll(PLACE_AFTER)]];
    if (places.some((p) => outsidePath(placedPath(p), repository)) && !negatedBefore(window, m.index + m[0].length - m[1]!.length))
      return { what: 'said in prose', confidence: 'medium' };
  }
  const absolute = PLACED_ABSOLUTE.exec(sentence);
  if (absolute && outsidePath(placedPath(absolute), repository) && !negatedBefore(sentence, absolute.index))
    return { what: 'said in prose', confidence: 'medium' };
  // "All worktrees go under `~/.worktrees/`": where the agent's work is put, a standing rule of placement.
  const placed = PLACED_OUTSIDE.exec(sentence) ?? OUTPUT_OUTSIDE.exec(sentence);
  if (placed && !negatedBefore(sentence, placed.index)) return { what: 'said in prose', confidence: 'medium' };
  // "Direct writes OK for: `~/.claude/**`": a permission, not an imperative.
  const allowed = WRITES_ALLOWED.exec(sentence);
  if (allowed && !negatedBefore(sentence, allowed.index)) return { what: 'said in prose', confidence: 'medium' };
  return undefined;
}

/**
 * "Requires tmux installed (`brew install tmux`)", "- Codex installed: `npm i -g @openai/codex`": what a tool needs,
 * and how one gets it, stated as the whole sentence; nothing ordered ("Keep these installed: `x`" orders).
 */
const REQUIREMENT =
  /^\W{0,4}(?:(?:requires?|needs?)\s+(?:[\w.@/+-]+\s+){1,3}(?:to be\s+)?installed|(?:\*\*)?(?:(?!(?:keep|make|get|have|ensure|leave|be|always|must|should|stay)\b)[\w.@/+-]+\s+){1,3}(?:is\s+|must be\s+)?installed(?:\*\*)?)\s*(?::\s*`[^`]{1,200}`|\(\s*`[^`]{1,200}`\s*\))[.;]?$/i;

/** A section of what must be there before the work starts: its installs are what a tool needs, not steps. */
const PREREQUISITES = /^\W*(?:step\s*\d+\W*)?(?:check\s+(?:the\s+)?)?(?:prerequisites?|required tools|dependencies)\W*$/i;
/** A paragraph that leads into the same, a list of what must be set up first: "**Local setup required:**", "Prerequisites:". */
const PREREQUISITES_LEAD =
  /^\W*(?:(?:local|one-time|initial|machine)\s+)?(?:setup|installation)\s+required\W*:\W*$|^\W*(?:prerequisites?|required tools)\W*:\W*$/i;

/**
 * Whether a command is inside a quoted message ("Fail: \"… Install with: `bun add -g x`\"", text the agent
 * shows the user): an odd number of double quotes before it, outside code.
 */
function inQuotedMessage(sentence: string, at: number, command: string): boolean {
  if (at < 0) return false;
  const before = sentence.slice(Math.max(0, at - 400), at);
  const quotes = [...before.replace(/`[^`]*`/g, (code) => ' '.repeat(code.length)).matchAll(/["\u201c\u201d]/g)];
  if ((quotes.length & 1) === 0) return false;
  const opening = quotes.at(-1)!.index;
  // Said by the words just before the quote, and the quote closing after the command with nothing else to run.
  const after = sentence.slice(at + command.length + 2, at + command.length + 202);
  return MESSAGE_LEAD.test(before.slice(Math.max(0, opening - 40), opening)) && /^[^`"\u201c\u201d]{0,120}["\u201c\u201d]/.test(after);
}
/** Words that introduce what the agent says, prints or shows, just before the quote: "tell the user:", "Fail:". */
const MESSAGE_LEAD =
  /\b(?:say|tell(?: (?:the|them|him|her) (?:user|human|developer|reader))?|print|show|display|echo|message|error|fail|failure|warn|warning|output|respond|reply|inform|notify)\s*:?\s*$/i;
/**
 * Words that make an install a standing step rather than a prerequisite: always, every, before, first, whenever, as
 * needed, without asking; or make it any install, not one a tool needs ("any missing package", "yourself").
 */
const STANDING =
  /\b(?:always|every|each|before|after|first|now|then|whenever|as (?:needed|required|you go)|as (?:the )?(?:task|build|work) (?:requires|needs|asks)|when(?:ever)? (?:needed|missing)|yourself|without (?:asking|approval|confirmation)|any|missing|whatever|new|again|re-?run)\b/i;
/** A package manager's install, as a tool's prerequisite is written: `brew install x`, `npm install -g x`, `apt-get install x`. */
const INSTALLER =
  /^\s*(?:sudo\s+)?(?:brew|apt(?:-get)?|dnf|yum|pacman|apk|port|choco|scoop|winget|snap|npm|pnpm|yarn|bun|pip3?|pipx|uv|cargo|go|gem|mise|asdf)\s+(?:(?:global|tool)\s+)?(?:install|add|i|get)\b/i;
/** One install and nothing more: no other command chained on, no placeholder or substitution for what it installs. */
const oneInstall = (command: string): boolean => INSTALLER.test(command) && !/[;&|<>$`]/.test(command);
/** Code a prerequisite may name beside its install: another install, or a command that writes nowhere outside (`x auth login`). */
const onlyNeeds = (code: string): boolean => oneInstall(code) || (!PATH_CODE.test(code) && outsideCommand(code) === undefined);

/** A lead-in that says the code after it runs on another machine: "Execute on server:", "**SERVER DEPLOYMENT**:", "Over SSH:". */
const ANOTHER_MACHINE =
  /\b(?:on|to|in) (?:the |your |a |each )?(?:remote(?: host| server| machine)?|servers?|hosts?|vps|vm|droplet|instance|ec2(?: instance)?|production (?:server|host))\b|\bserver (?:deployment|setup|preparation|side)\b|\b(?:via|over) ssh\b|\bssh (?:into|to)\b/i;

/**
 * Guidance that tells the agent to write outside the repository. The lines of a code block that a lead-in says run on
 * another machine write there, not outside this checkout.
 */
export function findOutsideWrites(readings: readonly StatementReading[], repository?: string): GuidanceHit[] {
  const elsewhere = new Set<string>();
  // The lists led by a paragraph of prerequisites ("**Local setup required:**"): their installs are what is needed.
  const required = new Set<string>();
  for (const { statement } of readings)
    if (statement.source === 'prose' && statement.block !== undefined && /:\s*$/.test(statement.text)) {
      if (ANOTHER_MACHINE.test(statement.text)) elsewhere.add(`${statement.file}#${statement.block}`);
      if (PREREQUISITES_LEAD.test(statement.text)) required.add(`${statement.file}#${statement.block}`);
    }
  return recognise(readings, (reading) =>
    reading.statement.source === 'shell' && elsewhere.has(`${reading.statement.file}#${reading.statement.block ?? ''}`)
      ? undefined
      : outsideWriteIn(
          reading,
          repository,
          reading.statement.lead !== undefined && required.has(`${reading.statement.file}#${reading.statement.lead}`),
        ),
  );
}
