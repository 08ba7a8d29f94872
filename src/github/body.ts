/** GitHub refuses an issue or comment body over 65,536 characters. */
export const MAX_BODY = 65_536;

/**
 * A body GitHub accepts: whole when it fits, else cut at a line break, with a line saying so and where the rest
 * is (`pointer`, e.g. "the job summary of https://…/runs/42"). The marker the body is found by stays first.
 */
export function toBoundedBody(body: string, marker: string, pointer: string, max: number = MAX_BODY): string {
  const marked = body.startsWith(marker) ? body : `${marker}\n${body}`;
  if (marked.length <= max) return marked;
  const tail = `\n\n…cut here: the text is over GitHub's ${max.toLocaleString('en')}-character limit. The complete text is in ${pointer}.`;
  const room = Math.max(marker.length, max - tail.length);
  const head = marked.slice(0, room);
  const lineEnd = head.lastIndexOf('\n');
  let kept = lineEnd > marker.length ? head.slice(0, lineEnd) : head;
  // Never leave half a surrogate pair.
  if (/[\uD800-\uDBFF]$/.test(kept)) kept = kept.slice(0, -1);
  return `${kept}${tail}`.slice(0, max);
}
