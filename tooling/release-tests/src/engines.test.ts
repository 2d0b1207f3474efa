// The Node range a reader is told is the one npm checks: every README states `engines.node` as the packages
// declare it, word for word, so the docs cannot drift from the manifests. The root README may also state the
// workspace's own range (the root package.json's: its build tools need more than the packages do), and only
// there, where it is about building the repository.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownFiles } from './docs/blocks';
import { publishedPackages, repoRoot } from './workspace';

/** A range as the docs write it: Node (or Node.js) then the range in backticks. */
const STATED = /\bNode(?:\.js)?\s+`([^`]+)`/g;
/** A range written any other way (`Node 20.19+`, `Node >= 20`, `Node 20 or later`): not engines' words. */
const LOOSE = /\bNode(?:\.js)?\s+(?:v?\d+(?:\.\d+)*\s*(?:\+|or later|or newer|and later|and up)|(?:>=?|\^|~)\s*\d)/g;

const engines = (manifest: Record<string, unknown>) => (manifest.engines as { node?: string } | undefined)?.node;
const ours = publishedPackages().filter((p) => !relative(repoRoot, p.dir).startsWith('examples'));
const published = [...new Set(ours.map((p) => engines(p.manifest)))];
const workspace = engines(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>);

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

describe('the Node range', () => {
  it('is one range across the published packages', () => {
    expect(published, ours.map((p) => `${p.name}: ${engines(p.manifest)}`).join('\n')).toHaveLength(1);
    expect(published[0]).toEqual(expect.any(String));
  });

  it('every README states it as engines says, and nowhere loosely', () => {
    const wrong: string[] = [];
    for (const doc of markdownFiles(repoRoot)) {
      const text = readFileSync(join(repoRoot, doc), 'utf8');
      const allowed = doc === 'README.md' ? [published[0], workspace] : [published[0]];
      for (const m of text.matchAll(STATED)) {
        if (!allowed.includes(m[1])) wrong.push(`${doc}:${lineOf(text, m.index)}: Node \`${m[1]}\`, engines says \`${published[0]}\``);
      }
      for (const m of text.matchAll(LOOSE)) wrong.push(`${doc}:${lineOf(text, m.index)}: '${m[0]}': state engines' range, \`${published[0]}\``);
    }
    expect(wrong).toEqual([]);
  });

  it("every published package's README states it, and the root README states both ranges", () => {
    const silent = ours.filter((p) => !readFileSync(join(p.dir, 'README.md'), 'utf8').includes(`Node \`${published[0]}\``)).map((p) => p.name);
    expect(silent).toEqual([]);
    const root = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    expect(root).toContain(`Node \`${published[0]}\``);
    expect(root).toContain(`Node \`${workspace}\``);
  });
});
