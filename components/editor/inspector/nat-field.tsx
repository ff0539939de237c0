'use client';

import { jailNetworks, natByNic } from '../../../core/editor/nat';
import type { Interface, Stack } from '../../../core/topology/schema';
import { useEditor, useEditorStore } from '../editor-context';
import { CheckField } from './fields';

// nat on a host NIC: the jails behind the host leave with the NIC's address, so the LAN's router
// can answer them. Shown on the NIC and, one switch per NIC, on the host.

const note = 'text-xs text-slate-500 dark:text-slate-400';

/** The switch for one host NIC, with the networks it covers (or would cover). */
export function NatSwitch({ nic, label }: { nic: Interface; label: string }) {
  const store = useEditorStore();
  const topology = useEditor((s) => s.topology);
  const covered = natByNic(topology).get(nic.id);
  const networks = jailNetworks(topology);
  const stale = covered !== undefined && covered.join() !== networks.join() && networks.length > 0;
  const id = `nat-${nic.name}`;
  return (
    <div className="space-y-1" data-testid={id}>
      <CheckField
        label={label}
        checked={covered !== undefined}
        onChange={(on) => store.getState().setNat(nic.id, on)}
        testId={`${id}-switch`}
      />
      <p className={note} data-testid={`${id}-sources`}>
        {covered
          ? `Covers ${covered.join(', ')}`
          : networks.length
            ? `Would cover ${networks.join(', ')}`
            : 'No jail network routes through the host yet: give a bridge an IPv4 address first.'}
      </p>
      {stale && (
        <button
          type="button"
          className="text-xs font-medium text-violet-700 hover:underline"
          onClick={() => store.getState().setNat(nic.id, true)}
          data-testid={`${id}-update`}>
          Cover {networks.join(', ')} instead
        </button>
      )}
    </div>
  );
}

/** On a NIC: the switch when the NIC belongs to the host, whose pf is the one Patchbay writes nat to. */
export function NicNatField({ nic, stack }: { nic: Interface; stack: Stack }) {
  if (nic.kind !== 'physical') return null;
  if (stack.kind !== 'host')
    return <p className={note}>nat: Patchbay writes nat to the host&apos;s pf only, and this NIC is inside a jail.</p>;
  return <NatSwitch nic={nic} label="Share this NIC's address with the jails behind it (nat)" />;
}

/** On the host: one switch per NIC. */
export function HostNatField({ host }: { host: Stack }) {
  const nics = host.interfaces.filter((i) => i.kind === 'physical');
  return (
    <fieldset className="space-y-2">
      <legend className="mb-0.5 text-[11px] font-medium uppercase tracking-wide text-slate-500">NAT</legend>
      {nics.length === 0 ? (
        <p className={note}>Add a NIC to share its address with the jails (nat).</p>
      ) : (
        nics.map((nic) => (
          <NatSwitch key={nic.id} nic={nic} label={`Share ${nic.name}'s address with the jails behind it (nat)`} />
        ))
      )}
    </fieldset>
  );
}
