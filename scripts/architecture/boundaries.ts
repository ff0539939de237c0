import type { Import } from './import-graph';
import { CORE_TESTING_PACKAGES, LAYERS, ROOT_LAYER, type Layer } from './layers';

export function layerOf(file: string): string {
  return file.includes('/') ? file.slice(0, file.indexOf('/')) : ROOT_LAYER;
}

/** Tests and what only tests use: specs, generators under testing/, *-test-support and test-fixtures files. */
export function isTestCode(file: string): boolean {
  return (
    /\.test\.[cm]?[jt]sx?$/.test(file) || /(^|\/)testing\//.test(file) || /test-support|(^|\/)test-[^/]*$/.test(file)
  );
}

/** `@scope/name/sub` → `@scope/name`, `zustand/react/shallow` → `zustand`, `node:fs` stays. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function matches(list: readonly string[], name: string): boolean {
  return list.some((entry) => entry === name || (entry === 'node:*' && name.startsWith('node:')));
}

function ruleText(layer: Layer): string {
  const parts = [`${layer.name} may import ${layer.imports.join(', ')}`];
  if (layer.types.length) parts.push(`types only from ${layer.types.join(', ')}`);
  if (layer.tests.length) parts.push(`and in tests ${layer.tests.join(', ')}`);
  return parts.join('; ');
}

function packageRule(file: string, layer: Layer, name: string): string | undefined {
  const allowed = layer.name === 'core' && /^core\/testing\//.test(file) ? CORE_TESTING_PACKAGES : layer.packages;
  if (allowed && !matches(allowed, name)) return `${layer.name} code may use only the packages ${allowed.join(', ')}`;
  if (layer.forbiddenPackages && matches(layer.forbiddenPackages, name))
    return `${layer.name} code may not use ${layer.forbiddenPackages.join(', ')}`;
  return undefined;
}

/** Every import the table refuses, as "file imports specifier: the rule". */
export function boundaryViolations(imports: readonly Import[], layers: readonly Layer[] = LAYERS): string[] {
  const byName = new Map(layers.map((layer) => [layer.name, layer]));
  // A file that imports vitest runs only under the test runner (the emulator's conformance tables).
  const usesVitest = new Set(imports.filter((i) => i.specifier === 'vitest').map((i) => i.from));
  return imports.flatMap(({ from, specifier, target, typeOnly }) => {
    const layer = byName.get(layerOf(from));
    if (!layer) return [`${from}: its folder ${layerOf(from)} has no row in scripts/architecture/layers.ts`];
    const test = isTestCode(from) || usesVitest.has(from);
    if (target === undefined) {
      // An unresolved relative path is tsc's to report; a package is checked against the layer's list.
      if (specifier.startsWith('.') || test) return [];
      const reason = packageRule(from, layer, packageOf(specifier));
      return reason ? [`${from} imports ${specifier}: ${reason}`] : [];
    }
    const to = layerOf(target);
    const ok =
      layer.imports.includes(to) || (typeOnly && layer.types.includes(to)) || (test && layer.tests.includes(to));
    if (ok) return [];
    const what = typeOnly ? 'types from' : layer.types.includes(to) ? 'values (only types may cross) from' : 'from';
    return [`${from} imports ${what} ${to}/ (${specifier}): ${ruleText(layer)}`];
  });
}
