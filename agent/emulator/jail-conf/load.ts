import { parseConf, type CfJail, type CfParam, type CfString, type FileLister, type FileReader } from './parse';
import { INTPARAMS, equalopts, internalName, isWildName, parseWholeInt, wildMatch } from './params';

// config.c load_config() and add_param(), read at freebsd/freebsd-src commit 724ffd0d
// (docs/freebsd/jail.md "jail.conf syntax"):
//   - wildcard jails ("*", "foo.*") are set aside; every other jail collects, in file order, the
//     parameters of the wildcard sections that match it and its own block's (a wildcard section
//     written before the block comes first, one written after comes after);
//   - a jail's name implies its "name" parameter, or "jid" when the name is a number;
//   - a later setting replaces an earlier one of the same name (compared with equalopts, so
//     allow.nomount replaces allow.mount), "+=" appends, and "name"/"jid" cannot be set again;
//   - $name and ${name} are replaced by the jail's own parameter or variable of that name, per jail.

/** A parameter after loading: its final name and values. */
export interface Param {
  name: string;
  values: string[];
}

/** A jail of the configuration, ready for jail(8) to work on (struct cfjail). */
export interface ConfJail {
  /** The name in the file (j->name), which prefixes jail(8)'s messages about it. */
  name: string;
  params: Param[];
  /** Set when loading it went wrong (JF_FAILED): jail(8) fails it when it gets to it. */
  failed: boolean;
}

interface LoadedConf {
  jails: ConfJail[];
  /** Lines jail(8) prints while loading, without the "jail: " prefix. */
  warnings: string[];
  /** Lexer errors: jail(8) exits 1 before doing anything (config.c: "if (yyparse() || yynerrs) exit(1)"). */
  fatal: boolean;
}

interface Working {
  name: string;
  values: CfString[];
  isVar: boolean;
  immutable: boolean;
  bad: boolean;
}

function copyString(s: CfString): CfString {
  return { text: s.text, vars: s.vars.map((v) => ({ ...v })) };
}

/** config.c add_param() for a parameter from the file (or the implied name/jid). */
function addParam(
  jail: { name: string; params: Working[]; failed: boolean },
  warn: (msg: string) => void,
  p: CfParam,
  immutable = false,
) {
  const existing = jail.params.find((d) => equalopts(d.name, p.name));
  if (existing) {
    if (existing.isVar !== p.isVar) {
      warn(`variable "$${p.name}" cannot have the same name as a parameter.`);
      jail.failed = true;
      return;
    }
    if (existing.immutable) {
      warn(`cannot redefine parameter "${existing.name}".`);
      jail.failed = true;
      return;
    }
    existing.name = p.name;
    if (!p.append || p.values.length === 0) existing.values = [];
    existing.values.push(...p.values.map(copyString));
    return;
  }
  const known = internalName(p.name);
  jail.params.push({
    name: p.name,
    values: p.values.map(copyString),
    isVar: p.isVar,
    immutable: immutable || (known !== undefined && !!INTPARAMS[known]!.immutable),
    bad: false,
  });
  if (p.isVar && known !== undefined && !INTPARAMS[known]!.conv) {
    warn(`variable "$${p.name}" cannot have the same name as a parameter.`);
    jail.failed = true;
  }
}

/** Substitutes the variables of every parameter of one jail (load_config's find_vars loop). */
function substitute(jail: { params: Working[]; failed: boolean }, warn: (msg: string) => void) {
  const inProgress = new Set<Working>();
  const done = new Set<Working>();
  const resolve = (p: Working) => {
    if (done.has(p)) return;
    inProgress.add(p);
    const values: CfString[] = [];
    for (const s of p.values) {
      let strings: CfString[] = [s];
      while (s.vars.length > 0) {
        const v = s.vars[0]!;
        const vp = jail.params.find((x) => x.name === v.name);
        const fail = () => {
          jail.failed = true;
          p.bad = true;
          for (const other of inProgress) other.bad = true;
          s.vars.shift();
        };
        if (!vp || vp.values.length === 0) {
          warn(`${p.name}: variable "${v.name}" not found`);
          fail();
          continue;
        }
        if (inProgress.has(vp)) {
          warn(`${v.name}: variable loop`);
          fail();
          continue;
        }
        resolve(vp);
        if (vp.bad) {
          fail();
          continue;
        }
        const [first, ...more] = vp.values;
        if (more.length > 0 && (s.text !== '' || s.vars.length > 1)) {
          warn(`${p.name}: array cannot be substituted inline`);
          fail();
          continue;
        }
        s.text = s.text.slice(0, v.pos) + first!.text + s.text.slice(v.pos);
        for (const later of s.vars.slice(1)) later.pos += first!.text.length;
        s.vars.shift();
        // An array value stands for the whole string: its other elements follow as more strings.
        strings = [s, ...more.map(copyString)];
      }
      values.push(...strings);
    }
    p.values = values;
    inProgress.delete(p);
    done.add(p);
  };
  for (const p of jail.params) resolve(p);
}

/** Loads a configuration as jail(8) does before acting on any jail. */
export function loadConf(file: string, text: string, read: FileReader, list: FileLister): LoadedConf {
  const parsed = parseConf(file, text, read, list);
  const warnings: string[] = [...parsed.errors];
  const sequenced = parsed.jails.map((jail, seq) => ({ jail, seq }));
  const wild = sequenced.filter((s) => isWildName(s.jail.name));
  const jails: ConfJail[] = [];
  for (const { jail, seq } of sequenced.filter((s) => !isWildName(s.jail.name))) {
    const working = { name: jail.name, params: [] as Working[], failed: false };
    const warn = (msg: string) => warnings.push(`${jail.name}: ${msg}`);
    const implied = parseWholeInt(jail.name) ? 'jid' : 'name';
    addParam(
      working,
      warn,
      { name: implied, values: [{ text: jail.name, vars: [] }], isVar: false, append: true },
      true,
    );
    const own = (j: CfJail) => j.params.forEach((p) => addParam(working, warn, p));
    let didSelf = false;
    for (const w of wild) {
      if (seq < w.seq && !didSelf) {
        own(jail);
        didSelf = true;
      }
      if (wildMatch(jail.name, w.jail.name)) own(w.jail);
    }
    if (!didSelf) own(jail);
    substitute(working, warn);
    jails.push({
      name: jail.name,
      failed: working.failed,
      params: working.params
        .filter((p) => !p.isVar)
        .map((p) => ({ name: p.name, values: p.values.map((v) => v.text) })),
    });
  }
  return { jails, warnings, fatal: parsed.errors.length > 0 };
}
