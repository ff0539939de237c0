import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokensOf, widthOf, wrapComments } from './wrap-comments.mjs';

const words = (n, from = 0) =>
  Array.from({ length: n }, (_, i) => ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'][(i + from) % 6]).join(
    ' ',
  );
const lines = (text) => text.split('\n');
const longest = (text) => Math.max(...lines(text).map(widthOf));
/** The words of every comment line, prefixes left out, in order. */
const proseOf = (text) =>
  lines(text)
    .map((line) => line.replace(/^\s*(\/\/|\/\*\*|\/\*|\*\/|\*)/, '').replace(/\*\/\s*$/, ''))
    .join(' ')
    .split(/\s+/)
    .filter(Boolean);

describe('wrapComments', () => {
  it('breaks a long // line at spaces, keeping its indentation and prefix', () => {
    const source = `function f() {\n  // ${words(30)}\n  return 1;\n}\n`;
    const out = wrapComments(source);
    expect(lines(out)).toEqual([
      'function f() {',
      '  // alpha bravo charlie delta echo foxtrot alpha bravo charlie delta echo foxtrot alpha bravo charlie delta echo',
      '  // foxtrot alpha bravo charlie delta echo foxtrot alpha bravo charlie delta echo foxtrot',
      '  return 1;',
      '}',
      '',
    ]);
    expect(longest(out)).toBeLessThanOrEqual(120);
  });

  it('carries the spilled words into the next line of the same paragraph', () => {
    const source = `// ${words(22)}\n// golf hotel india.\nconst x = 1;\n`;
    expect(lines(wrapComments(source))).toEqual([
      '// alpha bravo charlie delta echo foxtrot alpha bravo charlie delta echo foxtrot alpha bravo charlie delta echo foxtrot',
      '// alpha bravo charlie delta golf hotel india.',
      'const x = 1;',
      '',
    ]);
  });

  it('does not carry words into a blank line, a list item, indented text or a directive', () => {
    for (const after of ['//', '// - a list item', '//   indented example', '// eslint-disable-next-line no-console']) {
      const source = `// ${words(22)}\n${after}\nconst x = 1;\n`;
      expect(lines(wrapComments(source))).toEqual([`// ${words(18)}`, `// ${words(4, 18)}`, after, 'const x = 1;', '']);
    }
  });

  it('wraps a list item with a hanging indent and flows into its own continuation line', () => {
    const source = `// - ${words(22)}\n//   more of the item.\n// - next item\n`;
    expect(lines(wrapComments(source))).toEqual([
      '// - alpha bravo charlie delta echo foxtrot alpha bravo charlie delta echo foxtrot alpha bravo charlie delta echo',
      '//   foxtrot alpha bravo charlie delta more of the item.',
      '// - next item',
      '',
    ]);
  });

  it('keeps the hanging indent of an @tag', () => {
    const source = `/**\n * @param design ${words(22)}\n */\nfunction f(design: number) {}\n`;
    const out = lines(wrapComments(source));
    expect(out[1]).toBe(
      ' * @param design alpha bravo charlie delta echo foxtrot alpha bravo charlie delta echo foxtrot alpha bravo charlie delta',
    );
    expect(out[2]).toBe(' *   echo foxtrot alpha bravo charlie delta');
  });

  it('opens up a long one-line /** */ comment', () => {
    const source = `class A {\n  /** ${words(22)}. */\n  x = 1;\n}\n`;
    expect(lines(wrapComments(source))).toEqual([
      'class A {',
      '  /**',
      '   * alpha bravo charlie delta echo foxtrot alpha bravo charlie delta echo foxtrot alpha bravo charlie delta echo',
      '   * foxtrot alpha bravo charlie delta.',
      '   */',
      '  x = 1;',
      '}',
      '',
    ]);
  });

  it('wraps the lines of a block comment and keeps its closing on the last line', () => {
    const source = `/** ${words(21)}\n * ${words(21)} */\nconst x = 1;\n`;
    expect(lines(wrapComments(source))).toEqual([
      '/** alpha bravo charlie delta echo foxtrot alpha bravo charlie delta echo foxtrot alpha bravo charlie delta echo foxtrot',
      ' * alpha bravo charlie alpha bravo charlie delta echo foxtrot alpha bravo charlie delta echo foxtrot alpha bravo',
      ' * charlie delta echo foxtrot alpha bravo charlie */',
      'const x = 1;',
      '',
    ]);
  });

  it('never touches a comment after code, a string, a template literal, a regular expression or JSX text', () => {
    const long = `// ${words(25)}`;
    const sources = [
      ['a.ts', `const x = 1; ${long}\n`],
      ['a.ts', `const s = '${long}';\n`],
      ['a.ts', `const t = \`\n${long}\n\`;\n`],
      ['a.ts', `const r = /\\/\\/ ${words(25)}/;\n`],
      ['a.tsx', `export const P = () => (\n  <p>\n${long}\n  </p>\n);\n`],
      ['a.ts', `/* ${words(25)} */ const y = 2;\n`],
    ];
    for (const [fileName, source] of sources) expect(wrapComments(source, { fileName })).toBe(source);
  });

  it('leaves a line alone when a word on it could not fit on any line (a URL)', () => {
    const url = `https://example.org/${'x'.repeat(110)}`;
    const source = `// see ${url} for the details\nconst x = 1;\n`;
    expect(wrapComments(source)).toBe(source);
  });

  it('leaves aligned columns and tool directives alone', () => {
    const sources = [
      `//   ifconfig -l        ${words(20)}\n`,
      `// column one   column two ${words(18)}\n`,
      `// eslint-disable-next-line ${words(20)}\n`,
      `/// <reference path="${words(20)}" />\n`,
    ];
    for (const source of sources) expect(wrapComments(source)).toBe(source);
  });

  it('changes nothing in a file whose lines fit', () => {
    const source = `// short\nconst x = 1; // short too\n/** fine */\n`;
    expect(wrapComments(source)).toBe(source);
  });

  it('honours another width', () => {
    const out = wrapComments(`// ${words(12)}\n`, { width: 40 });
    expect(longest(out)).toBeLessThanOrEqual(40);
    expect(lines(out).length).toBeGreaterThan(2);
  });

  it('is idempotent, keeps every word in order and never changes a token (property)', () => {
    const word = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('alpha', 'bravo', 'jail', 'epair0a', 'ifconfig(8)', '§4.1', '→', 'x') },
      { weight: 1, arbitrary: fc.stringMatching(/^[a-z]{1,130}$/) },
    );
    const sentence = fc.array(word, { minLength: 1, maxLength: 60 }).map((ws) => ws.join(' '));
    const commentLine = fc.oneof(
      sentence.map((s) => `// ${s}`),
      sentence.map((s) => `// - ${s}`),
      fc.constant('//'),
    );
    const chunk = fc.oneof(
      fc
        .tuple(fc.nat({ max: 8 }), fc.array(commentLine, { minLength: 1, maxLength: 5 }))
        .map(([n, ls]) => ls.map((l) => ' '.repeat(n) + l).join('\n')),
      fc.tuple(fc.nat({ max: 8 }), sentence).map(([n, s]) => `${' '.repeat(n)}/** ${s} */`),
      fc
        .tuple(fc.nat({ max: 8 }), fc.array(sentence, { minLength: 1, maxLength: 4 }))
        .map(([n, ss]) =>
          [`${' '.repeat(n)}/**`, ...ss.map((s) => `${' '.repeat(n)} * ${s}`), `${' '.repeat(n)} */`].join('\n'),
        ),
      sentence.map((s) => `const s = '${s.replaceAll("'", '')}'; // ${s}`),
    );
    fc.assert(
      fc.property(fc.array(chunk, { minLength: 1, maxLength: 6 }), (chunks) => {
        const source = `${chunks.join('\nconst x = 1;\n')}\n`;
        const once = wrapComments(source);
        expect(wrapComments(once)).toBe(once);
        expect(proseOf(once)).toEqual(proseOf(source));
        expect(tokensOf(once)).toEqual(tokensOf(source));
        // Every line it wrote fits, unless it is a line it kept as it was.
        const kept = new Set(lines(source));
        for (const line of lines(once)) if (!kept.has(line)) expect(widthOf(line)).toBeLessThanOrEqual(120);
      }),
      { numRuns: 300 },
    );
  });
});
