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

// NO_IPV6 (254) and SELF are no verdict: VERDICTS has no such index.
const verdictOf = (code: number): Verdict | undefined => (code === SELF ? undefined : VERDICTS[code]);

/**
 * The badges of one jail from its matrix row (codes into VERDICTS, SELF on the diagonal; the LAN,
 * the internet and the host first, as in FIXED_DESTINATIONS): a destination badge exactly where the
 * verdict is two-way, and `isolated` when nothing the jail sends arrives anywhere. With the row's IPv6
 * half (`codes6`, NO_IPV6 where there is nothing to ask) a badge needs either family: a jail that
 * reaches the LAN only over IPv6 reaches it, and is not isolated.
 */
export function badgesOfRow(codes: ArrayLike<number>, codes6?: ArrayLike<number>): Badge[] {
  const badges: Badge[] = [];
  const halves = codes6 ? [codes, codes6] : [codes];
  FIXED_DESTINATIONS.forEach((destination, col) => {
    const twoWay = (half: ArrayLike<number>) => {
      const verdict = verdictOf(half[col]!);
      return verdict !== undefined && TWO_WAY.has(verdict);
    };
    if (halves.some(twoWay)) badges.push(destination.kind as Badge);
  });
  if (halves.every((half) => !reachesAny(half))) badges.push('isolated');
  return badges;
}

function reachesAny(half: ArrayLike<number>): boolean {
  for (let i = 0; i < half.length; i++) if (REACHES.has(verdictOf(half[i]!) ?? 'self')) return true;
  return false;
}
