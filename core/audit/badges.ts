import { REACHES, VERDICTS, type Verdict } from './audit';
import { FIXED_DESTINATIONS, SELF } from './matrix';

// A jail's badges (LAN, NET, HOST, ISOLATED) are read off its row of the matrix, so the canvas can
// never say a jail reaches the LAN while the matrix says the replies do not come back.

export type Badge = 'lan' | 'internet' | 'host' | 'isolated';

/**
 * Verdicts where a conversation works: every reply comes back (reachable) or does for some kinds of
 * traffic (partial). One-way is not among them: the packet arrives, but nothing answers the sender.
 */
export const TWO_WAY: ReadonlySet<Verdict> = new Set<Verdict>(['reachable', 'partial']);

const verdictOf = (code: number): Verdict | undefined => (code === SELF ? undefined : VERDICTS[code]);

/**
 * The badges of one jail from its matrix row (codes into VERDICTS, SELF on the diagonal; the LAN,
 * the internet and the host first, as in FIXED_DESTINATIONS): a destination badge exactly where the
 * verdict is two-way, and `isolated` when nothing the jail sends arrives anywhere.
 */
export function badgesOfRow(codes: readonly number[]): Badge[] {
  const badges: Badge[] = [];
  FIXED_DESTINATIONS.forEach((destination, col) => {
    const verdict = verdictOf(codes[col]!);
    if (verdict && TWO_WAY.has(verdict)) badges.push(destination.kind as Badge);
  });
  if (codes.every((code) => !REACHES.has(verdictOf(code) ?? 'self'))) badges.push('isolated');
  return badges;
}
