import { DESTRUCTIVE_COMMANDS } from './destructive.js';
import { matchesPattern, spellingsOf, wordsPattern, type CommandPattern } from './patterns.js';
import { PUBLISH_SCRIPTS } from './programs.js';
import { splitCommandLine, startsWithWords, unwrapCommand } from './shell.js';

/**
 * Commands that publish, release, push or deploy: each runs without a human only if a rule lets it.
 * Teams add their own through `rules.publish-deploy.commands`. Commands that only destroy (`kubectl delete`,
 * `terraform destroy`) are destructive-actions' (`destructive.ts`).
 */
export const PUBLISH_DEPLOY_COMMANDS: readonly string[] = [
  'npm publish',
  'npm unpublish',
  'npm dist-tag',
  'yarn publish',
  'yarn npm publish',
  'pnpm publish',
  'bun publish',
  'deno publish',
  'lerna publish',
  'changeset publish',
  'semantic-release',
  'release-it',
  'np',
  'cargo publish',
  'cargo yank',
  'gem push',
  'twine upload',
  'poetry publish',
  'flit publish',
  'hatch publish',
  'uv publish',
  'dotnet nuget push',
  'nuget push',
  'mvn deploy',
  'mvn release:perform',
  'gradle publish',
  './gradlew publish',
  'gradlew publish',
  'pod trunk push',
  'dart pub publish',
  'flutter pub publish',
  'melos publish',
  'mix hex.publish',
  'goreleaser release',
  'git push',
  'gh release create',
  'gh release upload',
  'gh pr merge',
  // A new repository with the local commits pushed to it, and a repository made public
  // (https://cli.github.com/manual/gh_repo_create, https://cli.github.com/manual/gh_repo_edit).
  'gh repo create --push',
  'gh repo edit --visibility public',
  // A REST call that writes: PUT commits a file's contents and merges a pull request
  // (https://docs.github.com/en/rest/repos/contents, https://docs.github.com/en/rest/pulls/pulls#merge-a-pull-request).
  'gh api -X PUT',
  'gh api --method PUT',
  'glab release create',
  'docker push',
  'docker compose push',
  'docker-compose push',
  'docker buildx build --push',
  'podman push',
  'buildah push',
  'crane push',
  'skopeo copy',
  'kubectl apply',
  'kubectl create',
  'kubectl replace',
  'kubectl patch',
  'kubectl rollout',
  'kubectl set',
  'kubectl scale',
  'kubectl edit',
  'helm install',
  'helm upgrade',
  'helm rollback',
  'argocd app sync',
  'flux reconcile',
  'terraform apply',
  'tofu apply',
  'terragrunt apply',
  'pulumi up',
  'cdk deploy',
  'sam deploy',
  'serverless deploy',
  'sls deploy',
  'ansible-playbook',
  'aws cloudformation deploy',
  'aws lambda update-function-code',
  'aws ecs update-service',
  'gcloud app deploy',
  'gcloud run deploy',
  'gcloud functions deploy',
  'gcloud deploy',
  'az webapp deploy',
  'az deployment',
  // Azure's other ways to put code live (learn.microsoft.com/cli/azure: functionapp deploy, the Kudu zip push of
  // `deployment source config-zip`, a slot swapped into production, `up` that creates and deploys, a container app's
  // new revision), Functions Core Tools' publish (learn.microsoft.com/azure/azure-functions/functions-core-tools-reference)
  // and the Static Web Apps CLI's deploy (azure.github.io/static-web-apps-cli: deploy the project to Azure).
  'az functionapp deploy',
  'az functionapp deployment source config-zip',
  'az functionapp deployment slot swap',
  'az webapp deployment source config-zip',
  'az webapp deployment slot swap',
  'az webapp up',
  'az containerapp up',
  'az containerapp update',
  'func azure functionapp publish',
  'swa deploy',
  'vercel deploy',
  'vercel --prod',
  'vercel promote',
  'netlify deploy',
  'firebase deploy',
  'fly deploy',
  'flyctl deploy',
  'wrangler deploy',
  'wrangler publish',
  // Cloudflare Pages and Workers versions (developers.cloudflare.com/workers/wrangler/commands/): live on the site.
  'wrangler pages deploy',
  'wrangler pages publish',
  'wrangler versions deploy',
  'wrangler pages deployment create',
  'wrangler triggers deploy',
  // Traffic moved back to an earlier version, live at once.
  'wrangler rollback',
  'wrangler versions rollback',
  'heroku container:release',
  'railway up',
  // Functions pushed to the production deployment (docs.convex.dev/cli#deploy-convex-functions-to-production).
  'convex deploy',
  'render deploy',
  'eb deploy',
  'supabase db push',
  'supabase functions deploy',
  'prisma migrate deploy',
  'eas submit',
  'eas update',
  'fastlane deliver',
  // Smart contracts deployed to a chain: Hardhat Ignition (hardhat.org/ignition/docs/guides/deploy) and the
  // hardhat-deploy plugin's `deploy` task to a named network (without one they deploy to Hardhat's in-process chain);
  // Foundry's `forge create` and `forge script`, which only simulate without `--broadcast`
  // (book.getfoundry.sh/reference/forge/forge-create, forge-script). Verifying a contract's source on a block
  // explorer (`hardhat verify`) deploys nothing.
  'hardhat ignition deploy --network',
  'hardhat deploy --network',
  'forge create --broadcast',
  'forge script --broadcast',
];

/** How package managers run a project's script by its name (`npm run deploy`, `pnpm deploy`, `yarn deploy`). */
export const SCRIPT_RUNNERS: readonly string[] = ['npm run', 'pnpm run', 'pnpm', 'yarn run', 'yarn', 'bun run'];

/**
 * Package scripts named for releasing or deploying: by convention they publish. Matched in permissions and
 * hooks, not in guidance, where a list of a project's scripts is documentation.
 */
export const PUBLISH_SCRIPT_COMMANDS: readonly string[] = SCRIPT_RUNNERS.flatMap((runner) =>
  PUBLISH_SCRIPTS.map((script) => `${runner} ${script}`),
)
  // pnpm's own `deploy` copies a workspace package into a folder (https://pnpm.io/cli/deploy); it publishes nothing.
  .filter((command) => command !== 'pnpm deploy');

/** Programs that reach the network by themselves. */
export const NETWORK_COMMANDS: readonly string[] = [
  'curl',
  'wget',
  'http',
  'https',
  'xh',
  'nc',
  'ncat',
  'ssh',
  'scp',
  'sftp',
  'ftp',
  'rsync',
  'telnet',
  // PowerShell's web clients and their aliases (https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/invoke-webrequest,
  // invoke-restmethod), as documented and in lower case (PowerShell takes any letter case; other spellings are not listed).
  ...['Invoke-WebRequest', 'Invoke-RestMethod', 'Start-BitsTransfer'].flatMap((name) => [name, name.toLowerCase()]),
  'iwr',
  'irm',
  // Scanners, fuzzers, brute-forcers and load generators: each sends its traffic to whatever target it is given
  // (nmap(1), masscan, nikto, sqlmap, hydra, ncrack, ffuf, gobuster, feroxbuster, wfuzz, dirsearch, ab(1), hey, wrk).
  'nmap',
  'masscan',
  'nikto',
  'sqlmap',
  'hydra',
  'ncrack',
  'ffuf',
  'gobuster',
  'feroxbuster',
  'wfuzz',
  'dirsearch',
  'ab',
  'hey',
  'wrk',
  // Tunnels that open a local port to the internet through the vendor's servers (https://ngrok.com/docs/agent/cli/,
  // https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/).
  'ngrok',
  'cloudflared',
];

/**
 * Commands that download whatever their free argument names (`git clone <url>`; `yt-dlp [OPTIONS] URL`, its README;
 * `aria2c [OPTIONS] URI`, aria2c(1); `gallery-dl URL`), crawlers (Firecrawl's CLI: `firecrawl scrape|crawl|map|search`,
 * https://docs.firecrawl.dev/sdks/cli), and browser automation CLIs that open it (`agent-browser open <url>`,
 * https://agent-browser.dev): reported only with free arguments.
 */
export const FETCH_ANY_COMMANDS: readonly string[] = [
  'git clone',
  'agent-browser',
  'yt-dlp',
  'youtube-dl',
  'gallery-dl',
  'aria2c',
  ...['scrape', 'crawl', 'map', 'search'].map((command) => `firecrawl ${command}`),
];

/** What stands for "any package" after an install command: only a rule that allows free arguments matches it. */
export const PACKAGE_PLACEHOLDER = 'agent-policy-any-package';

/**
 * Homebrew, the system package managers and Nix's user profile: they install outside the repository whatever they
 * are given (`nix-env --install`, `nix profile install`: https://nix.dev/manual/nix/stable/command-ref/nix-env/install).
 */
export const SYSTEM_INSTALL_COMMANDS: readonly string[] = [
  'brew install',
  'apt install',
  'apt-get install',
  'dnf install',
  'yum install',
  'apk add',
  'pacman -S',
  'choco install',
  'winget install',
  'scoop install',
  'nix-env -i',
  'nix-env -iA',
  'nix-env --install',
  'nix profile install',
  'nix profile add',
];

/**
 * Commands that build and switch to a new configuration of the user's home or of the whole system, writing outside
 * the repository whatever the repository's configuration says: Home Manager, nix-darwin and NixOS (`switch`,
 * `activate`, `boot`, `test`; https://nixos.org/manual/nixos/stable/#sec-changing-config), and chezmoi, which writes
 * the dotfiles it manages into the home folder (https://www.chezmoi.io/reference/commands/apply/).
 */
export const SYSTEM_APPLY_COMMANDS: readonly string[] = [
  'home-manager switch',
  'darwin-rebuild switch',
  'darwin-rebuild activate',
  'nixos-rebuild switch',
  'nixos-rebuild boot',
  'nixos-rebuild test',
  'chezmoi apply',
  'chezmoi update',
];

/** Installs that download whatever package they are given (a lockfile install without arguments is not one). */
export const INSTALL_COMMANDS: readonly string[] = [
  'npm install',
  'npm i',
  'npm add',
  'npm exec',
  'npm x',
  'npm create',
  'npm init',
  'yarn add',
  'yarn dlx',
  'yarn global add',
  'yarn create',
  'pnpm add',
  'pnpm install',
  'pnpm dlx',
  'pnpm create',
  'bun add',
  'bun install',
  'bun x',
  'bun create',
  'pip install',
  'pip3 install',
  'python -m pip install',
  'python3 -m pip install',
  'uv add',
  'uv pip install',
  'uv tool install',
  'uv tool run',
  'uvx',
  'pipx install',
  'pipx run',
  'poetry add',
  'pipenv install',
  'cargo install',
  'cargo add',
  'go get',
  'go install',
  // `go mod download <module>@<version>` fetches the modules it is given (https://go.dev/ref/mod#go-mod-download).
  'go mod download',
  'gem install',
  'bundle add',
  'composer require',
  'dart pub add',
  'flutter pub add',
  'expo install',
  'dotnet add package',
  // Conda and its kin download the packages they are given from their channels (https://docs.conda.io/projects/conda/en/latest/commands/install.html).
  'conda install',
  'conda create',
  'mamba install',
  'mamba create',
  'micromamba install',
  'micromamba create',
  'pixi add',
  // Updates fetch newer versions of the packages they are given, or of all of them, from the registry
  // (https://docs.npmjs.com/cli/v11/commands/npm-update, https://pnpm.io/cli/update,
  // https://classic.yarnpkg.com/en/docs/cli/upgrade, https://getcomposer.org/doc/03-cli.md#update-u-upgrade).
  'npm update',
  'npm up',
  'npm upgrade',
  'npm udpate',
  'pnpm update',
  'pnpm up',
  'pnpm upgrade',
  'yarn upgrade',
  'yarn up',
  'bun update',
  'poetry update',
  'bundle update',
  'composer update',
  'composer upgrade',
  'composer u',
  'composer up',
  'yarn upgrade-interactive',
  'pipenv update',
  'pdm update',
  ...SYSTEM_INSTALL_COMMANDS,
];

/**
 * Installs that write outside the repository: with the option that makes them global or per-user
 * (`npm install -g`, `pip install --user`), or always (the system installers, and `cargo install`,
 * `go install`, `gem install`, `pipx install`, `uv tool install` into the user's folders).
 */
export const GLOBAL_INSTALL_COMMANDS: readonly string[] = [
  'npm install -g',
  'npm install --global',
  'npm i -g',
  'npm i --global',
  'npm add -g',
  'npm add --global',
  'pnpm add -g',
  'pnpm add --global',
  'bun add -g',
  'bun add --global',
  'bun install -g',
  'bun install --global',
  'yarn global add',
  'pip install --user',
  'pip3 install --user',
  'python -m pip install --user',
  'python3 -m pip install --user',
  'uv tool install',
  'pipx install',
  'cargo install',
  'go install',
  'gem install',
  ...SYSTEM_INSTALL_COMMANDS,
];

/** Options that make an install global or per-user; anywhere after the install words. */
const GLOBAL_OPTIONS = new Set(['-g', '--global', '--user']);
const GLOBAL_INSTALLS = GLOBAL_INSTALL_COMMANDS.map((command) => {
  const words = command.split(' ');
  const option = GLOBAL_OPTIONS.has(words.at(-1)!) ? words.at(-1) : undefined;
  return { command, head: option ? words.slice(0, -1) : words, option };
});

/** The global install a command (its words after any wrapper) runs, as the list writes it. */
export function globalInstallIn(words: readonly string[]): string | undefined {
  return GLOBAL_INSTALLS.find(({ head, option }) => startsWithWords(words, head) && (!option || words.slice(head.length).includes(option)))
    ?.command;
}

/** What stands for "any path" after a program that writes the files it is given. */
export const FREE_ARGUMENT = 'agent-policy-any-path';

/**
 * Programs whose arguments name the files they write: allowed with free arguments, they write any path. GNU Stow
 * links into the folder `-t` names, by default the parent of the folder it runs in: outside the repository
 * (https://www.gnu.org/software/stow/manual/stow.html, "Invoking Stow").
 */
export const WRITE_ANY_PATH_COMMANDS: readonly string[] = ['tee', 'dd', 'sponge', 'stow'];

/**
 * Wrappers that run a command as another user (root): allowed with free arguments, the agent can write and
 * read anything on the machine, outside the repository and every secret included.
 */
export const PRIVILEGE_COMMANDS: readonly string[] = ['sudo', 'doas', 'su', 'pkexec', 'run0'];

/**
 * Programs that create, change or remove the files they are given: allowed as root with free arguments
 * (`sudo mkdir:*`), any file on the machine. `tee` and `dd` write any path without root already (above).
 */
export const FILE_WRITE_COMMANDS: readonly string[] = [
  'mkdir',
  'touch',
  'cp',
  'mv',
  'ln',
  'install',
  'rsync',
  'rm',
  'rmdir',
  'chmod',
  'chown',
  'chgrp',
  'truncate',
  'sed',
  'tar',
  'unzip',
];

/** Programs that open any file or URL in the desktop app registered for it (a URL in the browser). */
export const OPENER_COMMANDS: readonly string[] = ['open', 'xdg-open', 'gio open', 'wslview'];

/** Commands that print a credential: access tokens, stored passwords, secrets of a vault or cluster. */
export const TOKEN_PRINTERS: readonly (readonly string[])[] = [
  'gcloud auth print-access-token',
  'gcloud auth print-identity-token',
  'gcloud auth application-default print-access-token',
  'gh auth token',
  'az account get-access-token',
  'aws configure get',
  'aws sts get-session-token',
  'aws ecr get-login-password',
  'security find-generic-password',
  'security find-internet-password',
  'op read',
  'op item get',
  'vault read',
  'vault kv get',
  'kubectl get secret',
  'kubectl get secrets',
  'doppler secrets',
  'heroku auth:token',
  'gcloud secrets versions access',
  'bw get',
  'rbw get',
  'railway variables',
  'bw unlock',
  'infisical secrets get',
].map((c) => c.split(' '));

/**
 * The credential printer a command pattern allows to run: the printer itself, alone or with free arguments, or a
 * pattern with free arguments (`prefix`: any words may follow `words`; or a trailing `*`) that fixes at least the
 * words naming what the printer reads (`gh auth *` runs `gh auth token`). `kubectl get` names nothing secret, so
 * `kubectl get *` is not counted; `kubectl get secret *` is.
 */
export function allowedPrinter(words: readonly string[], prefix: boolean): readonly string[] | undefined {
  const star = words.indexOf('*');
  const fixed = star === -1 ? words.length : star;
  if (words.slice(fixed).some((w) => w !== '*')) return undefined;
  const free = prefix || fixed < words.length;
  return TOKEN_PRINTERS.find((p) => {
    if (fixed >= p.length) return fixed === p.length && startsWithWords(words, p);
    const naming = p[0] === 'kubectl' ? 3 : 2;
    return free && fixed >= naming && startsWithWords(p, words.slice(0, fixed));
  });
}

/** Programs that print the environment, secrets included. */
export const ENV_DUMP_COMMANDS: readonly string[] = ['printenv', 'env', 'export -p', 'set'];

export interface CommandCatalog {
  publish: string[][];
  /** `publish` and the release and deploy scripts: what a permission or hook must not run without a human. */
  publishConfig: string[][];
  network: string[][];
  /** Commands that write any path they are given (for outside-writes). */
  writeAnyPath: string[][];
  /** Commands that run any command as root (for outside-writes and secret-access). */
  privileged: string[][];
  /** Installs that write outside the repository, then every install (run as root, they do too); with any package. */
  outsideInstall: string[][];
  /** Programs that open any file or URL in a desktop app, with any argument. */
  opener: string[][];
}

/** A policy's `except` as word lists: built-in entries that start with one of them are taken out. */
const exceptWords = (except: readonly string[]): string[][] => except.map(toWords).filter((w) => w.length > 0);
const isExcepted = (words: readonly string[], except: readonly string[][]): boolean => except.some((x) => startsWithWords(words, x));

export const toWords = (command: string): string[] => splitCommandLine(command)[0] ?? [];

/** Whether a policy's `except` leaves a command in: it takes out the commands that start with one of its entries. */
export function keptBy(exceptPublish: readonly string[]): (words: readonly string[]) => boolean {
  const except = exceptWords(exceptPublish);
  return (words) => !isExcepted(words, except);
}

export function buildCatalog(extraPublish: readonly string[] = [], exceptPublish: readonly string[] = []): CommandCatalog {
  // A policy's `except` takes built-in commands out, by word prefix; the commands it adds itself always stay.
  const except = exceptWords(exceptPublish);
  const kept = (list: readonly string[]): string[][] => list.map(toWords).filter((w) => w.length > 0 && !isExcepted(w, except));
  const publish = [...kept(PUBLISH_DEPLOY_COMMANDS), ...extraPublish.map(toWords).filter((w) => w.length > 0)];
  return {
    publish,
    publishConfig: [...publish, ...kept(PUBLISH_SCRIPT_COMMANDS)],
    network: [
      ...NETWORK_COMMANDS.map((c) => [c]),
      ...INSTALL_COMMANDS.map((c) => [...toWords(c), PACKAGE_PLACEHOLDER]),
      ...FETCH_ANY_COMMANDS.map((c) => [...toWords(c), FREE_ARGUMENT]),
    ],
    writeAnyPath: WRITE_ANY_PATH_COMMANDS.map((c) => [c, FREE_ARGUMENT]),
    privileged: PRIVILEGE_COMMANDS.map((c) => [c, FREE_ARGUMENT]),
    outsideInstall: [...GLOBAL_INSTALL_COMMANDS, ...INSTALL_COMMANDS].map((c) => [...toWords(c), PACKAGE_PLACEHOLDER]),
    opener: OPENER_COMMANDS.map((c) => [...toWords(c), FREE_ARGUMENT]),
  };
}

/** The destructive commands a rule judges, as patterns, and as the spellings permission rules are matched with. */
export interface DestructiveCatalog {
  patterns: CommandPattern[];
  /** Spellings of the patterns, for permission rules. */
  spellings: string[][];
  /**
   * Spellings of patterns whose program words are a built-in publish command (`git push --force`): a rule that
   * names only the push (`git push:*`) is publish-deploy's finding, one that names the option is this one's too.
   */
  publishingSpellings: string[][];
  /** The pattern each spelling (its words joined by NUL) writes. */
  patternOf: Map<string, CommandPattern>;
}

/** The built-in destructive commands less `except` (by word prefix of how each is written), with the policy's `commands` added. */
export function buildDestructiveCatalog(extra: readonly string[] = [], except: readonly string[] = []): DestructiveCatalog {
  const out = exceptWords(except);
  const patterns: CommandPattern[] = [
    ...DESTRUCTIVE_COMMANDS.filter((e) => !isExcepted(toWords(e.command), out)).map((e): CommandPattern => ({
      name: e.command,
      words: e.words,
      flags: e.flags ?? [],
      unless: e.unless ?? [],
      ...(e.argument ? { argument: e.argument.pattern, example: e.argument.example } : {}),
    })),
    ...extra
      .map(toWords)
      .filter((w) => w.length > 0)
      .map(wordsPattern),
  ];
  const publish = PUBLISH_DEPLOY_COMMANDS.map(toWords);
  const catalog: DestructiveCatalog = { patterns, spellings: [], publishingSpellings: [], patternOf: new Map() };
  for (const pattern of patterns) {
    const publishing = pattern.flags.length > 0 && publish.some((w) => startsWithWords(pattern.words, w));
    for (const words of spellingsOf(pattern)) {
      const key = words.join('\0');
      if (catalog.patternOf.has(key)) continue;
      catalog.patternOf.set(key, pattern);
      (publishing ? catalog.publishingSpellings : catalog.spellings).push(words);
    }
  }
  return catalog;
}

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'fish', 'pwsh', 'powershell', 'cmd']);

/** The simple commands a line runs, as written (wrappers kept), looking inside `bash -c '…'` scripts and `$(…)`. */
export function commandsIn(line: string, depth = 0): string[][] {
  const out: string[][] = [];
  for (const command of splitCommandLine(line)) {
    const words = unwrapCommand(command);
    const flag = words.findIndex((w, i) => i > 0 && /^-[a-z]*c$|^\/c$|^-Command$/i.test(w));
    if (depth < 4 && SHELLS.has(words[0] ?? '') && flag > 0 && flag + 1 < words.length) {
      out.push(...commandsIn(words[flag + 1]!, depth + 1));
    } else out.push(command);
  }
  return out;
}

/** gh api's options that take a value (https://cli.github.com/manual/gh_api). */
const GH_API_VALUED = new Set([
  '-X',
  '--method',
  '-H',
  '--header',
  '-f',
  '--raw-field',
  '-F',
  '--field',
  '--input',
  '-q',
  '--jq',
  '-t',
  '--template',
  '-p',
  '--preview',
  '--hostname',
  '--cache',
]);
/** gh api's options that take none. */
const GH_API_FLAGS = new Set(['--paginate', '--silent', '-i', '--include', '--verbose', '--slurp']);

/**
 * The repository settings a PUT sets that publish nothing and open no access: its topics, Dependabot alerts and
 * security fixes, private vulnerability reporting, the caller's own watch of it. Owner and name as GitHub spells them,
 * or gh's placeholders.
 */
const QUIET_PUT =
  /^\/?repos\/(?:[\w.-]+|\{owner\})\/(?:[\w.-]+|\{repo\})\/(?:topics|vulnerability-alerts|automated-security-fixes|private-vulnerability-reporting|subscription)$/;

/**
 * Whether `gh api` words call one of those endpoints (`gh api -X PUT repos/o/r/topics -f names[]=x`): gh api takes a
 * single endpoint argument, so words after it cannot change it. Words read otherwise than written here (options
 * grouped, an option it does not have, a second argument) are not read: the call may publish.
 */
export function ghApiQuietEndpoint(words: readonly string[]): boolean {
  // A wildcard of a rule may stand for several words, an endpoint among them.
  if (words[0] !== 'gh' || words[1] !== 'api' || words.some((w) => /[*?]/.test(w))) return false;
  let endpoint: string | undefined;
  for (let i = 2; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--') {
      // Nothing after it changes nothing; one word after it is the endpoint.
      if (i + 1 === words.length) break;
      if (endpoint !== undefined || i + 2 !== words.length) return false;
      endpoint = words[i + 1];
      break;
    }
    if (!word.startsWith('-')) {
      if (endpoint !== undefined) return false;
      endpoint = word;
    } else if (GH_API_VALUED.has(word)) i++;
    else if (!GH_API_FLAGS.has(word) && !(word.includes('=') && GH_API_VALUED.has(word.slice(0, word.indexOf('='))))) return false;
  }
  return endpoint !== undefined && QUIET_PUT.test(endpoint);
}

/**
 * Whether a command's words (wrappers removed) run a catalog entry written as words: its program words first, then
 * its options anywhere after them (`gh repo create app --public --push`), an option's value next to it or after `=`
 * (`--visibility public`, `--visibility=public`, `-X PUT`, `-XPUT`; the value in any letter case).
 */
export function runsEntry(words: readonly string[], entry: readonly string[]): boolean {
  if (entry[0] === 'gh' && entry[1] === 'api' && ghApiQuietEndpoint(words)) return false;
  const first = entry.findIndex((w) => w.startsWith('-'));
  if (first < 0) return startsWithWords(words, entry);
  if (!startsWithWords(words, entry.slice(0, first))) return false;
  const rest = words.slice(first);
  for (let i = first; i < entry.length; i++) {
    const option = entry[i]!;
    const value = entry[i + 1] !== undefined && !entry[i + 1]!.startsWith('-') ? entry[i + 1]!.toLowerCase() : undefined;
    if (value !== undefined) i++;
    const found = rest.some((w, k) => {
      if (value === undefined) return w === option || w.startsWith(`${option}=`);
      const glued = w.startsWith(`${option}=`)
        ? w.slice(option.length + 1)
        : !option.startsWith('--') && w.startsWith(option)
          ? w.slice(option.length)
          : undefined;
      return (w === option && rest[k + 1]?.toLowerCase() === value) || glued?.toLowerCase() === value;
    });
    if (!found) return false;
  }
  return true;
}

/** The first catalog entry that a command line runs, as written in the catalog; for hooks and guidance. */
export function findInCommandLine(
  line: string,
  entries: readonly (string[] | CommandPattern)[],
  skip?: (words: readonly string[]) => boolean,
): string | undefined {
  for (const command of commandsIn(line)) {
    const words = unwrapCommand(command);
    if (skip?.(words) === true) continue;
    for (const entry of entries) {
      if (Array.isArray(entry) ? runsEntry(words, entry) : matchesPattern(words, entry))
        return Array.isArray(entry) ? entry.join(' ') : entry.name;
    }
  }
  return undefined;
}
