import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './import-graph';

/** The folders the README's "What is in the repository" table names (`core/`, `core/audit/`, …), without the slash. */
export function tableFolders(readme: string): string[] {
  const section = readme.split(/^## What is in the repository\s*$/m)[1]?.split(/^## /m)[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => /^\| `([^`]+)\/`/.exec(line)?.[1])
    .filter((folder): folder is string => folder !== undefined);
}

/** .gitignore lines as tests on a repository path: `dir/` anywhere, `*.ext`, or an exact path. */
function ignored(patterns: readonly string[], path: string): boolean {
  return patterns.some((pattern) => {
    if (pattern.endsWith('/')) return path.split('/').includes(pattern.slice(0, -1));
    if (pattern.startsWith('*')) return path.endsWith(pattern.slice(1));
    return path === pattern;
  });
}

function holdsTrackedFile(dir: string, patterns: readonly string[]): boolean {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).some((entry) => {
    const path = `${dir}/${entry.name}`;
    if (ignored(patterns, path)) return false;
    return entry.isDirectory() ? holdsTrackedFile(path, patterns) : true;
  });
}

/** Top-level folders and core/ subfolders that hold something git keeps (a build output folder does not count). */
export function treeFolders(): string[] {
  const gitignore = join(ROOT, '.gitignore');
  const patterns = existsSync(gitignore)
    ? readFileSync(gitignore, 'utf8')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith('#'))
    : [];
  const folders = (dir: string) =>
    readdirSync(join(ROOT, dir), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
      .map((entry) => (dir ? `${dir}/${entry.name}` : entry.name))
      .filter((path) => !ignored(patterns, `${path}/`) && holdsTrackedFile(path, patterns));
  return [...folders(''), ...folders('core')].sort();
}
