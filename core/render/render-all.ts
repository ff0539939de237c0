import type { Topology } from '../topology/schema';
import { JAIL_CONF_INCLUDE, renderJailConfs } from './jail-conf';
import { renderPfAnchors, renderPfHooks } from './pf-files';
import { renderLoaderConf, renderRcConf, renderSysctlConf } from './rc-conf';

// Every file that makes a design last across a reboot. Files Patchbay owns are whole files it may
// write and rewrite; files the user owns (rc.conf, sysctl.conf, loader.conf, jail.conf, pf.conf) are
// given as the lines to add, for the user to merge. Deterministic: same design, same bytes.

export interface RenderedFile {
  path: string;
  owner: 'patchbay' | 'user';
  content: string;
  purpose: string;
}

/** All files for `topology`; throws RenderError naming the field when a value cannot be written safely. */
export function renderConfig(topology: Topology): RenderedFile[] {
  const files: RenderedFile[] = [];
  files.push({
    path: '/etc/rc.conf',
    owner: 'user',
    content: renderRcConf(topology),
    purpose: 'Lines to add: interfaces created and configured at boot, forwarding, pf and the jails to start.',
  });
  const sysctl = renderSysctlConf(topology);
  if (sysctl)
    files.push({
      path: '/etc/sysctl.conf',
      owner: 'user',
      content: sysctl,
      purpose: 'Lines to add: whether pf filters bridged traffic on the host.',
    });
  const loader = renderLoaderConf(topology);
  if (loader)
    files.push({
      path: '/boot/loader.conf',
      owner: 'user',
      content: loader,
      purpose: 'Lines to add: load if_bridge at boot so its sysctls can be set.',
    });
  const jails = renderJailConfs(topology);
  if (jails.length) {
    files.push({
      path: '/etc/jail.conf',
      owner: 'user',
      content: `# Line for /etc/jail.conf, shown by Patchbay: read the per-jail files it writes.\n${JAIL_CONF_INCLUDE}\n`,
      purpose: 'Line to add: include the per-jail files from /etc/jail.conf.d.',
    });
  }
  for (const jail of jails)
    files.push({
      path: jail.path,
      owner: 'patchbay',
      content: jail.content,
      purpose: `Jail ${jail.jail}: its vnet, interfaces, addresses and routes.`,
    });
  for (const anchor of renderPfAnchors(topology))
    files.push({
      path: anchor.path,
      owner: 'patchbay',
      content: anchor.content,
      purpose: `pf rules of anchor ${anchor.anchor}.`,
    });
  files.push({
    path: '/etc/pf.conf',
    owner: 'user',
    content: renderPfHooks(),
    purpose: "Lines to add once: hook Patchbay's anchors into your ruleset and load them at boot.",
  });
  return files;
}
