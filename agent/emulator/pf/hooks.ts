// A main ruleset for emulated hosts that run Patchbay: the hook lines Patchbay's pf.conf advice
// renders (core/render/pf-files.ts renderPfHooks()), so that anchors loaded live under "patchbay/"
// are evaluated and listed by `pfctl -sr -a '*'` (docs/freebsd/pf.md "Hooks"). A host spec puts the
// text in its files and runs LOAD_PF_CONF, the way rc.d/pf loads pf_rules at boot.

export const PF_CONF_PATH = '/etc/pf.conf';

/** Translation hook first, filter hook second: pfctl requires that order (parse.y check_rulestate()). */
export const PATCHBAY_PF_HOOKS = 'nat-anchor "patchbay/*"\nanchor "patchbay/*"\n';

/** `pfctl -f /etc/pf.conf`: loads the main ruleset (and its `load anchor` lines) in one transaction. */
export const LOAD_PF_CONF: readonly string[] = ['pfctl', '-f', PF_CONF_PATH];

/** EmulatedHostSpec.files entries for a host whose /etc/pf.conf holds `text` (by default only the hooks). */
export function pfConfFiles(text: string = PATCHBAY_PF_HOOKS): Record<string, string> {
  return { [PF_CONF_PATH]: text };
}
