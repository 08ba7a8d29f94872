import { splitCommandLine, startsWithWords, unwrapCommand } from './shell.js';

/**
 * Commands that publish, release, push or deploy: each runs without a human only if a rule lets it.
 * Teams add their own through `rules.publish-deploy.commands`.
 */
export const PUBLISH_DEPLOY_COMMANDS: readonly string[] = [
  'npm publish',
  'npm unpublish',
  'npm dist-tag',
  'yarn publish',
  'yarn npm publish',
  'pnpm publish',
  'bun publish',
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
  'kubectl delete',
  'kubectl replace',
  'kubectl patch',
  'kubectl rollout',
  'kubectl set',
  'kubectl scale',
  'kubectl edit',
  'helm install',
  'helm upgrade',
  'helm uninstall',
  'helm rollback',
  'argocd app sync',
  'flux reconcile',
  'terraform apply',
  'terraform destroy',
  'tofu apply',
  'tofu destroy',
  'terragrunt apply',
  'pulumi up',
  'pulumi destroy',
  'cdk deploy',
  'cdk destroy',
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
  'vercel deploy',
  'vercel --prod',
  'vercel promote',
  'netlify deploy',
  'firebase deploy',
  'fly deploy',
  'flyctl deploy',
  'wrangler deploy',
  'wrangler publish',
  'heroku container:release',
  'railway up',
  'render deploy',
  'eb deploy',
  'supabase db push',
  'supabase functions deploy',
  'prisma migrate deploy',
  'eas submit',
  'eas update',
  'fastlane deliver',
];

/**
 * Package scripts named for releasing or deploying: by convention they publish. Matched in permissions and
 * hooks, not in guidance, where a list of a project's scripts is documentation.
 */
export const PUBLISH_SCRIPT_COMMANDS: readonly string[] = ['npm run', 'pnpm run', 'pnpm', 'yarn run', 'yarn', 'bun run'].flatMap((runner) =>
  ['release', 'deploy'].map((script) => `${runner} ${script}`),
);

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
];

/** What stands for "any package" after an install command: only a rule that allows free arguments matches it. */
export const PACKAGE_PLACEHOLDER = 'agent-policy-any-package';

/** Installs that download whatever package they are given (a lockfile install without arguments is not one). */
export const INSTALL_COMMANDS: readonly string[] = [
  'npm install',
  'npm i',
  'npm add',
  'npm exec',
  'npm create',
  'npm init',
  'yarn add',
  'yarn dlx',
  'yarn global add',
  'pnpm add',
  'pnpm install',
  'pnpm dlx',
  'bun add',
  'bun install',
  'pip install',
  'pip3 install',
  'python -m pip install',
  'python3 -m pip install',
  'uv add',
  'uv pip install',
  'uv tool install',
  'uvx',
  'pipx install',
  'pipx run',
  'poetry add',
  'cargo install',
  'cargo add',
  'go get',
  'go install',
  'gem install',
  'bundle add',
  'composer require',
  'dart pub add',
  'flutter pub add',
  'expo install',
  'dotnet add package',
  'brew install',
  'apt install',
  'apt-get install',
  'dnf install',
  'yum install',
  'apk add',
  'pacman -S',
  'choco install',
  'winget install',
];

/** What stands for "any path" after a program that writes the files it is given. */
export const FREE_ARGUMENT = 'agent-policy-any-path';

/** Programs whose arguments name the files they write: allowed with free arguments, they write any path. */
export const WRITE_ANY_PATH_COMMANDS: readonly string[] = ['tee', 'dd', 'sponge'];

/**
 * Wrappers that run a command as another user (root): allowed with free arguments, the agent can write and
 * read anything on the machine, outside the repository and every secret included.
 */
export const PRIVILEGE_COMMANDS: readonly string[] = ['sudo', 'doas', 'su', 'pkexec', 'run0'];

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
}

export const toWords = (command: string): string[] => splitCommandLine(command)[0] ?? [];

export function buildCatalog(extraPublish: readonly string[] = [], exceptPublish: readonly string[] = []): CommandCatalog {
  // A policy's `except` takes built-in commands out, by word prefix; the commands it adds itself always stay.
  const except = exceptPublish.map(toWords).filter((w) => w.length > 0);
  const kept = (list: readonly string[]): string[][] =>
    list.map(toWords).filter((w) => w.length > 0 && !except.some((x) => startsWithWords(w, x)));
  const publish = [...kept(PUBLISH_DEPLOY_COMMANDS), ...extraPublish.map(toWords).filter((w) => w.length > 0)];
  return {
    publish,
    publishConfig: [...publish, ...kept(PUBLISH_SCRIPT_COMMANDS)],
    network: [...NETWORK_COMMANDS.map((c) => [c]), ...INSTALL_COMMANDS.map((c) => [...toWords(c), PACKAGE_PLACEHOLDER])],
    writeAnyPath: WRITE_ANY_PATH_COMMANDS.map((c) => [c, FREE_ARGUMENT]),
    privileged: PRIVILEGE_COMMANDS.map((c) => [c, FREE_ARGUMENT]),
  };
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

/** The first catalog entry that a command line runs, as written in the catalog; for hooks and guidance. */
export function findInCommandLine(line: string, entries: readonly string[][]): string | undefined {
  for (const command of commandsIn(line)) {
    const words = unwrapCommand(command);
    for (const entry of entries) if (startsWithWords(words, entry)) return entry.join(' ');
  }
  return undefined;
}
