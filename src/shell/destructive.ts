/**
 * Commands that destroy what cannot be brought back (files, history, infrastructure, data), as data with the
 * documentation that says so. Teams add their own through `rules.destructive-actions.commands` and take
 * built-in ones out with `except`. Each entry is program words, then options that must all appear somewhere
 * after them (one of each group, short options possibly bundled: `-fr`), or an argument that must match.
 */
export interface DestructiveEntry {
  /** How the command is written in docs, messages and `except` (`rm -rf`). */
  command: string;
  /** The words that start it (`git reset`). */
  words: readonly string[];
  /** Option groups that must each appear after the words: one option of every group. */
  flags?: readonly (readonly string[])[];
  /** Options that make it only look (`--dry-run`): with one of them, the command destroys nothing. */
  unless?: readonly string[];
  /** An argument that must appear after the words (an SQL statement that drops). */
  argument?: { pattern: RegExp; example: string };
  /** What it destroys. */
  destroys: string;
  source: string;
}

const SQL_DROP = /\b(?:drop\s+(?:database|schema|table)|truncate\s+(?:table\s+)?\w)/i;
/** A database client given a statement that drops or truncates (`psql -c "DROP DATABASE app"`). */
const sqlEntry = (program: string, flags: readonly string[], source: string): DestructiveEntry => ({
  command: `${program} ${flags[0]!} "DROP …"`,
  words: [program],
  flags: [flags],
  argument: { pattern: SQL_DROP, example: 'DROP DATABASE app' },
  destroys: 'a database, a schema or a table',
  source,
});

export const DESTRUCTIVE_COMMANDS: readonly DestructiveEntry[] = [
  {
    command: 'rm -rf',
    words: ['rm'],
    flags: [
      ['-r', '-R', '--recursive'],
      ['-f', '--force'],
    ],
    destroys: 'whole folder trees',
    source: 'https://www.gnu.org/software/coreutils/manual/html_node/rm-invocation.html',
  },
  {
    command: 'Remove-Item -Recurse -Force',
    words: ['Remove-Item'],
    flags: [['-Recurse', '-r'], ['-Force']],
    destroys: 'whole folder trees',
    source: 'https://learn.microsoft.com/powershell/module/microsoft.powershell.management/remove-item',
  },
  {
    command: 'del /s /q',
    words: ['del'],
    flags: [
      ['/s', '/S'],
      ['/q', '/Q'],
    ],
    destroys: 'files in every subfolder, without asking for each',
    source: 'https://learn.microsoft.com/windows-server/administration/windows-commands/del',
  },
  {
    command: 'git reset --hard',
    words: ['git', 'reset'],
    flags: [['--hard']],
    destroys: 'uncommitted changes',
    source: 'https://git-scm.com/docs/git-reset#Documentation/git-reset.txt---hard',
  },
  {
    command: 'git push --force',
    words: ['git', 'push'],
    flags: [['--force', '-f', '--force-with-lease', '--mirror']],
    unless: ['-n', '--dry-run'],
    destroys: 'commits on the remote branch it overwrites',
    source: 'https://git-scm.com/docs/git-push#Documentation/git-push.txt---force',
  },
  {
    command: 'git push --delete',
    words: ['git', 'push'],
    flags: [['--delete', '-d', '--prune']],
    unless: ['-n', '--dry-run'],
    destroys: 'remote branches or tags',
    source: 'https://git-scm.com/docs/git-push#Documentation/git-push.txt---delete',
  },
  {
    command: 'git clean -f',
    words: ['git', 'clean'],
    flags: [['-f', '--force']],
    unless: ['-n', '--dry-run', '-i', '--interactive'],
    destroys: 'untracked files (with -x, ignored ones such as .env too)',
    source: 'https://git-scm.com/docs/git-clean',
  },
  {
    command: 'git stash clear',
    words: ['git', 'stash', 'clear'],
    destroys: 'every stash',
    source: 'https://git-scm.com/docs/git-stash#Documentation/git-stash.txt-clear',
  },
  {
    command: 'git filter-branch',
    words: ['git', 'filter-branch'],
    destroys: 'history, rewritten',
    source: 'https://git-scm.com/docs/git-filter-branch',
  },
  {
    command: 'aws s3 rm',
    words: ['aws', 's3', 'rm'],
    destroys: 'S3 objects',
    source: 'https://docs.aws.amazon.com/cli/latest/reference/s3/rm.html',
  },
  {
    command: 'aws s3 rb',
    words: ['aws', 's3', 'rb'],
    destroys: 'S3 buckets',
    source: 'https://docs.aws.amazon.com/cli/latest/reference/s3/rb.html',
  },
  {
    command: 'kubectl delete',
    words: ['kubectl', 'delete'],
    unless: ['--dry-run', '--dry-run=client', '--dry-run=server'],
    destroys: 'cluster resources',
    source: 'https://kubernetes.io/docs/reference/kubectl/generated/kubectl_delete/',
  },
  {
    command: 'helm uninstall',
    words: ['helm', 'uninstall'],
    unless: ['--dry-run'],
    destroys: 'a release and its resources',
    source: 'https://helm.sh/docs/helm/helm_uninstall/',
  },
  {
    command: 'helm delete',
    words: ['helm', 'delete'],
    unless: ['--dry-run'],
    destroys: 'a release and its resources',
    source: 'https://helm.sh/docs/helm/helm_uninstall/ (alias)',
  },
  {
    command: 'terraform destroy',
    words: ['terraform', 'destroy'],
    destroys: 'the infrastructure a configuration manages',
    source: 'https://developer.hashicorp.com/terraform/cli/commands/destroy',
  },
  {
    command: 'tofu destroy',
    words: ['tofu', 'destroy'],
    destroys: 'the infrastructure a configuration manages',
    source: 'https://opentofu.org/docs/cli/commands/destroy/',
  },
  {
    command: 'terragrunt destroy',
    words: ['terragrunt', 'destroy'],
    destroys: 'the infrastructure a configuration manages',
    source: 'https://terragrunt.gruntwork.io/docs/reference/cli-options/',
  },
  {
    command: 'pulumi destroy',
    words: ['pulumi', 'destroy'],
    destroys: 'every resource of a stack',
    source: 'https://www.pulumi.com/docs/iac/cli/commands/pulumi_destroy/',
  },
  {
    command: 'cdk destroy',
    words: ['cdk', 'destroy'],
    destroys: 'CloudFormation stacks',
    source: 'https://docs.aws.amazon.com/cdk/v2/guide/ref-cli-cmd-destroy.html',
  },
  {
    command: 'docker system prune -f',
    words: ['docker', 'system', 'prune'],
    flags: [['-f', '--force']],
    destroys: 'containers, images, networks and (with --volumes) volumes',
    source: 'https://docs.docker.com/reference/cli/docker/system/prune/',
  },
  {
    command: 'docker volume prune -f',
    words: ['docker', 'volume', 'prune'],
    flags: [['-f', '--force']],
    destroys: 'volumes and their data',
    source: 'https://docs.docker.com/reference/cli/docker/volume/prune/',
  },
  {
    command: 'docker volume rm',
    words: ['docker', 'volume', 'rm'],
    destroys: 'volumes and their data',
    source: 'https://docs.docker.com/reference/cli/docker/volume/rm/',
  },
  {
    command: 'dropdb',
    words: ['dropdb'],
    destroys: 'a PostgreSQL database',
    source: 'https://www.postgresql.org/docs/current/app-dropdb.html',
  },
  {
    command: 'mysqladmin drop',
    words: ['mysqladmin', 'drop'],
    destroys: 'a MySQL database',
    source: 'https://dev.mysql.com/doc/refman/8.4/en/mysqladmin.html',
  },
  sqlEntry('psql', ['-c', '--command'], 'https://www.postgresql.org/docs/current/app-psql.html'),
  sqlEntry('mysql', ['-e', '--execute'], 'https://dev.mysql.com/doc/refman/8.4/en/mysql-command-options.html'),
  sqlEntry('mariadb', ['-e', '--execute'], 'https://mariadb.com/kb/en/mariadb-command-options/'),
  {
    command: 'sqlite3 … "DROP …"',
    words: ['sqlite3'],
    argument: { pattern: SQL_DROP, example: 'DROP TABLE users' },
    destroys: 'a table',
    source: 'https://www.sqlite.org/lang_droptable.html',
  },
  {
    command: 'prisma migrate reset --force',
    words: ['prisma', 'migrate', 'reset'],
    flags: [['--force', '-f']],
    destroys: 'the database, dropped and recreated',
    source: 'https://www.prisma.io/docs/orm/reference/prisma-cli-reference#migrate-reset',
  },
  {
    command: 'prisma db push --force-reset',
    words: ['prisma', 'db', 'push'],
    flags: [['--force-reset']],
    destroys: 'the database, reset',
    source: 'https://www.prisma.io/docs/orm/reference/prisma-cli-reference#db-push',
  },
  {
    command: 'supabase db reset',
    words: ['supabase', 'db', 'reset'],
    destroys: 'the database, recreated',
    source: 'https://supabase.com/docs/reference/cli/supabase-db-reset',
  },
  {
    command: 'rails db:drop',
    words: ['rails', 'db:drop'],
    destroys: 'the database',
    source: 'https://guides.rubyonrails.org/active_record_migrations.html#setup-the-database',
  },
  {
    command: 'rails db:reset',
    words: ['rails', 'db:reset'],
    destroys: 'the database, dropped and recreated',
    source: 'https://guides.rubyonrails.org/active_record_migrations.html#resetting-the-database',
  },
  {
    command: 'rake db:drop',
    words: ['rake', 'db:drop'],
    destroys: 'the database',
    source: 'https://guides.rubyonrails.org/active_record_migrations.html#setup-the-database',
  },
  {
    command: 'redis-cli flushall',
    words: ['redis-cli', 'flushall'],
    destroys: 'every key of every Redis database',
    source: 'https://redis.io/docs/latest/commands/flushall/',
  },
  {
    command: 'mkfs',
    words: ['mkfs'],
    destroys: 'a whole file system',
    source: 'https://man7.org/linux/man-pages/man8/mkfs.8.html',
  },
];
