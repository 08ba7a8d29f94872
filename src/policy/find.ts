import { PolicyLoadError } from './errors.js';
import { locationName, looksRemoteWithoutRef, type PolicyLocation, type RemoteLocation } from './location.js';
import { PolicyReadError, resolvePolicy, UntrustedPolicyError, type PolicyReader, type ResolvedPolicy } from './load.js';

/** Where the policy is looked for when no location is given, in this order. */
export const POLICY_LOCATIONS = ['.github/agent-policy.yml', '.github/agent-policy.yaml', '.agent-policy.yml', '.agent-policy.yaml'];

/** How one side of a check reads policy files; each throws `PolicyReadError` for a file it cannot or may not read. */
export interface PolicyReaders {
  /** A file of the repository by its repository-relative path: the work tree, or git objects at a base revision. */
  repo: (path: string) => string | undefined;
  /** A file outside the repository that the person running the CLI named. */
  external: (path: string) => string | undefined;
  remote: (location: RemoteLocation) => Promise<string | undefined>;
  /**
   * Which remote policies this side may read: all (the trusted side), or only those the trusted side reads
   * (a pull request's policy may not point the check, and its token, at another repository).
   */
  trustedRemotes: 'all' | ReadonlySet<string>;
}

function toReader(readers: PolicyReaders): PolicyReader {
  return async (location) => {
    if (location.kind === 'repo') return readers.repo(location.path);
    if (location.kind === 'external') return readers.external(location.path);
    const name = locationName(location);
    if (readers.trustedRemotes !== 'all' && !readers.trustedRemotes.has(name)) {
      throw new UntrustedPolicyError(
        'it is read only when the policy in force names it (a pull request cannot point the check at another repository); the change takes effect once merged',
      );
    }
    return readers.remote(location);
  };
}

/** Reads one file through the reader, every failure as a policy error at the file's first line. */
async function readFirst(location: PolicyLocation, read: PolicyReader): Promise<string | undefined> {
  try {
    return await read(location);
  } catch (error) {
    const message = error instanceof PolicyReadError ? error.message : 'an internal error';
    const at = error instanceof PolicyReadError && error.position ? error.position : { line: 1, column: 1 };
    throw new PolicyLoadError([
      {
        file: locationName(location),
        ...at,
        message: `could not be read: ${message}`,
        ...(error instanceof UntrustedPolicyError ? { untrusted: true as const } : {}),
      },
    ]);
  }
}

/**
 * The policy in force for one side: the location trusted configuration names (the CLI's `--policy`, the
 * action's `policy` input), else the repository's own policy file, else the embedded default.
 */
export async function findPolicy(location: PolicyLocation | undefined, readers: PolicyReaders): Promise<ResolvedPolicy> {
  const read = toReader(readers);
  if (location !== undefined) {
    const text = await readFirst(location, read);
    if (text === undefined) {
      const hint =
        location.kind !== 'remote' && looksRemoteWithoutRef(location.path)
          ? ' (a central policy is written owner/repo/path@ref: the @ref is missing)'
          : '';
      throw new PolicyLoadError([{ file: locationName(location), line: 1, column: 1, message: `no such policy file${hint}` }]);
    }
    return resolvePolicy({ location, text }, read);
  }
  const found: { location: PolicyLocation; text: string }[] = [];
  for (const path of POLICY_LOCATIONS) {
    const where: PolicyLocation = { kind: 'repo', path };
    const text = await readFirst(where, read);
    if (text !== undefined) found.push({ location: where, text });
  }
  // Two policy files would leave one silently unused: which one is in force must not depend on a lookup order.
  if (found.length > 1) {
    const names = found.map((f) => locationName(f.location));
    throw new PolicyLoadError(
      names.slice(1).map((file) => ({
        file,
        line: 1,
        column: 1,
        message: `a second policy file (${names.join(', ')} all exist); keep one and remove the others`,
      })),
    );
  }
  return resolvePolicy(found[0], read);
}

/** The remote policies a resolved policy read: what a pull request's policy may read too. */
export const remotesOf = (policy: ResolvedPolicy): Set<string> =>
  new Set(policy.locations.filter((l) => l.kind === 'remote').map(locationName));
