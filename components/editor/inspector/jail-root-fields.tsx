'use client';

import { useState } from 'react';
import type { z } from 'zod';
import {
  DevfsRulesetSchema,
  handbookRoot,
  HANDBOOK_EXEC_START,
  HANDBOOK_EXEC_STOP,
  JAIL_MANAGERS,
  JailCommandSchema,
  JailPathSchema,
  MANAGER_LABELS,
  rootOf,
  rootPath,
  type DirectoryRoot,
  type JailManager,
  type JailRoot,
} from '../../../core/topology/jail-root';
import type { JailStack } from '../../../core/topology/schema';
import type { Problem } from '../../../core/validate/problem';
import { useEditorStore } from '../editor-context';
import { CheckField, TextField } from './fields';

// A jail's root: the Handbook's VNET jail, a network-only lab jail, or one that jail.conf, Bastille
// or AppJail defines. Each field is checked with the schema Save uses (core/topology/jail-root.ts)
// before it reaches the design, so a bad value is named here and changes nothing.

const KIND_LABELS: Readonly<Record<JailRoot['kind'], string>> = {
  directory: 'Its own root (FreeBSD Handbook)',
  'network-only': 'Network-only (no root, for labs)',
  external: 'Defined elsewhere (jail.conf, Bastille, AppJail)',
};

const SELECT =
  'w-full rounded border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-2 py-1 text-sm';

function Note({ children, testId }: { children: React.ReactNode; testId: string }) {
  return (
    <p className="text-xs text-slate-600 dark:text-slate-400" data-testid={testId}>
      {children}
    </p>
  );
}

/** A field that commits only what its schema accepts, and otherwise says why. */
function useChecked<T>(schema: z.ZodType<T>, field: string) {
  const [problem, setProblem] = useState<Problem | undefined>();
  const check = (value: unknown, commit: (value: T) => void) => {
    const result = schema.safeParse(value);
    if (!result.success) {
      setProblem({
        severity: 'error',
        rule: `jail-root.${field}`,
        path: [],
        message: `${field}: ${result.error.issues[0]?.message ?? 'not accepted'}`,
      });
      return;
    }
    setProblem(undefined);
    commit(result.data);
  };
  return { problems: problem ? [problem] : [], check };
}

function DirectoryFields({
  jail,
  root,
  update,
}: {
  jail: JailStack;
  root: DirectoryRoot;
  update: (r: JailRoot) => void;
}) {
  const path = useChecked(JailPathSchema, 'path');
  const start = useChecked(JailCommandSchema, 'exec.start');
  const stop = useChecked(JailCommandSchema, 'exec.stop');
  const ruleset = useChecked(DevfsRulesetSchema, 'devfs_ruleset');
  const without = (key: keyof DirectoryRoot) => Object.fromEntries(Object.entries(root).filter(([k]) => k !== key));
  return (
    <>
      <TextField
        label="path"
        value={root.path ?? ''}
        placeholder={rootPath(root, jail.name)}
        onCommit={(value) =>
          value === ''
            ? update(without('path') as DirectoryRoot)
            : path.check(value, (p) => update({ ...root, path: p }))
        }
        problems={path.problems}
        testId="field-root-path"
      />
      <TextField
        label="exec.start (after the network commands)"
        value={root.execStart}
        onCommit={(value) => start.check(value || HANDBOOK_EXEC_START, (execStart) => update({ ...root, execStart }))}
        problems={start.problems}
        testId="field-root-exec-start"
      />
      <TextField
        label="exec.stop"
        value={root.execStop}
        onCommit={(value) => stop.check(value || HANDBOOK_EXEC_STOP, (execStop) => update({ ...root, execStop }))}
        problems={stop.problems}
        testId="field-root-exec-stop"
      />
      <CheckField
        label="mount.devfs"
        checked={root.mountDevfs}
        onChange={(mountDevfs) => update({ ...root, mountDevfs })}
        testId="field-root-mount-devfs"
      />
      <TextField
        label="devfs_ruleset"
        value={root.devfsRuleset === undefined ? '' : String(root.devfsRuleset)}
        placeholder="4 (jail(8)'s default)"
        onCommit={(value) =>
          value.trim() === ''
            ? update(without('devfsRuleset') as DirectoryRoot)
            : ruleset.check(/^[0-9]+$/.test(value.trim()) ? Number(value) : Number.NaN, (devfsRuleset) =>
                update({ ...root, devfsRuleset }),
              )
        }
        problems={ruleset.problems}
        testId="field-root-devfs-ruleset"
      />
      <Note testId="root-note">
        Put a FreeBSD userland in this directory first (the Handbook extracts base.txz there); Patchbay creates the jail
        in it but does not install it.
      </Note>
    </>
  );
}

export function JailRootFields({ jail }: { jail: JailStack }) {
  const store = useEditorStore();
  const root = rootOf(jail);
  const update = (next: JailRoot) => store.getState().updateStack(jail.id, { root: next });
  const choose = (kind: JailRoot['kind']) =>
    update(
      kind === 'directory'
        ? handbookRoot()
        : kind === 'external'
          ? { kind, manager: 'jail.conf' }
          : { kind: 'network-only' },
    );
  return (
    <fieldset className="space-y-2 rounded border border-slate-200 dark:border-slate-700 p-2" data-testid="jail-root">
      <legend className="px-1 text-[11px] font-medium uppercase tracking-wide text-slate-500">
        Root and lifecycle
      </legend>
      <select
        aria-label="Root and lifecycle"
        className={SELECT}
        value={root.kind}
        onChange={(e) => choose(e.target.value as JailRoot['kind'])}
        data-testid="field-root-kind">
        {(Object.keys(KIND_LABELS) as JailRoot['kind'][]).map((kind) => (
          <option key={kind} value={kind}>
            {KIND_LABELS[kind]}
          </option>
        ))}
      </select>
      {root.kind === 'directory' && <DirectoryFields key={jail.id} jail={jail} root={root} update={update} />}
      {root.kind === 'network-only' && (
        <Note testId="root-note">
          A persistent {jail.sharedIp ? 'shared-IP' : 'vnet'} jail with no root filesystem of its own: it shares the
          host&apos;s root and runs no rc or services. Useful for network labs.
        </Note>
      )}
      {root.kind === 'external' && (
        <>
          <select
            aria-label="Defined by"
            className={SELECT}
            value={root.manager}
            onChange={(e) => update({ kind: 'external', manager: e.target.value as JailManager })}
            data-testid="field-root-manager">
            {JAIL_MANAGERS.map((manager) => (
              <option key={manager} value={manager}>
                {MANAGER_LABELS[manager]}
              </option>
            ))}
          </select>
          <Note testId="root-note">
            {MANAGER_LABELS[root.manager]} creates, starts and stops this jail. Patchbay never creates or removes it:
            the plan only moves the design&apos;s interfaces into the running jail and configures them, and its
            jail.conf.d file holds only that network part, commented out, to add to the jail&apos;s own definition.
          </Note>
        </>
      )}
    </fieldset>
  );
}
