import { compilePf, NAT_ANCHOR } from '../pf/compile';
import { ALLOW_DENY_ANCHOR, INTENTS_ANCHOR } from '../pf/compile-intents';
import type { Topology } from '../topology/schema';
import { RenderError } from '../text/quote';

// Patchbay's pf anchors as files, and the hook lines the user's /etc/pf.conf needs to use them.
// Patchbay owns the anchor files and never writes pf.conf (docs/architecture.md, design rules); the hook lines are
// shown.
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
//
// The set of anchors is fixed, and every anchor file is written, empty when the design has no rule
// for it: pfctl loads pf.conf with its `load anchor` lines as one transaction, and a missing or
// broken anchor file makes it roll the whole load back (sbin/pfctl/parse.y pfctl_load_anchors,
// pfctl.c pfctl_rules → DIOCXROLLBACK; docs/freebsd/pf.md) — the admin's own rules are then not
// loaded at boot either. So the hook lines never change with the design, and no file is ever
// missing. The agent checks each file with `pfctl -n -a <anchor> -f -` before it writes it.

export const PF_DIR = '/usr/local/etc/patchbay/pf';

export function anchorFilePath(anchor: string): string {
  if (!/^[A-Za-z0-9_]+(\/[A-Za-z0-9_]+)*$/.test(anchor))
    throw new RenderError(
      `pf anchor ${JSON.stringify(anchor)}`,
      'anchor names are letters, digits and "_" separated by "/"',
    );
  return `${PF_DIR}/${anchor.replace(/\//g, '-')}.conf`;
}

export interface AnchorFile {
  anchor: string;
  path: string;
  content: string;
}

/** Every anchor Patchbay may load, in the order pf.conf loads them. */
export const PATCHBAY_ANCHORS = [NAT_ANCHOR, INTENTS_ANCHOR, ALLOW_DENY_ANCHOR] as const;

/** The anchor a file under PF_DIR holds (patchbay-nat.conf → patchbay/nat), or undefined. */
export function anchorOfFilePath(path: string): string | undefined {
  return PATCHBAY_ANCHORS.find((anchor) => anchorFilePath(anchor) === path);
}

/** One file per Patchbay anchor, each rule on its own line; a file with no rule when the design has none. */
export function renderPfAnchors(topology: Topology): AnchorFile[] {
  const compiled = compilePf(topology);
  for (const anchor of compiled.keys())
    if (!(PATCHBAY_ANCHORS as readonly string[]).includes(anchor))
      throw new RenderError(`pf anchor ${anchor}`, "is not one of the anchors pf.conf loads from Patchbay's files");
  return PATCHBAY_ANCHORS.map((anchor) => [anchor, compiled.get(anchor) ?? []] as const).map(([anchor, rules]) => {
    for (const rule of rules)
      if (/[\r\n]/.test(rule)) throw new RenderError(`pf anchor ${anchor}`, 'a compiled rule contains a line break');
    const header = [
      `# ${anchorFilePath(anchor)}: pf anchor "${anchor}", written by Patchbay from the design "${topology.name.replace(/[\r\n]/g, ' ')}".`,
      `# Patchbay owns this file. Load by hand: pfctl -a ${anchor} -f ${anchorFilePath(anchor)}`,
      ...(rules.length
        ? []
        : ['# No rules in this design: kept (empty) so the load anchor line in pf.conf always finds its file.']),
    ];
    return { anchor, path: anchorFilePath(anchor), content: `${[...header, ...rules].join('\n')}\n` };
  });
}

/** The lines to add to /etc/pf.conf: the same for every design, so they are added once. */
export function renderPfHooks(): string {
  const lines = [
    '# Lines for /etc/pf.conf, shown by Patchbay: it never edits pf.conf. They are the same for every',
    '# design: add them once. Patchbay always writes all three files, empty when unused, because pfctl',
    '# rolls the whole pf.conf load back (your rules too) when a "load anchor" file is missing.',
    '# With your translation rules (nat/rdr), before any filter rule:',
    'nat-anchor "patchbay/*"',
    '# With your filter rules, where Patchbay\'s rules should decide (they are all "quick"):',
    'anchor "patchbay/*"',
    "# At the end: fill the anchors from Patchbay's files when pf.conf is loaded, at boot too.",
    ...PATCHBAY_ANCHORS.map((anchor) => `load anchor "${anchor}" from "${anchorFilePath(anchor)}"`),
  ];
  return `${lines.join('\n')}\n`;
}
