// A design's name: what the designs list shows and what exported files are called. One rule for the
// browser, which refuses a bad name where it is typed, and the server, which refuses it again.

export const DESIGN_NAME_MAX = 120;

/** The name typed for a design, trimmed, or why it is not one (naming the field and the rule). */
export function readDesignName(text: string): { ok: true; name: string } | { ok: false; reason: string } {
  const name = text.trim();
  if (name === '') return { ok: false, reason: 'Design name is empty: a design needs a name.' };
  if (name.length > DESIGN_NAME_MAX)
    return {
      ok: false,
      reason: `Design name is ${name.length} characters; design names are at most ${DESIGN_NAME_MAX}.`,
    };
  if (/[\u0000-\u001f\u007f]/.test(name))
    return { ok: false, reason: 'Design name contains a control character (a tab or line break): use plain text.' };
  return { ok: true, name };
}
