import type { Interface } from './schema';

/** The MTU the kernel gives each kind of interface; a design leaves `mtu` out to mean this. */
export const DEFAULT_MTU: Readonly<Record<Interface['kind'], number>> = {
  physical: 1500,
  bridge: 1500,
  epair: 1500,
  loopback: 16384,
};
