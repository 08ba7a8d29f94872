import picomatch from 'picomatch';

/** Files that hold credentials; teams add their own through `rules.secret-access.paths`. */
export const SECRET_PATHS: readonly string[] = [
  '**/.env',
  '**/.env.*',
  // Named dotenv files (`prod.env`, `telegram.env`) and direnv's `.envrc`, which exports the same variables.
  '**/*.env',
  '**/.envrc',
  '**/*.pem',
  '**/*.key',
  '**/*.p12',
  '**/*.pfx',
  '**/*.jks',
  '**/*.keystore',
  '**/id_rsa*',
  '**/id_dsa*',
  '**/id_ecdsa*',
  '**/id_ed25519*',
  '**/.ssh/**',
  '**/.aws/credentials',
  '**/.aws/config',
  '**/.netrc',
  '**/.npmrc',
  '**/.pypirc',
  '**/.git-credentials',
  '**/.docker/config.json',
  '**/.kube/config',
  '**/.gnupg/**',
  '**/secrets/**',
  '**/.secrets/**',
  '**/credentials.json',
  '**/service-account*.json',
  '**/.config/gcloud/**',
  '**/.config/gh/hosts.yml',
  '**/.azure/**',
  '**/*.tfstate',
  // Shell history: every command typed, tokens passed on the command line included.
  '**/.bash_history',
  '**/.zsh_history',
  '**/.zhistory',
  '**/.histfile',
  '**/.local/share/fish/fish_history',
];

/** Template files that document variables without values, public certificates and public keys. */
const TEMPLATES = [
  '**/.env.example',
  '**/.env.sample',
  '**/.env.template',
  '**/.env.dist',
  '**/.env.defaults',
  '**/*.example',
  '**/*.sample',
  '**/{example,sample,template,defaults}.env',
  '**/*.{example,sample,template}.env',
  // Public certificates and CA bundles share the .pem extension with private keys.
  '**/*cert*.pem',
  '**/*ca-bundle*',
  '**/ca.pem',
  '**/chain.pem',
  '**/fullchain.pem',
  '**/*.crt',
  // The public half of a key pair (`id_ed25519.pub`), and the host keys ssh has seen: nothing in them grants access.
  '**/*.pub',
  '**/.ssh/known_hosts',
];

/** Files every home folder may hold that a glob over it reaches. */
const HOME_FILES = ['.ssh/id_rsa', '.aws/credentials', '.netrc', '.npmrc', '.env'];

/** A glob's own home folder, named (`Users/alice/`, `home/bob/`, `c/Users/x/`, `C:/Users/x/`, `root/`, macOS's `var/root/`), once normalized. */
const NAMED_HOME = /^((?:mnt\/)?(?:[a-z]:?\/)?(?:Users|home)\/[^/*?[\]{}!]+\/|(?:var\/)?root\/)/i;

/** Paths a glob is tried against to see whether it reaches a secret. */
const SAMPLES = [
  '.env',
  'app/.env',
  '.env.production',
  'server.pem',
  'tls/server.key',
  '.ssh/id_rsa',
  '.aws/credentials',
  'secrets/db.json',
  '.npmrc',
  // Home folders, as absolute paths are written once normalized (`//Users/**`, `//c/Users/**` for C:\Users):
  // a glob over them (`//Users/*/.aws/**`, `//home/*/.*`) reads every user's keys.
  ...['Users/me/', 'home/me/', 'root/', 'c/Users/me/', 'mnt/c/Users/me/'].flatMap((home) => HOME_FILES.map((file) => `${home}${file}`)),
];

/**
 * The ends of the secret files a folder holds (`.config/gh/hosts.yml` gives `gh/hosts.yml` and `hosts.yml`): tried
 * under a glob's folder, they say whether the folder is one of those that hold a secret (`~/.config/gh/**`). The
 * whole path is not tried, or every folder would hold one (`src/.aws/credentials`).
 */
const FOLDER_TAILS = SECRET_PATHS.flatMap((glob) => {
  const literal = glob.startsWith('**/') ? glob.slice(3) : '';
  if (literal === '' || !literal.includes('/') || picomatch.scan(literal).isGlob) return [];
  const parts = literal.split('/');
  return parts.slice(1).map((_, i) => parts.slice(i + 1).join('/'));
});

/**
 * Whether a path (or a glob) names or reaches a file that holds credentials; `reached` gives those files, in the
 * form `normalizeSecretPath` writes (the path itself, or the sample files a glob matches), none for other paths.
 */
export type SecretPathMatcher = ((path: string) => boolean) & { reached(path: string): string[] };

/** Normalizes `./x`, `/x`, `//abs/x`, `~/x` to a relative form the globs can match at any depth. */
export const normalizeSecretPath = (path: string): string => path.replace(/^(?:~\/|\/\/|\.\/|\/)+/, '').replace(/\\/g, '/');
const normalize = normalizeSecretPath;

export function secretPathMatcher(extra: readonly string[] = []): SecretPathMatcher {
  const options = { dot: true, nocase: true };
  const isSecret = picomatch([...SECRET_PATHS, ...extra], options);
  const isTemplate = picomatch(TEMPLATES, options);
  const reached = (raw: string): string[] => {
    const path = normalize(raw);
    if (path === '') return [];
    if (isSecret(path) && !isTemplate(path)) return [path];
    const scan = picomatch.scan(path);
    if (!scan.isGlob) return [];
    let glob: (p: string) => boolean;
    try {
      glob = picomatch(path, options);
    } catch {
      return [];
    }
    // A glob over one user's home (`//Users/alice/**`) reaches that user's keys.
    const home = NAMED_HOME.exec(path)?.[1];
    const folder = scan.base;
    const samples = [
      ...SAMPLES,
      ...(home === undefined ? [] : HOME_FILES.map((file) => `${home}${file}`)),
      ...(folder === '' ? [] : FOLDER_TAILS.map((tail) => `${folder}/${tail}`)),
    ];
    return samples.filter((sample) => glob(sample) && isSecret(sample));
  };
  return Object.assign((raw: string) => reached(raw).length > 0, { reached });
}
