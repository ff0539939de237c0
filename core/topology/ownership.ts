// Objects Patchbay creates carry a mark in their interface description, so a later read of the host
// can tell them from objects someone else made (DESIGN.md: never touch what we do not own).
// Marked: "patchbay" alone, or "patchbay: <the user's description>".

export const OWNER_MARK = 'patchbay';

export function markDescription(description?: string): string {
  return description === undefined || description === '' ? OWNER_MARK : `${OWNER_MARK}: ${description}`;
}

export function readDescription(raw: string | undefined): { owned: boolean; description?: string } {
  if (raw === undefined) return { owned: false };
  if (raw === OWNER_MARK) return { owned: true };
  if (raw.startsWith(`${OWNER_MARK}: `)) {
    const rest = raw.slice(OWNER_MARK.length + 2);
    return rest === '' ? { owned: true } : { owned: true, description: rest };
  }
  return { owned: false, description: raw };
}
