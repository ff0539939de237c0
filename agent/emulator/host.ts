import { parseCidr } from '../../core/net/ip';
import { attachIfnet, type NewIfnet } from './ifnet';
import { HOST_VNET, newVnet, randomBytes, seededRandom, type HostState, type Release } from './state';

export interface NicSpec {
  name: string;
  mac?: string;
  mtu?: number;
  /** `media:` line text, e.g. "Ethernet autoselect (10Gbase-T <full-duplex>)". */
  media?: string;
  /** `options=` value as printed, e.g. "c00b9<RXCSUM,VLAN_MTU,...>". */
  options?: string;
  addresses?: string[];
  up?: boolean;
}

export interface EmulatedHostSpec {
  release?: Release;
  hostname?: string;
  seed?: number;
  nics?: NicSpec[];
  /** Files on the host, by absolute path (e.g. /etc/pf.conf, /etc/jail.conf.d/www.conf). */
  files?: Record<string, string>;
  /** Directories on the host, e.g. a jail root and its /dev (/usr/local/jails/containers/web/dev). */
  directories?: string[];
  /**
   * net.link.bridge.pfil_member / pfil_bridge / pfil_onlyip before anyone sets them, on a 15 host:
   * commit 22893e58 changed the default to 0 and the first release with it is not confirmed, so a
   * 15 host must say which it is (the emulator refuses to read the default otherwise).
   */
  bridgePfilDefault15?: 0 | 1;
}

function address(text: string) {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`emulator host spec: ${parsed.reason}`);
  return { family: parsed.value.family, value: parsed.value.address, prefix: parsed.value.prefix };
}

/** A freshly booted host: lo0 configured, the given NICs present, no bridges, epairs or jails. */
export function bootHost(spec: EmulatedHostSpec = {}): HostState {
  const state: HostState = {
    release: spec.release ?? '14',
    hostname: spec.hostname ?? 'freebsd.example.org',
    ifnets: new Map(),
    vnets: new Map(),
    jails: new Map(),
    nextIndex: 1,
    nextAttach: 1,
    nextJid: 1,
    nextVnet: HOST_VNET,
    random: seededRandom(spec.seed ?? 1),
    clock: 0,
    version: 0,
    modules: new Set(),
    files: new Map(Object.entries(spec.files ?? {})),
    directories: new Set(spec.directories ?? []),
    mounts: new Map(),
    ...(spec.bridgePfilDefault15 !== undefined ? { bridgePfilDefault15: spec.bridgePfilDefault15 } : {}),
  };
  newVnet(state);
  const add = (ifnet: Omit<NewIfnet, 'vnet'>) => attachIfnet(state, { ...ifnet, vnet: HOST_VNET });
  for (const nic of spec.nics ?? [{ name: 'em0' }]) {
    add({
      name: nic.name,
      kind: 'physical',
      up: nic.up ?? true,
      mtu: nic.mtu ?? 1500,
      mac: nic.mac ?? ['00', 'a0', '98', ...randomBytes(state, 3)].join(':'),
      addresses: (nic.addresses ?? []).map(address),
      ...(nic.media ? { media: nic.media } : {}),
      ...(nic.options ? { options: nic.options } : {}),
    });
  }
  add({
    name: 'lo0',
    kind: 'loopback',
    cloner: 'lo',
    unit: 0,
    up: true,
    mtu: 16384,
    addresses: [address('127.0.0.1/8'), address('::1/128')],
  });
  return state;
}
