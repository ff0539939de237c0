'use client';

import { rename, updateInterface, updateSegment, updateStack } from '../../../core/editor/actions';
import { readCount, readMtu } from '../../../core/editor/field-text';
import { nextFreeAddress } from '../../../core/editor/names';
import { isSharedIpJail } from '../../../core/topology/shared-ip';
import type { Interface, Stack, Topology } from '../../../core/topology/schema';
import type { PathSegment, Problem } from '../../../core/validate/problem';
import { useEditor, useEditorStore } from '../editor-context';
import { allProblems } from '../held-fields';
import { CableFields } from './cable-fields';
import { CheckField, ListField, ProblemNotes, TextField } from './fields';
import { JailRootFields } from './jail-root-fields';
import { fieldProblems, locate } from './locate';
import { HostNatField, NicNatField } from './nat-field';
import { PfConfField } from './pf-conf-field';
import { SharedIpFields } from './shared-ip-fields';
import { useFieldEdit } from './use-field-edit';

// Edit every field of what is selected. Suggestions where they save typing: the next free address
// of the bridge a jail hangs off, and that bridge's address as the jail's gateway.

/** The bridges an interface's epair leads to, with their first IPv4 address. */
function bridgesBehind(t: Topology, iface: Interface): Interface[] {
  if (iface.kind !== 'epair') return [];
  const peer = t.stacks.flatMap((s) => s.interfaces).find((i) => i.id === iface.peer);
  return t.stacks
    .flatMap((s) => s.interfaces)
    .filter((b) => b.kind === 'bridge' && peer !== undefined && b.members.includes(peer.id));
}

function InterfaceFields({
  iface,
  path,
  problems,
}: {
  iface: Interface;
  path: (string | number)[];
  problems: Problem[];
}) {
  const store = useEditorStore();
  const topology = useEditor((s) => s.topology);
  const update = (patch: Parameters<ReturnType<typeof store.getState>['updateInterface']>[1]) =>
    store.getState().updateInterface(iface.id, patch);
  const edit = useFieldEdit(iface.id, path, problems);
  const bridge = bridgesBehind(topology, iface)[0];
  const free = bridge?.addresses[0] ? nextFreeAddress(topology, bridge.addresses[0]) : undefined;
  return (
    <div className="space-y-3">
      {iface.kind === 'epair' ? (
        <CableFields end={iface} />
      ) : (
        <TextField
          label="Name"
          {...edit('name', iface.name, (name) => (t) => rename(t, iface.id, name))}
          testId="field-name"
        />
      )}
      {iface.kind === 'epair' ? <ProblemNotes problems={fieldProblems(problems, path, 'name')} /> : null}
      <ListField
        label="Addresses (CIDR, one per line)"
        values={iface.addresses}
        onCommit={(addresses) => update({ addresses })}
        problems={fieldProblems(problems, path, 'addresses').concat(
          problems.filter((p) => p.path.length > path.length + 1 && p.path[path.length] === 'addresses'),
        )}
        testId="field-addresses"
        {...(free && !iface.addresses.length
          ? { suggestion: { label: `Use ${free} (next free on ${bridge!.name})`, value: free } }
          : {})}
      />
      <TextField
        label="Description"
        {...edit(
          'description',
          iface.description ?? '',
          (text) => (t) => updateInterface(t, iface.id, { description: text || undefined }),
        )}
        testId="field-description"
      />
      <TextField
        label="MTU"
        {...edit('mtu', iface.mtu === undefined ? '' : String(iface.mtu), (text) => (t) => {
          const mtu = readMtu(text, iface.kind, t.target.freebsd);
          return mtu.ok ? updateInterface(t, iface.id, { mtu: mtu.value }) : mtu;
        })}
        placeholder="default"
        testId="field-mtu"
      />
      <CheckField label="Up" checked={iface.up} onChange={(up) => update({ up })} testId="field-up" />
    </div>
  );
}

/** Nesting: a jail inside another jail (its parent raises children.max as needed). */
function ParentField({ stack }: { stack: Extract<Stack, { kind: 'jail' }> }) {
  const store = useEditorStore();
  const topology = useEditor((s) => s.topology);
  const candidates = topology.stacks.filter((s) => s.kind === 'jail' && s.id !== stack.id);
  return (
    <div>
      <label
        className="mb-0.5 block text-[11px] font-medium uppercase tracking-wide text-slate-500"
        htmlFor={`parent-${stack.id}`}>
        Nested in
      </label>
      <select
        id={`parent-${stack.id}`}
        className="w-full rounded border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-2 py-1 text-sm"
        value={stack.parent ?? ''}
        onChange={(e) => store.getState().updateStack(stack.id, { parent: e.target.value || undefined })}
        data-testid="field-parent">
        <option value="">the host</option>
        {candidates.map((c) => (
          <option key={c.id} value={c.id}>
            {c.kind === 'jail' ? c.name : c.id}
          </option>
        ))}
      </select>
    </div>
  );
}

function StackFields({ stack, path, problems }: { stack: Stack; path: (string | number)[]; problems: Problem[] }) {
  const store = useEditorStore();
  const topology = useEditor((s) => s.topology);
  const update = (patch: Parameters<ReturnType<typeof store.getState>['updateStack']>[1]) =>
    store.getState().updateStack(stack.id, patch);
  const gatewayHint = stack.interfaces
    .flatMap((i) => bridgesBehind(topology, i))
    .find((b) => b.addresses[0])
    ?.addresses[0]?.split('/')[0];
  const edit = useFieldEdit(stack.id, path, problems);
  // route(8)'s two forms: "DEST via GATEWAY", or "DEST -iface IF" for an interface route.
  const routes = stack.staticRoutes.map((r) =>
    r.gateway !== undefined
      ? `${r.destination} via ${r.gateway}`
      : `${r.destination} -iface ${stack.interfaces.find((i) => i.id === r.interface)?.name ?? r.interface}`,
  );
  // A shared-IP jail has no routes or forwarding of its own: the fields show only to undo such values.
  const networkFields =
    !isSharedIpJail(stack) ||
    stack.forwarding.ipv4 ||
    stack.forwarding.ipv6 ||
    stack.defaultGateway.ipv4 !== undefined ||
    stack.defaultGateway.ipv6 !== undefined ||
    stack.staticRoutes.length > 0;
  return (
    <div className="space-y-3">
      {stack.kind === 'jail' ? (
        <TextField
          label="Jail name"
          {...edit('name', stack.name, (name) => (t) => rename(t, stack.id, name))}
          testId="field-name"
        />
      ) : null}
      <TextField
        label="Hostname"
        {...edit(
          'hostname',
          stack.hostname ?? '',
          (text) => (t) => updateStack(t, stack.id, { hostname: text || undefined }),
        )}
        testId="field-hostname"
      />
      {stack.kind === 'jail' && <ParentField stack={stack} />}
      {isSharedIpJail(stack) && <SharedIpFields jail={stack} path={path} problems={problems} />}
      {stack.kind === 'jail' && <JailRootFields jail={stack} />}
      {stack.kind === 'jail' && (
        <TextField
          label="children.max"
          {...edit('childrenMax', String(stack.childrenMax), (text) => (t) => {
            const count = readCount(text, 'children.max');
            return count.ok ? updateStack(t, stack.id, { childrenMax: count.value }) : count;
          })}
          testId="field-children-max"
        />
      )}
      {networkFields && (
        <>
          <div className="space-y-1">
            <CheckField
              label="Forward IPv4"
              checked={stack.forwarding.ipv4}
              onChange={(ipv4) => update({ forwarding: { ...stack.forwarding, ipv4 } })}
              testId="field-forwarding-ipv4"
            />
            <CheckField
              label="Forward IPv6"
              checked={stack.forwarding.ipv6}
              onChange={(ipv6) => update({ forwarding: { ...stack.forwarding, ipv6 } })}
              testId="field-forwarding-ipv6"
            />
            <ProblemNotes
              problems={fieldProblems(problems, path, 'forwarding').concat(
                problems.filter((p) => p.path[path.length] === 'forwarding' && p.path.length > path.length + 1),
              )}
            />
          </div>
          <TextField
            label="Default gateway (IPv4)"
            value={stack.defaultGateway.ipv4 ?? ''}
            placeholder={gatewayHint}
            onCommit={(ipv4) => update({ defaultGateway: { ...stack.defaultGateway, ipv4: ipv4 || undefined } })}
            problems={problems.filter(
              (p) => p.path[path.length] === 'defaultGateway' && p.path[path.length + 1] === 'ipv4',
            )}
            testId="field-gateway4"
          />
          {gatewayHint && stack.defaultGateway.ipv4 !== gatewayHint && (
            <button
              type="button"
              className="text-xs font-medium text-violet-700 hover:underline"
              onClick={() => update({ defaultGateway: { ...stack.defaultGateway, ipv4: gatewayHint } })}
              data-testid="field-gateway4-suggest">
              Use the bridge's address {gatewayHint}
            </button>
          )}
          <TextField
            label="Default gateway (IPv6)"
            value={stack.defaultGateway.ipv6 ?? ''}
            onCommit={(ipv6) => update({ defaultGateway: { ...stack.defaultGateway, ipv6: ipv6 || undefined } })}
            problems={problems.filter(
              (p) => p.path[path.length] === 'defaultGateway' && p.path[path.length + 1] === 'ipv6',
            )}
            testId="field-gateway6"
          />
          <ListField
            label="Static routes (destination via gateway, or destination -iface interface)"
            values={routes}
            onCommit={(lines) =>
              update({
                staticRoutes: lines.map((line) => {
                  const [destination = '', how, target = ''] = line.split(/\s+/);
                  if (how !== '-iface') return { destination, gateway: target };
                  const iface = stack.interfaces.find((i) => i.name === target || i.id === target);
                  return { destination, interface: iface?.id ?? target };
                }),
              })
            }
            problems={problems.filter((p) => p.path[path.length] === 'staticRoutes')}
            testId="field-routes"
          />
        </>
      )}
      {stack.kind === 'host' && <HostNatField host={stack} />}
      {/* A shared-IP jail runs no pf of its own: the host's pf filters its traffic. */}
      {!isSharedIpJail(stack) && <PfConfField stack={stack} path={path} problems={problems} />}
    </div>
  );
}

function SegmentName({
  id,
  name,
  path,
  problems,
}: {
  id: string;
  name: string;
  path: PathSegment[];
  problems: Problem[];
}) {
  const edit = useFieldEdit(id, path, problems);
  return (
    <TextField
      label="Name"
      {...edit('name', name, (text) => (t) => updateSegment(t, id, { name: text }))}
      testId="field-name"
    />
  );
}

export function Inspector() {
  const topology = useEditor((s) => s.topology);
  const selection = useEditor((s) => s.selection);
  const store = useEditorStore();
  const held = useEditor((s) => s.held);
  const problems = allProblems(topology, held);
  if (selection.length !== 1) {
    return (
      <p className="text-sm text-slate-500">
        {selection.length ? `${selection.length} things selected.` : 'Select a box or a cable to edit it.'}
      </p>
    );
  }
  const found = locate(topology, selection[0]!);
  if (!found) return <p className="text-sm text-slate-500">Nothing to edit here.</p>;
  const title =
    found.kind === 'stack'
      ? found.stack.kind === 'host'
        ? 'Host'
        : `Jail ${found.stack.name}`
      : found.kind === 'interface'
        ? `${found.iface.kind === 'physical' ? 'NIC' : found.iface.kind} ${found.iface.name}`
        : `${found.segment.kind === 'lan' ? 'LAN' : 'Internet'} ${found.segment.name}`;
  return (
    <div className="space-y-3" data-testid="inspector">
      <h3 className="text-sm font-semibold text-slate-900 dark:text-slate-100">{title}</h3>
      <ProblemNotes problems={fieldProblems(problems, found.path)} />
      {found.kind === 'stack' && (
        <StackFields key={found.stack.id} stack={found.stack} path={found.path} problems={problems} />
      )}
      {found.kind === 'interface' && (
        <InterfaceFields key={found.iface.id} iface={found.iface} path={found.path} problems={problems} />
      )}
      {found.kind === 'interface' && <NicNatField nic={found.iface} stack={found.stack} />}
      {found.kind === 'segment' && (
        <div className="space-y-3" key={found.segment.id}>
          <SegmentName id={found.segment.id} name={found.segment.name} path={found.path} problems={problems} />
          {found.segment.kind === 'lan' && (
            <>
              <TextField
                label="CIDR"
                value={found.segment.cidr}
                onCommit={(cidr) => store.getState().updateSegment(found.segment.id, { cidr })}
                problems={fieldProblems(problems, found.path, 'cidr')}
                testId="field-cidr"
              />
              <TextField
                label="Gateway"
                value={found.segment.gateway ?? ''}
                onCommit={(gateway) => store.getState().updateSegment(found.segment.id, { gateway })}
                problems={fieldProblems(problems, found.path, 'gateway')}
                testId="field-lan-gateway"
              />
            </>
          )}
        </div>
      )}
    </div>
  );
}
