import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ts from 'typescript';

export const ROOT = join(__dirname, '..', '..');
const SOURCE = /\.(ts|tsx|mts|mjs)$/;
const SKIP = new Set(['node_modules', '.next', 'dist', '.git', 'artifacts', 'public', 'test-results']);

/** One import of one file: where it points, and whether only types cross (erased at build time). */
export interface Import {
  from: string;
  specifier: string;
  /** Repository-relative path of the imported file, or undefined for a package. */
  target: string | undefined;
  typeOnly: boolean;
}

export function sourceFiles(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name) || entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [toRepo(path)] : [];
  });
}

function toRepo(path: string): string {
  return relative(ROOT, path).split(sep).join('/');
}

const CANDIDATES = ['', '.ts', '.tsx', '.mts', '.mjs', '.js', '/index.ts', '/index.tsx'];

/** Resolves a relative specifier the way the bundler does (extension optional, index files), or undefined. */
export function resolveRelative(fromFile: string, specifier: string): string | undefined {
  const base = join(ROOT, dirname(fromFile), specifier);
  for (const suffix of CANDIDATES) {
    const path = base + suffix;
    if (existsSync(path) && statSync(path).isFile()) return toRepo(path);
  }
  // `./x.js` written for Node's ESM resolution while the file is x.ts.
  const withoutJs = base.replace(/\.js$/, '');
  if (withoutJs !== base) return resolveRelative(fromFile, specifier.replace(/\.js$/, ''));
  return undefined;
}

/**
 * `preProcessFile` finds every import, export-from, require and dynamic import, but does not say which
 * are type-only, so the statements themselves are read for `import type`/`export type` (a whole
 * statement) and for clauses whose every named binding is `type X`.
 */
function typeOnlySpecifiers(file: string, text: string): Set<string> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const typeOnly = new Set<string>();
  const valued = new Set<string>();
  for (const statement of source.statements) {
    let specifier: string | undefined;
    let onlyTypes = false;
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      specifier = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      const named = clause?.namedBindings;
      onlyTypes =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!named &&
            ts.isNamedImports(named) &&
            named.elements.length > 0 &&
            named.elements.every((element) => element.isTypeOnly)));
    } else if (
      ts.isExportDeclaration(statement) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
    ) {
      specifier = statement.moduleSpecifier.text;
      const clause = statement.exportClause;
      onlyTypes =
        statement.isTypeOnly ||
        (!!clause &&
          ts.isNamedExports(clause) &&
          clause.elements.length > 0 &&
          clause.elements.every((element) => element.isTypeOnly));
    }
    if (specifier === undefined) continue;
    (onlyTypes ? typeOnly : valued).add(specifier);
  }
  for (const specifier of valued) typeOnly.delete(specifier);
  return typeOnly;
}

export function importsOfFile(file: string, text = readFileSync(join(ROOT, file), 'utf8')): Import[] {
  const info = ts.preProcessFile(text, true, true);
  const typeOnly = typeOnlySpecifiers(file, text);
  const seen = new Set<string>();
  return info.importedFiles.flatMap(({ fileName: specifier }) => {
    if (seen.has(specifier)) return [];
    seen.add(specifier);
    const relativeImport = specifier.startsWith('./') || specifier.startsWith('../');
    return [
      {
        from: file,
        specifier,
        target: relativeImport ? resolveRelative(file, specifier) : undefined,
        typeOnly: typeOnly.has(specifier),
      },
    ];
  });
}

export function importGraph(files = sourceFiles()): Import[] {
  return files.flatMap((file) => importsOfFile(file));
}
