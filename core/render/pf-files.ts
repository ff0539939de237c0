import { compilePf } from '../pf/compile';
import type { Topology } from '../topology/schema';
import { RenderError } from './quote';

// Patchbay's pf anchors as files, and the hook lines the user's /etc/pf.conf needs to use them.
// Patchbay owns the anchor files and never writes pf.conf (DESIGN.md); the hook lines are shown.
//
// Path: one file per anchor under /usr/local/etc/patchbay/pf/, named after the anchor with "/"
// replaced by "-" ("patchbay/nat" → patchbay-nat.conf). /usr/local/etc is where FreeBSD keeps
// configuration that is not part of the base system; a flat directory keeps one file per anchor easy
// to list and to check with `pfctl -n -a <anchor> -f <file>` (§9.1).
//
// Hooks (§9.1): FreeBSD 13/14 pf keeps translation rules in their own ruleset, so NAT needs
// `nat-anchor` and filtering `anchor`; the trailing "/*" evaluates the sub-anchors (authpf(8)).
// `load anchor "<name>" from "<file>"` is the pf.conf(5) way to fill an anchor when pf.conf is
// loaded, so the rules come back at boot; the reference does not quote that line (unverified here).
// pf.conf wants translation rules before filter rules; the comments say where each line goes.

export const PF_DIR = '/usr/local/etc/patchbay/pf';

export function anchorFilePath(anchor: string): string {
  if (!/^[A-Za-z0-9_]+(\/[A-Za-z0-9_]+)*$/.test(anchor)) throw new RenderError(`pf anchor ${JSON.stringify(anchor)}`, 'anchor names are letters, digits and "_" separated by "/"');
  return `${PF_DIR}/${anchor.replace(/\//g, '-')}.conf`;
}

export interface AnchorFile {
  anchor: string;
  path: string;
  content: string;
}

/** One file per anchor compilePf produces, in its order, each rule on its own line. */
export function renderPfAnchors(topology: Topology): AnchorFile[] {
  return [...compilePf(topology)].map(([anchor, rules]) => {
    for (const rule of rules) if (/[\r\n]/.test(rule)) throw new RenderError(`pf anchor ${anchor}`, 'a compiled rule contains a line break');
    const header = [
      `# ${anchorFilePath(anchor)}: pf anchor "${anchor}", written by Patchbay from the design "${topology.name.replace(/[\r\n]/g, ' ')}".`,
      `# Patchbay owns this file. Load by hand: pfctl -a ${anchor} -f ${anchorFilePath(anchor)}`,
    ];
    return { anchor, path: anchorFilePath(anchor), content: `${[...header, ...rules].join('\n')}\n` };
  });
}

/** The lines to add to /etc/pf.conf, or undefined when the design needs no anchor. */
export function renderPfHooks(topology: Topology): string | undefined {
  const anchors = renderPfAnchors(topology);
  if (!anchors.length) return undefined;
  const roots = [...new Set(anchors.map((a) => a.anchor.split('/')[0]!))];
  const lines = [
    '# Lines for /etc/pf.conf, shown by Patchbay: it never edits pf.conf.',
    '# With your translation rules (nat/rdr), before any filter rule:',
    ...roots.map((root) => `nat-anchor "${root}/*"`),
    '# With your filter rules, where Patchbay\'s rules should decide (they are all "quick"):',
    ...roots.map((root) => `anchor "${root}/*"`),
    '# At the end: fill the anchors from Patchbay\'s files when pf.conf is loaded, at boot too.',
    ...anchors.map((a) => `load anchor "${a.anchor}" from "${a.path}"`),
  ];
  return `${lines.join('\n')}\n`;
}
