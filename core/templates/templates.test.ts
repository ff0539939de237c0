import { Auditor } from '../audit/audit';
import { describe, expect, it } from 'vitest';
import { formatPath } from '../validate/problem';
import { validate } from '../validate/validate';
import fc from 'fast-check';
import { fromTemplate, internetOnly, isolatedNat, lab, LAB_SIZE, labName, readLabSize, TEMPLATES } from './templates';

const problems = (t: ReturnType<typeof lab>) => validate(t).map((p) => `${p.rule} @ ${formatPath(p.path)}`);

describe('templates', () => {
  it('names a lab by its size, in the singular for one jail', () => {
    expect([labName(1), labName(7)]).toEqual(['Lab of 1 jail', 'Lab of 7 jails']);
    expect(lab(1).name).toBe('Lab of 1 jail');
  });

  it('each validates clean', () => {
    for (const template of TEMPLATES) expect(problems(fromTemplate(template.id)), template.id).toEqual([]);
    for (const n of [1, 7, 250]) expect(problems(lab(n)), `lab ${n}`).toEqual([]);
  });

  it('isolated NAT: jails routed through the bridge and NATed out of the uplink', () => {
    const t = isolatedNat();
    expect(t.stacks.filter((s) => s.kind === 'jail').map((j) => j.interfaces[0]!.addresses[0])).toEqual([
      '10.10.0.2/24',
      '10.10.0.3/24',
    ]);
    expect(t.stacks[0]!.nat).toEqual([{ egress: 'host:em0', sources: ['10.10.0.0/24'] }]);
  });

  it('internet-only: the relay may reach the internet and never the LAN or the host', () => {
    const auditor = new Auditor(internetOnly());
    const from = { kind: 'stack', id: 'relay1' } as const;
    expect(auditor.pair(from, { kind: 'internet' }).verdict).toBe('reachable');
    expect(auditor.pair(from, { kind: 'lan' }).verdict).toBe('blocked');
    expect(auditor.pair(from, { kind: 'host' }).verdict).toBe('blocked');
  });

  it('a lab has the number of jails asked for, and refuses silly numbers', () => {
    expect(lab(5).stacks.filter((s) => s.kind === 'jail')).toHaveLength(5);
    expect(() => lab(0)).toThrow(RangeError);
    expect(() => lab(251)).toThrow(/1 to 250/);
  });

  it('reads the number of jails typed for a lab, and the template makes exactly that many', () => {
    fc.assert(
      fc.property(fc.integer({ min: LAB_SIZE.min, max: LAB_SIZE.max }), (n) => {
        const read = readLabSize(` ${n} `);
        expect(read).toEqual({ ok: true, count: n });
        const jails = fromTemplate('lab', n).stacks.filter((s) => s.kind === 'jail');
        expect(jails).toHaveLength(n);
        expect(new Set(jails.map((j) => j.name)).size).toBe(n);
      }),
      { numRuns: 25 },
    );
  });

  it.each([
    ['', /Number of jails is empty/],
    ['0', /Number of jails 0 is out of range: a lab has 1 to 250 jails/],
    ['251', /251 is out of range/],
    ['7.5', /"7.5" is not a whole number/],
    ['-3', /"-3" is not a whole number/],
    ['seven', /"seven" is not a whole number/],
  ])('refuses %j as a number of jails, naming the field and the rule', (text, reason) => {
    const read = readLabSize(text);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.reason).toMatch(reason);
  });
});
