'use client';

import { carrierChoices, setJailAddresses } from '../../../core/editor/shared-ip-actions';
import type { JailAddress } from '../../../core/topology/schema';
import { SHARED_IP_FAMILIES, type SharedIpJail, type SharedIpKey } from '../../../core/topology/shared-ip';
import type { PathSegment, Problem } from '../../../core/validate/problem';
import { useEditor, useEditorStore } from '../editor-context';
import { CheckField, ProblemNotes, TextField } from './fields';
import { fieldProblems } from './locate';
import { useFieldEdit } from './use-field-edit';

// A shared-IP jail's ip4.addr / ip6.addr: one row per address, its text and the interface jail(8) adds
// it to (or "already on an interface"). Text goes through the field conventions of use-field-edit.ts:
// what Save would refuse stays in the field, held with why; the validator's problems (a typo, the
// wrong family, an interface of another stack) show under the row they are about.

const SELECT =
  'w-full rounded border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-2 py-1 text-sm';

function AddressRow({
  jail,
  familyKey,
  index,
  list,
  path,
  problems,
}: {
  jail: SharedIpJail;
  familyKey: SharedIpKey;
  index: number;
  list: JailAddress[];
  path: PathSegment[];
  problems: Problem[];
}) {
  const store = useEditorStore();
  const topology = useEditor((s) => s.topology);
  const edit = useFieldEdit(jail.id, path, problems);
  const entry = list[index]!;
  const rowPath = [...path, 'sharedIp', familyKey, index];
  const replace = (next: JailAddress) => list.map((a, i) => (i === index ? next : a));
  const field = edit(
    `sharedIp.${familyKey}.${index}.address`,
    entry.address,
    (text) => (t) => setJailAddresses(t, jail.id, familyKey, replace({ ...entry, address: text.trim() })),
  );
  const testId = `field-${familyKey}-${index}`;
  return (
    <div className="space-y-1 rounded border border-dashed border-violet-300 p-2" data-testid={`${testId}-row`}>
      <TextField
        label={`${familyKey}.addr #${index + 1}`}
        value={field.value}
        onCommit={field.onCommit}
        problems={field.problems}
        placeholder={familyKey === 'ip4' ? '10.17.89.1/32' : 'fd00::1/128'}
        testId={`${testId}-address`}
      />
      <select
        aria-label={`Interface of ${familyKey}.addr #${index + 1}`}
        className={SELECT}
        value={entry.interface ?? ''}
        onChange={(e) => {
          const address = entry.address;
          const next = e.target.value ? { interface: e.target.value, address } : { address };
          store.getState().setJailAddresses(jail.id, familyKey, replace(next));
        }}
        data-testid={`${testId}-interface`}>
        <option value="">already on an interface</option>
        {carrierChoices(topology, jail).map((iface) => (
          <option key={iface.id} value={iface.id}>
            add to {iface.name}
          </option>
        ))}
      </select>
      <ProblemNotes problems={fieldProblems(problems, rowPath, 'interface').concat(fieldProblems(problems, rowPath))} />
      <button
        type="button"
        className="text-xs font-medium text-red-700 hover:underline"
        onClick={() =>
          store.getState().setJailAddresses(
            jail.id,
            familyKey,
            list.filter((_, i) => i !== index),
          )
        }
        data-testid={`${testId}-remove`}>
        Remove this address
      </button>
    </div>
  );
}

export function SharedIpFields({
  jail,
  path,
  problems,
}: {
  jail: SharedIpJail;
  path: PathSegment[];
  problems: Problem[];
}) {
  const store = useEditorStore();
  return (
    <div className="space-y-3" data-testid="shared-ip-fields">
      <p className="text-xs text-slate-500">
        A shared-IP jail has no vnet: it uses the host&apos;s interfaces, routes and pf, and binds only to these
        addresses.
      </p>
      {SHARED_IP_FAMILIES.map(({ key, family }) => {
        const list = jail.sharedIp[key];
        return (
          <div key={key} className="space-y-1.5">
            <CheckField
              label={`${key} = inherit (every IPv${family} address of the host)`}
              checked={list === 'inherit'}
              onChange={(inherit) => store.getState().setJailAddresses(jail.id, key, inherit ? 'inherit' : [])}
              testId={`field-${key}-inherit`}
            />
            <ProblemNotes problems={fieldProblems(problems, [...path, 'sharedIp'], key)} />
            {list !== 'inherit' &&
              list.map((_, index) => (
                <AddressRow
                  key={`${key}-${index}`}
                  jail={jail}
                  familyKey={key}
                  index={index}
                  list={list}
                  path={path}
                  problems={problems}
                />
              ))}
            {list !== 'inherit' && (
              <button
                type="button"
                className="text-xs font-medium text-violet-700 hover:underline"
                onClick={() => store.getState().setJailAddresses(jail.id, key, [...list, { address: '' }])}
                data-testid={`field-${key}-add`}>
                Add an IPv{family} address
              </button>
            )}
          </div>
        );
      })}
    </div>
  );
}
