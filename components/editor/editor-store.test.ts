import { describe, expect, it } from 'vitest';
import { rename, updateInterface } from '../../core/editor/actions';
import { readMtu } from '../../core/editor/field-text';
import { TopologySchema } from '../../core/topology/schema';
import { validate } from '../../core/validate/validate';
import { createEditorStore, problemsOf, withGestures } from './editor-store';
import { allProblems } from './held-fields';

function emptyStore() {
  return createEditorStore(
    TopologySchema.parse({
      format: 'patchbay.topology',
      version: 2,
      name: 'new',
      stacks: [{ kind: 'host', id: 'host', hostname: 'h.example.org' }],
    }),
  );
}

const jails = (store: ReturnType<typeof emptyStore>) =>
  store
    .getState()
    .topology.stacks.filter((s) => s.kind === 'jail')
    .map((s) => (s.kind === 'jail' ? s.name : ''));

describe('editor store', () => {
  it('adds, connects and selects through core actions', () => {
    const store = emptyStore();
    store.getState().addBridge();
    const [bridge] = store.getState().selection;
    store.getState().updateInterface(bridge!, { addresses: ['10.0.0.1/24'] });
    store.getState().addJail({ name: 'web' });
    const [jail] = store.getState().selection;
    store.getState().connect(jail!, bridge!);
    const web = store.getState().topology.stacks.find((s) => s.id === jail);
    expect(web?.interfaces.map((i) => `${i.name} ${i.addresses.join(',')}`)).toEqual(['e0b_web 10.0.0.2/24']);
    expect(store.getState().selection).toEqual([jail]); // wiring keeps the selection
    expect(problemsOf(store.getState().topology).map((p) => p.rule)).toEqual(['stack.forwarding.off']);
  });

  it('turns nat on a NIC on and off, one undo step each, and refuses it without a jail network', () => {
    const store = emptyStore();
    store.getState().addNic({ name: 'em0' });
    const [nic] = store.getState().selection;
    store.getState().setNat(nic!, true);
    expect(store.getState().refusal).toMatch(/^nat on em0: no jail network routes through the host/);
    store.getState().addBridge();
    store.getState().updateInterface(store.getState().selection[0]!, { addresses: ['10.0.0.1/24'] });
    store.getState().setNat(nic!, true);
    const host = () => store.getState().topology.stacks.find((s) => s.kind === 'host')!;
    expect([store.getState().refusal, host().nat]).toEqual([null, [{ egress: nic, sources: ['10.0.0.0/24'] }]]);
    store.getState().setNat(nic!, false);
    expect(host().nat).toEqual([]);
    store.temporal.getState().undo();
    expect(host().nat).toEqual([{ egress: nic, sources: ['10.0.0.0/24'] }]);
    store.temporal.getState().undo();
    expect(host().nat).toEqual([]);
    expect(host().interfaces.find((i) => i.kind === 'bridge')?.addresses).toEqual(['10.0.0.1/24']);
  });

  it('renames a cable from its b end as one undo step that restores both ends', () => {
    const store = emptyStore();
    store.getState().addBridge();
    const [bridge] = store.getState().selection;
    store.getState().addJail({ name: 'web' });
    store.getState().connect(store.getState().selection[0]!, bridge!);
    const names = () =>
      store
        .getState()
        .topology.stacks.flatMap((s) => s.interfaces)
        .filter((i) => i.kind === 'epair')
        .map((i) => i.name);
    expect(names()).toEqual(['e0a_web', 'e0b_web']);
    store.getState().renameCable('jail-web:e0b_web', 'dmz0');
    expect(names()).toEqual(['dmz0a', 'dmz0b']);
    store.getState().renameCable('jail-web:e0b_web', 'dmz.0');
    expect(store.getState().refusal).toMatch(/Cable name "dmz.0" must start with a letter/);
    expect(names()).toEqual(['dmz0a', 'dmz0b']);
    store.temporal.getState().undo();
    expect(names()).toEqual(['e0a_web', 'e0b_web']);
  });

  it('keeps a refusal in words and changes nothing', () => {
    const store = emptyStore();
    const before = store.getState().topology;
    store.getState().addSegment('lan');
    expect(store.getState().refusal).toMatch(/NIC first/);
    expect(store.getState().topology).toBe(before);
  });

  it('undoes and redoes each edit, with problems that follow', () => {
    const store = emptyStore();
    store.getState().addJail({ name: 'a' });
    store.getState().rename(store.getState().selection[0]!, 'a.b');
    expect(problemsOf(store.getState().topology).map((p) => p.rule)).toEqual(['jail.name.dot']);
    store.temporal.getState().undo();
    expect(jails(store)).toEqual(['a']);
    expect(problemsOf(store.getState().topology)).toEqual([]);
    store.temporal.getState().redo();
    expect(jails(store)).toEqual(['a.b']);
    store.temporal.getState().undo(2);
    expect(jails(store)).toEqual([]);
  });

  it('makes a whole drag one undo step, and selection no step at all', () => {
    const store = emptyStore();
    store.getState().addJail({ name: 'a', position: { x: 0, y: 0 } });
    const [id] = store.getState().selection;
    const gestures = withGestures(store);
    const steps = () => store.temporal.getState().pastStates.length;
    const before = steps();
    store.getState().select([]);
    store.getState().select([id!]);
    expect(steps()).toBe(before);
    gestures.begin();
    for (let x = 1; x <= 30; x++) store.getState().move({ [id!]: { x, y: x } });
    gestures.end();
    expect(steps()).toBe(before + 1);
    expect(store.getState().topology.layout.positions[id!]).toEqual({ x: 30, y: 30 });
    store.temporal.getState().undo();
    expect(store.getState().topology.layout.positions[id!]).toEqual({ x: 0, y: 0 });
  });

  it('nudges the selection with the arrow keys, deletes it, and selects all', () => {
    const store = emptyStore();
    store.getState().addJail({ name: 'a', position: { x: 10, y: 10 } });
    store.getState().nudge(5, -5);
    expect(Object.values(store.getState().topology.layout.positions)).toEqual([{ x: 15, y: 5 }]);
    store.getState().addBridge();
    store.getState().selectAll();
    expect(store.getState().selection).toHaveLength(2);
    store.getState().removeSelected();
    expect(jails(store)).toEqual([]);
    expect(store.getState().topology.stacks[0]!.interfaces).toEqual([]);
  });

  it('copies and pastes the selection as one undo step', () => {
    const store = emptyStore();
    store.getState().addJail({ name: 'a' });
    store.getState().copySelection();
    const steps = store.temporal.getState().pastStates.length;
    store.getState().pasteClipboard();
    expect(jails(store)).toEqual(['a', 'a1']);
    expect(store.temporal.getState().pastStates.length).toBe(steps + 1);
    store.temporal.getState().undo();
    expect(jails(store)).toEqual(['a']);
  });

  it('reports what validate() reports after an intent is removed, not the verdict from before', () => {
    const initial = TopologySchema.parse({
      format: 'patchbay.topology',
      version: 2,
      name: 'new',
      stacks: [{ kind: 'host', id: 'host', hostname: 'h.example.org' }],
      intents: [{ kind: 'isolated', id: 'ghost-alone', subject: { kind: 'stack', id: 'ghost' } }],
    });
    const store = createEditorStore(initial);
    expect(problemsOf(store.getState().topology).map((p) => p.rule)).toEqual(['intent.subject.missing']);
    store.getState().removeIntent('ghost-alone');
    expect(problemsOf(store.getState().topology)).toEqual(validate(store.getState().topology));
    expect(problemsOf(store.getState().topology)).toEqual([]);
  });

  it('keeps the verdict when only a box moves', () => {
    const store = emptyStore();
    store.getState().addJail({ name: 'a.b', position: { x: 0, y: 0 } });
    const before = problemsOf(store.getState().topology);
    store.getState().nudge(5, 5);
    expect(problemsOf(store.getState().topology)).toBe(before);
  });
});

describe('editor store: fields that hold text the design cannot take (issue 16)', () => {
  it('holds "abc" and 99999999 in MTU with the rule, keeps the last MTU, and releases on a good value', () => {
    const store = emptyStore();
    store.getState().addBridge();
    const [bridge] = store.getState().selection;
    const target = { id: bridge!, field: 'mtu', path: ['stacks', 0, 'interfaces', 0, 'mtu'] };
    const typeMtu = (text: string) =>
      store.getState().editField(target, text, (t) => {
        const mtu = readMtu(text, 'bridge');
        return mtu.ok ? updateInterface(t, bridge!, { mtu: mtu.value }) : mtu;
      });
    typeMtu('9000');
    for (const text of ['abc', '99999999']) {
      typeMtu(text);
      const { topology, held } = store.getState();
      expect(topology.stacks[0]!.interfaces[0]!.mtu).toBe(9000);
      expect(held).toEqual([expect.objectContaining({ text, rule: 'interface.mtu.range' })]);
      expect(allProblems(topology, held).map((p) => p.rule)).toContain('interface.mtu.range');
      expect(TopologySchema.safeParse(topology).success).toBe(true);
    }
    typeMtu('1500');
    expect(store.getState().held).toEqual([]);
    expect(store.getState().topology.stacks[0]!.interfaces[0]!.mtu).toBe(1500);
  });

  it('holds a name Save would refuse (over 64 characters) instead of writing it', () => {
    const store = emptyStore();
    store.getState().addBridge();
    const [bridge] = store.getState().selection;
    const long = 'b'.repeat(65);
    store
      .getState()
      .editField({ id: bridge!, field: 'name', path: ['stacks', 0, 'interfaces', 0, 'name'] }, long, (t) =>
        rename(t, bridge!, long),
      );
    expect(store.getState().topology.stacks[0]!.interfaces[0]!.name).toBe('bridge0');
    expect(store.getState().held[0]).toMatchObject({ rule: 'schema.too_big', text: long });
  });
});
