import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blogNetwork } from '../../core/demo/blog-network';
import { serializeTopology } from '../../core/topology/document';
import type { Topology } from '../../core/topology/schema';

/** A fresh temp folder holding `files` (name → design or raw text), for one test. */
export function designFolder(files: Record<string, Topology | string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'pb-cli-'));
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, name), typeof content === 'string' ? content : serializeTopology(content));
  return dir;
}

/** The blog network with one field broken, as a user might: two interfaces of the host with one name. */
export function blogWithDuplicateName(): Topology {
  const design = blogNetwork();
  const host = design.stacks.find((s) => s.kind === 'host')!;
  host.interfaces[2] = { ...host.interfaces[2]!, name: host.interfaces[1]!.name };
  return design;
}
