/**
 * A small, linear shell-word splitter: enough to see which programs a command line runs, never to run it.
 * Splits on `;`, `&&`, `||`, `|`, `&` and newlines, honours single and double quotes and backslashes.
 */
export function splitCommandLine(line: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  const endWord = (): void => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = (): void => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word += end < 0 ? line.slice(i + 1) : line.slice(i + 1, end);
      inWord = true;
      i = end < 0 ? line.length : end;
    } else if (c === '"') {
      inWord = true;
      for (i++; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\' && i + 1 < line.length) i++;
        word += line.charAt(i);
      }
    } else if (c === '\\' && i + 1 < line.length) {
      word += line.charAt(++i);
      inWord = true;
    } else if (c === ';' || c === '|' || c === '&' || c === '\n' || c === '\r' || c === '(' || c === ')' || c === '`') {
      endCommand();
    } else if (c === ' ' || c === '\t') {
      endWord();
    } else {
      word += c;
      inWord = true;
    }
  }
  endCommand();
  return commands;
}

const WRAPPERS = new Set(['sudo', 'doas', 'time', 'nice', 'nohup', 'exec', 'command', 'xargs', 'timeout', 'npx', 'bunx', 'pnpx', 'dotenv']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Drops wrappers (`sudo`, `env X=1`, `npx`, `pnpm dlx`, …) so the program that really runs comes first. */
export function unwrapCommand(words: readonly string[]): string[] {
  let i = 0;
  for (let guard = 0; guard < 16 && i < words.length; guard++) {
    const w = words[i]!;
    if (ASSIGNMENT.test(w)) i++;
    else if (w === 'env') {
      i++;
      while (i < words.length && (ASSIGNMENT.test(words[i]!) || words[i]!.startsWith('-'))) i++;
    } else if (WRAPPERS.has(w)) {
      i++;
      while (i < words.length && words[i]!.startsWith('-')) i++;
      if (w === 'timeout' && i < words.length && /^\d/.test(words[i]!)) i++;
      if (w === 'dotenv' && words[i] === '--') i++;
    } else if ((w === 'pnpm' || w === 'yarn') && words[i + 1] === 'dlx') i += 2;
    else break;
  }
  return words.slice(i).map(stripProgramPath);
}

/** `/usr/bin/git` and `./node_modules/.bin/vercel` run the same programs as `git` and `vercel`. */
function stripProgramPath(word: string, index: number): string {
  if (index !== 0) return word;
  const slash = word.lastIndexOf('/');
  // A path with a wildcard names scripts in a folder, not whatever its last part matches.
  if (/[*?]/.test(word)) return word;
  return slash >= 0 && slash < word.length - 1 ? word.slice(slash + 1) : word;
}

/** Whether `prefix` is a prefix of `words`; a `*` in the prefix matches any one word. */
export function startsWithWords(words: readonly string[], prefix: readonly string[]): boolean {
  if (prefix.length > words.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    if (prefix[i] !== '*' && prefix[i] !== words[i]) return false;
  }
  return true;
}
