#!/usr/bin/env node
// Re-wraps comment lines longer than 120 characters (Prettier's printWidth) at word boundaries;
// the rules are in scripts/lib/wrap-comments.mjs. Code, strings and unsplittable words are left alone.
//
//   node scripts/wrap-comments.mjs            rewrite every tracked or new .ts/.tsx/.mts/.mjs/.js file
//   node scripts/wrap-comments.mjs a.ts b.ts  only these files
//   node scripts/wrap-comments.mjs --check    write nothing; list what it would change, exit 1 if any
//   --width <n>                               another width than 120
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { wrapComments } from './lib/wrap-comments.mjs';

const args = process.argv.slice(2);
const check = args.includes('--check');
const widthAt = args.indexOf('--width');
const width = widthAt === -1 ? 120 : Number(args[widthAt + 1]);
if (!Number.isInteger(width) || width < 20) throw new Error('--width wants a whole number of at least 20');
const named = args.filter((arg, i) => !arg.startsWith('--') && (widthAt === -1 || i !== widthAt + 1));

const SOURCE = /\.(ts|tsx|mts|cts|mjs|cjs|js|jsx)$/;
const IGNORED = /^(\.next|\.next-bench|dist|node_modules|e2e\/artifacts|\.data|\.notes|public\/audit-worker\.js)(\/|$)/;
const files =
  named.length > 0
    ? named
    : execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' })
        .split('\n')
        .filter((file) => SOURCE.test(file) && !IGNORED.test(file) && !file.endsWith('.d.ts'));

let changed = 0;
let failed = 0;
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    // A file git lists but that is gone from the work tree (deleted, not yet staged).
    if (error.code === 'ENOENT') continue;
    throw error;
  }
  let wrapped;
  try {
    wrapped = wrapComments(text, { fileName: file, width });
  } catch (error) {
    failed++;
    console.error(`wrap-comments: ${error.message}`);
    continue;
  }
  if (wrapped === text) continue;
  changed++;
  if (check) console.log(file);
  else writeFileSync(file, wrapped);
}
console.log(`wrap-comments: ${changed} of ${files.length} files ${check ? 'would change' : 'changed'}`);
process.exitCode = failed > 0 || (check && changed > 0) ? 1 : 0;
