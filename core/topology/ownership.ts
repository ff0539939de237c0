// Objects Patchbay creates carry a mark in their interface description, so a later read of the host
// can tell them from objects someone else made (docs/architecture.md, design rules: never touch what we do not own).
// Marked: "patchbay" alone, or "patchbay: <the user's description>".
//
// An epair end's mark also names the cable it belongs to, by the names of its two ends:
// "patchbay epair <a>/<b>" (then ": <text>"). Discovery pairs the two ends by it: a renamed epair
// end carries no trace of its partner in the kernel (FreeBSD 15 gives both ends unrelated MACs,
// if_epair.c ether_gen_addr_byname), and indexes are reused (sys/net/if.c ifindex_alloc), so the
// description Patchbay wrote is the one reliable link (docs/freebsd.md §2.4).

export const OWNER_MARK = 'patchbay';

/** The two ends of an epair, by interface name, as the mark records them. */
export interface CableNames {
  a: string;
  b: string;
}

export function markDescription(description?: string, cable?: CableNames): string {
  const mark = cable ? `${OWNER_MARK} epair ${cable.a}/${cable.b}` : OWNER_MARK;
  return description === undefined || description === '' ? mark : `${mark}: ${description}`;
}

const CABLE_MARK = /^patchbay epair ([^\s/:]+)\/([^\s/:]+)(?:: ([\s\S]*))?$/;

export function readDescription(raw: string | undefined): { owned: boolean; description?: string; cable?: CableNames } {
  if (raw === undefined) return { owned: false };
  if (raw === OWNER_MARK) return { owned: true };
  const cable = CABLE_MARK.exec(raw);
  if (cable) {
    const text = cable[3];
    return {
      owned: true,
      cable: { a: cable[1]!, b: cable[2]! },
      ...(text !== undefined && text !== '' ? { description: text } : {}),
    };
  }
  if (raw.startsWith(`${OWNER_MARK}: `)) {
    const rest = raw.slice(OWNER_MARK.length + 2);
    return rest === '' ? { owned: true } : { owned: true, description: rest };
  }
  return { owned: false, description: raw };
}
