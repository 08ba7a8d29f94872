/** A contents API answer for a file, as GitHub sends it in JSON: type, size and base64 content. */
export const contentsOf = (text: string): { type: 'file'; size: number; encoding: 'base64'; content: string } => {
  const bytes = Buffer.from(text, 'utf8');
  return { type: 'file', size: bytes.length, encoding: 'base64', content: bytes.toString('base64') };
};
