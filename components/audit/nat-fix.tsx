'use client';

import type { Explanation } from '../../core/audit/report';

/**
 * The one-click fix for replies lost to a private address: nat on the host NIC the request left by.
 * Shown only where the design can change (the editor passes `onAddNat`), never on a host's view.
 */
export function NatFix({
  fix,
  onAddNat,
}: {
  fix: Explanation['natFix'];
  onAddNat: ((egress: string) => void) | undefined;
}) {
  if (!fix || !onAddNat) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 rounded bg-amber-50 px-2 py-1.5 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-100">
      <span>Sharing {fix.nic}&apos;s address with the jails behind the host brings the replies back.</span>
      <button
        type="button"
        className="rounded bg-violet-600 px-2 py-0.5 font-medium text-white hover:bg-violet-700"
        onClick={() => onAddNat(fix.egress)}
        data-testid="explanation-add-nat">
        Add nat on {fix.nic}
      </button>
    </div>
  );
}
