// Readers for the subset of /etc/rc.conf, /boot/loader.conf, /etc/sysctl.conf and /etc/pf.conf that
// core/render writes, for the emulator's boot (boot.ts). Not a shell: rc.conf is sourced by /bin/sh
// on a real host, but the renderer only writes `name="value"` lines without `$`, backquotes or
// backslashes (core/text/quote.ts rcQuote), so anything else is refused here rather than guessed.

export class BootFileError extends Error {
  constructor(
    readonly path: string,
    readonly line: number,
    reason: string,
  ) {
    super(`${path}:${line}: ${reason}`);
    this.name = 'BootFileError';
  }
}

/** `name="value"` / `name=value` assignments, later ones replacing earlier ones as sh would. */
export function readRcVars(path: string, text: string): Map<string, string> {
  const vars = new Map<string, string>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(?:"([^"\\$`]*)"|([^\s"'\\$`#;&|<>()]*))$/.exec(line);
    if (!m) throw new BootFileError(path, i + 1, `not a plain name="value" assignment: ${line}`);
    vars.set(m[1]!, m[2] ?? m[3] ?? '');
  });
  return vars;
}

/** sysctl.conf(5): `oid=value` lines, `#` comments (rc.d/sysctl strips them). */
export function readSysctlConf(path: string, text: string): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    const m = /^([A-Za-z0-9_.%]+)=(\S+)$/.exec(line);
    if (!m) throw new BootFileError(path, i + 1, `not an oid=value line: ${line}`);
    out.push({ name: m[1]!, value: m[2]! });
  });
  return out;
}

/** rc.conf's `YES`/`TRUE`/`ON`/`1` test (rc.subr checkyesno, case-insensitive). */
export function yes(value: string | undefined): boolean {
  return value !== undefined && /^(yes|true|on|1)$/i.test(value);
}
