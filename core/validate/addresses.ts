import { parseCidr, type Cidr } from '../net/ip';
import type { ValidationContext, LocatedInterface } from './context';
import type { PathSegment } from './problem';

export interface LocatedAddress {
  owner: LocatedInterface;
  cidr: Cidr;
  text: string;
  path: PathSegment[];
}

/** Every well-formed interface address with where it was written; malformed ones are left to the syntax rule. */
export function interfaceAddresses(ctx: ValidationContext): LocatedAddress[] {
  return ctx.interfaces.flatMap((owner) =>
    owner.iface.addresses.flatMap((text, i) => {
      const parsed = parseCidr(text);
      return parsed.ok ? [{ owner, cidr: parsed.value, text, path: [...owner.path, 'addresses', i] }] : [];
    }),
  );
}
