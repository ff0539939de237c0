import { describe, expect, it } from 'vitest';
import { parseNetstatText } from './netstat-text';
import { ParseError } from './parse-error';
import { fixture } from './test-fixtures';

// Header and rows as 10.x usr.bin/netstat/if.c intpr prints them with -b (and -d for Drop).
const HEADER = 'Name    Mtu Network       Address              Ipkts Ierrs Idrop     Ibytes    Opkts Oerrs     Obytes  Coll';
const HEADER_D = `${HEADER}  Drop`;

/** "%-5.5s", mtu "%6lu " or "%6s " with "-", "%-13.13s ", "%-17.17s ", then the counters. */
function row(name: string, mtu: string, network: string, address: string, c: string[]): string {
  const [ipkts = '', ierrs = '', idrop = '', ibytes = '', opkts = '', oerrs = '', obytes = '', coll = '', drop] = c;
  const text =
    `${name.slice(0, 5).padEnd(5)}${mtu.padStart(6)} ${network.slice(0, 13).padEnd(13)} ${address.slice(0, 17).padEnd(17)} ` +
    `${ipkts.padStart(8)} ${ierrs.padStart(5)} ${idrop.padStart(5)} ${ibytes.padStart(10)} ${opkts.padStart(8)} ${oerrs.padStart(5)} ` +
    `${obytes.padStart(10)} ${coll.padStart(5)}`;
  return drop === undefined ? text : `${text} ${drop.padStart(5)}`;
}

describe('parseNetstatText', () => {
  it('reads the 10.2 bridge0 sample: name cut to "bridg", counters above 2^32', () => {
    const rows = parseNetstatText(fixture('netstat-biI-bridge0-10.2.txt'));
    expect(rows).toEqual([
      {
        name: 'bridg',
        mtu: 1500,
        network: '<Link#4>',
        address: '02:d7:73:80:6f:00',
        ipackets: 10368111n,
        ierrs: 0n,
        idrop: 0n,
        ibytes: 5313151200n,
        opackets: 18655683n,
        oerrs: 4496n,
        obytes: 13320749763n,
        coll: 0n,
      },
    ]);
    expect((rows[0]?.ibytes ?? 0n) > 2n ** 32n && (rows[0]?.obytes ?? 0n) > 2n ** 32n).toBe(true);
  });

  it('reads the 10.2 tap0 sample', () => {
    expect(parseNetstatText(fixture('netstat-biI-tap0-10.2.txt'))).toEqual([
      {
        name: 'tap0',
        mtu: 1500,
        network: '<Link#5>',
        address: '00:bd:4e:36:b3:00',
        ipackets: 355n,
        ierrs: 0n,
        idrop: 0n,
        ibytes: 43722n,
        opackets: 5519n,
        oerrs: 0n,
        obytes: 475060n,
        coll: 0n,
      },
    ]);
  });

  it('builds the fixture rows with the if.c widths used below', () => {
    expect(fixture('netstat-biI-tap0-10.2.txt')).toBe(
      `${HEADER}\n${row('tap0', '1500', '<Link#5>', '00:bd:4e:36:b3:00', ['355', '0', '0', '43722', '5519', '0', '475060', '0'])}\n`,
    );
  });

  it('reads a link row with no address and an address row with "-" columns', () => {
    const text = [
      HEADER,
      row('lo0', '16384', '<Link#2>', '', ['4096', '0', '0', '7314451024', '4096', '0', '7314451024', '0']),
      row('lo0', '-', '127.0.0.0/8', '127.0.0.1', ['4000', '-', '-', '336000', '4000', '-', '336000', '-']),
    ].join('\n');
    expect(parseNetstatText(text)).toEqual([
      { name: 'lo0', mtu: 16384, network: '<Link#2>', ipackets: 4096n, ierrs: 0n, idrop: 0n, ibytes: 7314451024n, opackets: 4096n, oerrs: 0n, obytes: 7314451024n, coll: 0n },
      // "-" (not applicable) reads as 0n; the mtu "-" is left out.
      { name: 'lo0', network: '127.0.0.0/8', address: '127.0.0.1', ipackets: 4000n, ierrs: 0n, idrop: 0n, ibytes: 336000n, opackets: 4000n, oerrs: 0n, obytes: 336000n, coll: 0n },
    ]);
  });

  it('reads the -d Drop column and a down interface marked with "*"', () => {
    const text = [HEADER_D, row('tap1*', '1500', '<Link#6>', '58:9c:fc:00:00:01', ['1', '0', '0', '60', '2', '0', '120', '0', '7'])].join('\n');
    expect(parseNetstatText(text)).toEqual([
      { name: 'tap1', down: true, mtu: 1500, network: '<Link#6>', address: '58:9c:fc:00:00:01', ipackets: 1n, ierrs: 0n, idrop: 0n, ibytes: 60n, opackets: 2n, oerrs: 0n, obytes: 120n, coll: 0n, drop: 7n },
    ]);
  });

  it('keeps 64-bit counters exact', () => {
    const text = [HEADER, row('epair', '1500', '<Link#9>', '02:00:00:00:00:0a', ['18446744073709551615', '0', '0', '9007199254740993', '1', '0', '1', '0'])].join('\n');
    const [r] = parseNetstatText(text);
    expect(r?.ipackets).toBe(18446744073709551615n);
    expect(r?.ibytes).toBe(9007199254740993n);
  });

  it('rejects output without -b, -h numbers, -a multicast rows and other commands', () => {
    const noBytes = 'Name    Mtu Network       Address              Ipkts Ierrs Idrop    Opkts Oerrs  Coll\n';
    expect(() => parseNetstatText(noBytes)).toThrow(expect.objectContaining({ command: 'netstat', line: 1, expected: 'Ibytes and Obytes columns (run netstat with -b)' }));
    expect(() => parseNetstatText(fixture('netstat-inb-libxo-json-riemann.json'))).toThrow(expect.objectContaining({ command: 'netstat', line: 1 }));
    expect(() => parseNetstatText('')).toThrow(expect.objectContaining({ line: 0 }));

    const human = [HEADER, row('tap0', '1500', '<Link#5>', '00:bd:4e:36:b3:00', ['355', '0', '0', '42K', '5.4K', '0', '464K', '0'])].join('\n');
    expect(() => parseNetstatText(human)).toThrow(expect.objectContaining({ line: 2, expected: 'a whole number or "-" in the Ibytes column (was -h given?)' }));

    const multicast = `${fixture('netstat-biI-tap0-10.2.txt')}                          01:00:5e:00:00:01\n`;
    expect(() => parseNetstatText(multicast)).toThrow(expect.objectContaining({ line: 3 }));

    expect(() => parseNetstatText(`${HEADER}\ntap0 1500 <Link#5> 355 0 0\n`)).toThrow(ParseError);
    expect(() => parseNetstatText(`${HEADER}\ntap0 big <Link#5> 00:bd:4e:36:b3:00 355 0 0 43722 5519 0 475060 0\n`)).toThrow(
      expect.objectContaining({ line: 2, expected: 'an MTU (a number or "-") after the name' }),
    );
  });
});
