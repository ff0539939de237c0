import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { internetOnly, isolatedNat, lab } from '../templates/templates';
import type { Topology } from '../topology/schema';
import { bastilleDesign } from '../testing/bastille-design';
import { renderConfig } from './render-all';

// The rendered files of the demo and every template, byte for byte. `UPDATE_GOLDEN=1 npx vitest run
// core/render` rewrites them; the default run compares. Each golden is a file at its FreeBSD path
// under __golden__/<design>/ (etc/rc.conf holds the lines to add to /etc/rc.conf).

const GOLDEN = join(__dirname, '__golden__');
const DESIGNS: Record<string, () => Topology> = {
  'blog-network': blogNetwork,
  'isolated-nat': isolatedNat,
  'internet-only': internetOnly,
  'lab-4': () => lab(4),
  // Shared-IP jails on lo1 (core/testing/bastille-design.ts), one with two addresses and an IPv6 one.
  'bastille-shared-ip': () => {
    const design = bastilleDesign();
    const web = design.stacks.find((s) => s.id === 'web');
    if (web?.kind === 'jail')
      web.sharedIp = {
        ip4: [
          { interface: 'host:lo1', address: '10.17.89.1/32' },
          { interface: 'host:lo1', address: '10.17.89.3' },
        ],
        ip6: [{ interface: 'host:lo1', address: 'fd00:17::1' }],
      };
    return design;
  },
};

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe('rendered configuration goldens', () => {
  for (const [name, make] of Object.entries(DESIGNS)) {
    it(`${name} renders exactly its golden files`, () => {
      const dir = join(GOLDEN, name);
      const files = renderConfig(make());
      if (process.env.UPDATE_GOLDEN === '1') {
        rmSync(dir, { recursive: true, force: true });
        for (const file of files) {
          const target = join(dir, file.path.slice(1));
          mkdirSync(dirname(target), { recursive: true });
          writeFileSync(target, file.content);
        }
      }
      expect(
        filesUnder(dir)
          .map((f) => `/${relative(dir, f)}`)
          .sort(),
      ).toEqual(files.map((f) => f.path).sort());
      for (const file of files)
        expect(file.content, file.path).toBe(readFileSync(join(dir, file.path.slice(1)), 'utf8'));
    });
  }

  it('is deterministic', () => {
    expect(renderConfig(blogNetwork())).toEqual(renderConfig(blogNetwork()));
  });
});
