import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import type { Topology } from '../topology/schema';
import { validate } from '../validate/validate';
import { dualStackAuditDesign } from './audit-design-ipv6';
import { auditDesign } from './audit-design';
import { bareHost } from './bare-host';
import { bastilleDesign } from './bastille-design';
import { bigDesign } from './big-design';
import { blogWithJail } from './blog-with-jail';
import { dualStackBlog } from './dual-stack';

// Every design tests use as a valid one passes validate with no error: an audit test on a design
// Patchbay would refuse to save proves nothing about a design a user can have. (dualStackBlog
// listed the kernel's link-local and ::1 addresses, which validate's address.kernel rule refuses.)
const FIXTURES: Record<string, () => Topology> = {
  blogNetwork,
  dualStackBlog,
  bastilleDesign: () => bastilleDesign(),
  'bastilleDesign with set skip': () => bastilleDesign({ filterRules: ['block in on lo1'], skip: ['lo1'] }),
  blogWithJail: () => blogWithJail('extra'),
  auditDesign: () => auditDesign(3, 3),
  'auditDesign with rdr': () => auditDesign(3, 3, { rdr: true }),
  dualStackAuditDesign: () => dualStackAuditDesign(3, 3),
  bigDesign: () => bigDesign(3, 3, 4),
  bareHost: () => bareHost(),
};

describe('fixture designs', () => {
  for (const [name, make] of Object.entries(FIXTURES))
    it(`${name} validates with no errors`, () => {
      expect(validate(make()).filter((p) => p.severity === 'error')).toEqual([]);
    });
});
