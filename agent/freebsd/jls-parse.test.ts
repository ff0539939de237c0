import { describe, expect, it } from 'vitest';
import { parseJlsParams, parseJlsVerbose } from './jls-parse';
import { ParseError } from './parse-error';
import { fixture } from './test-fixtures';

describe('parseJlsVerbose', () => {
  it('reads the zachfi sample: numbers for jid/cpusetid, address lists', () => {
    expect(parseJlsVerbose(fixture('jls-v-libxo-json-zachfi.json'))).toEqual([
      {
        jid: 2,
        hostname: 'git7',
        path: '/usr/local/bastille/jails/git7/root',
        name: 'git7',
        state: 'ACTIVE',
        cpusetId: 5,
        ipv4Addresses: ['172.16.20.98'],
        ipv6Addresses: [],
      },
      {
        jid: 105,
        hostname: 'sto2',
        path: '/usr/local/bastille/jails/sto2/root',
        name: 'sto2',
        state: 'ACTIVE',
        cpusetId: 7,
        ipv4Addresses: ['172.16.20.112'],
        ipv6Addresses: ['2001:470:e8af:20::532'],
      },
      {
        jid: 116,
        hostname: 'git6',
        path: '/usr/local/bastille/jails/git6/root',
        name: 'git6',
        state: 'ACTIVE',
        cpusetId: 3,
        ipv4Addresses: ['172.16.20.99'],
        ipv6Addresses: ['2001:470:e8af:20::577'],
      },
    ]);
  });

  it('reads an empty jail list', () => {
    expect(parseJlsVerbose('{"__version": "2", "jail-information": {"jail": []}}\n')).toEqual([]);
  });

  it('rejects a jid printed as a string, a zero jid and an unknown state', () => {
    const record = (fields: string) =>
      `{"__version": "2", "jail-information": {"jail": [{${fields},"hostname":"h","path":"/","name":"n","cpusetid":5, "ipv4_addrs": [], "ipv6_addrs": []}]}}`;
    expect(() => parseJlsVerbose(record('"jid":"2","state":"ACTIVE"'))).toThrow(
      expect.objectContaining({ command: 'jls', line: 1, expected: 'an integer "jid" of at least 1' }),
    );
    expect(() => parseJlsVerbose(record('"jid":0,"state":"ACTIVE"'))).toThrow(
      expect.objectContaining({ expected: 'an integer "jid" of at least 1' }),
    );
    expect(() => parseJlsVerbose(record('"jid":2,"state":"GONE"'))).toThrow(
      expect.objectContaining({ expected: '"state" ACTIVE or DYING' }),
    );
  });

  it('rejects a missing address list', () => {
    const text =
      '{"__version": "2", "jail-information": {"jail": [{"jid":2,"hostname":"h","path":"/","name":"n","state":"ACTIVE","cpusetid":5}]}}';
    expect(() => parseJlsVerbose(text)).toThrow(
      expect.objectContaining({ expected: 'a list of strings "ipv4_addrs"' }),
    );
  });

  it('rejects plain-text jls output and a wrong envelope', () => {
    expect(() => parseJlsVerbose(fixture('jls-default-vnet-jails-12x-journal.txt'))).toThrow(ParseError);
    expect(() => parseJlsVerbose(fixture('jls-default-vnet-jails-12x-journal.txt'))).toThrow(
      expect.objectContaining({ command: 'jls', line: 1 }),
    );
    expect(() => parseJlsVerbose('{"statistics": {}}')).toThrow(
      expect.objectContaining({ expected: 'a "jail-information": {"jail": [...]} list' }),
    );
  });
});

describe('parseJlsParams', () => {
  const envelope = (records: string) => `{"__version": "2", "jail-information": {"jail": [${records}]}}\n`;

  it('converts the string values of every requested parameter', () => {
    const text = envelope(
      '{"jid":"3","name":"hop1","path":"/","host.hostname":"hop1","vnet":"new","parent":"0","children.max":"0"}, ' +
        '{"jid":"12","name":"web","path":"/jails/web","host.hostname":"web.example.org","vnet":"inherit","parent":"3","children.max":"4"}',
    );
    expect(parseJlsParams(text)).toEqual([
      { jid: 3, name: 'hop1', path: '/', hostname: 'hop1', vnet: 'new', parent: 0, childrenMax: 0 },
      {
        jid: 12,
        name: 'web',
        path: '/jails/web',
        hostname: 'web.example.org',
        vnet: 'inherit',
        parent: 3,
        childrenMax: 4,
      },
    ]);
  });

  it('leaves out parameters jls did not print', () => {
    expect(parseJlsParams(envelope('{"jid":"1","name":"useless"}'))).toEqual([{ jid: 1, name: 'useless' }]);
  });

  it('reads the envelope of the 15.0 fixtures, and rejects their records that lack a jid', () => {
    // `jls -jj --libxo json name meta`: {"name":"j","meta":"a b c"}, no jid asked for.
    expect(() => parseJlsParams(fixture('jls-j-libxo-json-name-meta-15-expected.json'))).toThrow(
      expect.objectContaining({ command: 'jls', line: 1, expected: 'a "jid" (was it in the parameter list?)' }),
    );
    // `jls -jj --libxo json meta.c meta.d`: [{}], an empty record.
    expect(() => parseJlsParams(fixture('jls-j-libxo-json-missing-keys-15-expected.json'))).toThrow(
      expect.objectContaining({ expected: 'a "jid" (was it in the parameter list?)' }),
    );
  });

  it.each([
    ['jid as a number', '{"jid":1,"name":"a"}', '"jid" as a JSON string (jls prints parameters as strings)'],
    ['jid zero', '{"jid":"0","name":"a"}', '"jid" as a positive integer string'],
    ['jid with junk', '{"jid":"1a","name":"a"}', '"jid" as a positive integer string'],
    ['empty name', '{"jid":"1","name":""}', 'a non-empty "name"'],
    ['unknown vnet value', '{"jid":"1","name":"a","vnet":"yes"}', '"vnet" as "disable", "new" or "inherit"'],
    ['unknown ip4 value', '{"jid":"1","name":"a","ip4":"all"}', '"ip4" as "disable", "new" or "inherit"'],
    ['ip6 as a number', '{"jid":"1","name":"a","ip6":2}', '"ip6" as a JSON string (jls prints parameters as strings)'],
    ['negative parent', '{"jid":"1","name":"a","parent":"-1"}', '"parent" as a non-negative integer string'],
    [
      'children.max with a fraction',
      '{"jid":"1","name":"a","children.max":"1.5"}',
      '"children.max" as a non-negative integer string',
    ],
  ])('rejects %s', (_label, record, expected) => {
    expect(() => parseJlsParams(envelope(record))).toThrow(
      expect.objectContaining({ command: 'jls', line: 1, expected }),
    );
  });

  // Built from usr.sbin/jls/jls.c: special_print() hands ip4.addr / ip6.addr in JSON to
  // emit_ip_addr_list(), which opens a list named after the parameter and puts each inet_ntop()
  // address in it; the list spacing (", " before a list, ": [") is libxo's, as in the zachfi sample.
  // Not verbatim output: none with these parameters is known.
  const sharedIpSample = envelope(
    [
      '{"jid":"1","name":"web","vnet":"inherit","parent":"0", "ip4.addr": ["10.17.89.1"], "ip6.addr": []}',
      '{"jid":"2","name":"db","vnet":"inherit","parent":"0", "ip4.addr": ["10.17.89.2", "192.168.1.50"], ' +
        '"ip6.addr": ["2001:db8:1::50"]}',
      '{"jid":"3","name":"router","vnet":"new","parent":"0", "ip4.addr": [], "ip6.addr": []}',
    ].join(', '),
  );

  it('reads ip4.addr and ip6.addr as address lists, empty for a jail with none', () => {
    expect(parseJlsParams(sharedIpSample)).toEqual([
      { jid: 1, name: 'web', vnet: 'inherit', parent: 0, ip4Addresses: ['10.17.89.1'], ip6Addresses: [] },
      {
        jid: 2,
        name: 'db',
        vnet: 'inherit',
        parent: 0,
        ip4Addresses: ['10.17.89.2', '192.168.1.50'],
        ip6Addresses: ['2001:db8:1::50'],
      },
      { jid: 3, name: 'router', vnet: 'new', parent: 0, ip4Addresses: [], ip6Addresses: [] },
    ]);
  });

  it('reads the jailsys parameters ip4 and ip6 (libjail jailsys_values) beside the lists', () => {
    const record =
      '{"jid":"4","name":"inh","vnet":"inherit","ip4":"inherit", "ip4.addr": [],"ip6":"disable", "ip6.addr": []}';
    expect(parseJlsParams(envelope(record))).toEqual([
      {
        jid: 4,
        name: 'inh',
        vnet: 'inherit',
        ip4Mode: 'inherit',
        ip6Mode: 'disable',
        ip4Addresses: [],
        ip6Addresses: [],
      },
    ]);
  });

  it('rejects an address list printed as one string or holding a number', () => {
    expect(() => parseJlsParams(envelope('{"jid":"1","name":"web","ip4.addr":"10.17.89.1"}'))).toThrow(
      expect.objectContaining({ expected: '"ip4.addr" as a list of address strings (jls.c emit_ip_addr_list)' }),
    );
    expect(() => parseJlsParams(envelope('{"jid":"1","name":"web", "ip6.addr": [1]}'))).toThrow(
      expect.objectContaining({ expected: '"ip6.addr" as a list of address strings (jls.c emit_ip_addr_list)' }),
    );
  });

  it('rejects garbage', () => {
    expect(() => parseJlsParams('jls: not found\n')).toThrow(expect.objectContaining({ command: 'jls', line: 1 }));
    expect(() => parseJlsParams('')).toThrow(expect.objectContaining({ command: 'jls', line: 0 }));
  });
});
