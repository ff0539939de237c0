import { describe, expect, it } from 'vitest';
import {
  ADDRESS_FAMILIES,
  IFCONFIG_OPTIONS,
  IFCONFIG_OPTIONS_94AC312A,
  IFCONFIG_WORD_SOURCES,
  IFCONFIG_WORDS,
  findAddressFamily,
  findIfconfigWord,
  type ArgKind,
} from './ifconfig-words';

describe('ifconfig word table integrity', () => {
  it('has at most one entry per (name, cloneOp), as cmd_lookup() can return only one', () => {
    const seen = new Map<string, number>();
    for (const w of IFCONFIG_WORDS) {
      const key = `${w.name}\u0000${w.cloneOp ? 1 : 0}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    const dups = [...seen].filter(([, n]) => n > 1).map(([k]) => k.replace('\u0000', '/'));
    expect(dups).toEqual([]);
  });

  it('names a source file for every entry, and every file has a recorded revision', () => {
    for (const w of IFCONFIG_WORDS) {
      expect(w.file, w.name).toMatch(/^[a-z0-9_]+\.c$/);
      expect(IFCONFIG_WORD_SOURCES[w.file], `${w.name} (${w.file})`).toBeDefined();
    }
    for (const af of ADDRESS_FAMILIES) expect(af.file, af.name).toMatch(/\.c$/);
    for (const src of Object.values(IFCONFIG_WORD_SOURCES)) expect(src.commit).toMatch(/^[0-9a-f]{8}$/);
  });

  it('uses only known arg kinds and release names, and no empty or whitespace names', () => {
    const kinds: ArgKind[] = ['none', 'nextarg', 'optarg', 'nextarg2', 'sparam'];
    for (const w of IFCONFIG_WORDS) {
      expect(kinds).toContain(w.arg);
      expect(w.name).toMatch(/^\S+$/);
      for (const r of w.releases ?? []) expect(['13', '14', '15']).toContain(r);
    }
  });

  it('never lets a word double as an address family (af_getbyname is checked separately)', () => {
    const afs = new Set(ADDRESS_FAMILIES.map((a) => a.name));
    expect(IFCONFIG_WORDS.filter((w) => afs.has(w.name)).map((w) => w.name)).toEqual([]);
  });
});

describe('basic words (ifconfig.c basic_cmds, ifclone.c, ifbridge.c, ifgroup.c)', () => {
  const cases: Array<[string, ArgKind, boolean]> = [
    ['up', 'none', false],
    ['down', 'none', false],
    ['description', 'nextarg', false],
    ['descr', 'nextarg', false],
    ['-description', 'none', false],
    ['alias', 'none', false],
    ['-alias', 'none', false],
    ['add', 'none', false],
    ['delete', 'none', false],
    ['remove', 'none', false],
    ['netmask', 'nextarg', false],
    ['broadcast', 'nextarg', false],
    ['tunnel', 'nextarg2', false],
    ['vnet', 'nextarg', false],
    ['-vnet', 'nextarg', false],
    ['mtu', 'nextarg', false],
    ['name', 'nextarg', false],
    ['create', 'none', true],
    ['plumb', 'none', true],
    ['destroy', 'none', false],
    ['unplumb', 'none', false],
    ['addm', 'nextarg', false],
    ['deletem', 'nextarg', false],
    ['static', 'nextarg2', false],
    ['group', 'nextarg', false],
    ['-group', 'nextarg', false],
    ['prefixlen', 'nextarg', false],
    ['-vlandev', 'optarg', false],
    ['vlan', 'nextarg', true],
    ['vlan', 'nextarg', false],
  ];
  it.each(cases)('%s takes %s (clone-only: %s)', (name, arg, clone) => {
    const w = findIfconfigWord(name, clone);
    expect(w, name).toBeDefined();
    expect(w!.arg).toBe(arg);
    expect(Boolean(w!.cloneOp)).toBe(clone);
  });

  it('has no clone-only `create` outside create position, and no normal `create`', () => {
    expect(findIfconfigWord('create', false)).toBeUndefined();
    expect(findIfconfigWord('destroy', true)).toBeUndefined();
  });

  it('does not list address families or address syntax as words', () => {
    for (const name of ['inet', 'inet6', 'ether', 'lladdr', 'link', '10.0.0.1/24'])
      expect(findIfconfigWord(name, false)).toBeUndefined();
  });

  it('filters by release where revisions differ', () => {
    expect(findIfconfigWord('nomap', false, '13')).toBeDefined();
    expect(findIfconfigWord('nomap', false, '15')).toBeUndefined();
    expect(findIfconfigWord('vlanfilter', false, '14')).toBeUndefined();
    expect(findIfconfigWord('vlanfilter', false, '15')).toBeDefined();
    expect(findIfconfigWord('genevemode', true, '15')).toBeUndefined();
  });
});

describe('address families and options', () => {
  it('knows the af_register names, ether and lladdr among them', () => {
    expect(findAddressFamily('inet')?.family).toBe('inet');
    expect(findAddressFamily('inet6')?.family).toBe('inet6');
    for (const n of ['link', 'ether', 'lladdr']) expect(findAddressFamily(n)?.family).toBe('link');
    expect(findAddressFamily('INET')).toBeUndefined();
    expect(new Set(ADDRESS_FAMILIES.map((a) => a.name)).size).toBe(ADDRESS_FAMILIES.length);
  });

  it('has getopt strings with the module options appended', () => {
    for (const s of [IFCONFIG_OPTIONS, IFCONFIG_OPTIONS_94AC312A]) {
      expect(s.startsWith('G:ad')).toBe(true);
      expect(s.endsWith('g:CL')).toBe(true);
    }
    expect(IFCONFIG_OPTIONS).toContain('j:');
    expect(IFCONFIG_OPTIONS_94AC312A).not.toContain('j');
  });
});
