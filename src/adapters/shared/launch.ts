/** A declared server's command, arguments and URL as words (bounded), so a rule can recognise a well-known server. */
export function launchWords(server: Record<string, unknown>): string[] {
  const words: string[] = [];
  for (const key of ['command', 'url', 'httpUrl', 'serverUrl']) {
    const value = server[key];
    if (typeof value === 'string') words.push(value);
    else if (Array.isArray(value)) for (const w of value) if (typeof w === 'string') words.push(w);
  }
  const args = server.args;
  if (Array.isArray(args)) for (const w of args) if (typeof w === 'string') words.push(w);
  return words.slice(0, 64).map((w) => w.slice(0, 200));
}
