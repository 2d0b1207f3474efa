// Every code block in the repository's markdown runs as written, so the docs cannot drift from the code:
// shell blocks run from the repository root against the built packages (`lrkit`, `lrkit-bench` and `pnpm`
// on PATH, as after an install), TypeScript and JavaScript blocks are type-checked together against the
// packages' published types, then run with Node from the repository root. Blocks of one file run in order
// (an export block writes the model the next block serves). Output blocks (no language) are not code.
// Opt-out, for a block that cannot run in CI: `<!-- docs-test: skip: <reason> -->` on the line above it. A
// block marked `<!-- docs-test: checkout: <reason> -->` (it names the repository's files) runs here, and the
// installed test, which runs the shipped READMEs in a project that installed the tarballs, skips it.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { codeBlocks, markdownFiles, type CodeBlock } from './docs/blocks';
import { blockCompilerOptions } from './installed/readmes';
import { PNPM, repoRoot } from './workspace';

const runDir = join(repoRoot, 'tooling', 'release-tests', '.docs-run');
const binDir = join(runDir, 'bin');
rmSync(runDir, { recursive: true, force: true });
mkdirSync(binDir, { recursive: true });

// The commands a reader has after installing: the built CLIs, and pnpm as the README runs it.
function shim(name: string, command: string): void {
  writeFileSync(join(binDir, name), `#!/bin/sh\nexec ${command} "$@"\n`);
  chmodSync(join(binDir, name), 0o755);
}
shim('lrkit', `"${process.execPath}" "${join(repoRoot, 'apps', 'cli', 'dist', 'index.js')}"`);
shim('lrkit-bench', `"${process.execPath}" "${join(repoRoot, 'apps', 'bench', 'dist', 'index.js')}"`);
if (spawnSync('sh', ['-c', 'command -v pnpm']).status !== 0) shim('pnpm', PNPM.join(' '));

/** A reader's environment: no package-manager settings from this test's own run, no LRKIT_ variables. */
const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|pnpm_|INIT_CWD$|LRKIT_)/i.test(k)));
env.PATH = `${binDir}:${process.env.PATH ?? ''}`;

const docs = markdownFiles(repoRoot).map((doc) => ({ doc, blocks: codeBlocks(repoRoot, doc) }));
const all = docs.flatMap((d) => d.blocks);
const slug = (b: CodeBlock) => `${b.doc.replace(/[^\w]+/g, '_')}_${b.line}`;

// Type-check every runnable TypeScript/JavaScript block in one program (one compiler start, not one a block).
const scripts = all.filter((b) => b.kind === 'typescript' && !b.skip);
for (const b of scripts) writeFileSync(join(runDir, `${slug(b)}.mts`), `${b.code}\nexport {};\n`);
const program = ts.createProgram(
  scripts.map((b) => join(runDir, `${slug(b)}.mts`)),
  blockCompilerOptions(),
);
function typeErrors(b: CodeBlock): string[] {
  const file = program.getSourceFile(join(runDir, `${slug(b)}.mts`))!;
  return ts.getPreEmitDiagnostics(program, file).map((d) => {
    const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + b.line + 1 : b.line;
    return `${b.doc}:${at}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/**
 * Commands that would install the workspace, rebuild it (tsup empties a package's dist while the suite's
 * other tasks import it) or run this test suite from inside itself.
 */
const RECURSIVE = /\b(pnpm(@[\d.]+)?|npm|turbo)\s+((run|exec)\s+)?(--filter[= ]\S+\s+)?(install|i|test|add|build)\b/;

function run(b: CodeBlock): { status: number | null; out: string } {
  let r;
  if (b.kind === 'shell') {
    if (RECURSIVE.test(b.code)) {
      return { status: null, out: `installs or rebuilds the workspace, or runs the test suite, from inside it: mark it <!-- docs-test: skip: <reason> -->` };
    }
    r = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', b.code], { cwd: repoRoot, env, encoding: 'utf8', timeout: 240_000 });
  } else {
    const js = ts.transpileModule(b.code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    const file = join(runDir, `${slug(b)}.mjs`);
    writeFileSync(file, js);
    r = spawnSync(process.execPath, [file], { cwd: repoRoot, env, encoding: 'utf8', timeout: 240_000 });
  }
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

const rootEntries = () => new Set(readdirSync(repoRoot));

describe.each(docs.filter((d) => d.blocks.some((b) => b.kind !== 'output')))('$doc', ({ blocks }) => {
  // Files the blocks write into the repository root (model.onnx, ...) are removed after the document; only
  // names the document's code mentions, so nothing else running beside this test is touched.
  const before = rootEntries();
  afterAll(() => {
    const text = blocks.map((b) => b.code).join('\n');
    for (const name of rootEntries()) if (!before.has(name) && text.includes(name)) rmSync(join(repoRoot, name), { recursive: true, force: true });
  });

  for (const b of blocks.filter((x) => x.kind !== 'output')) {
    const name = `${b.doc}:${b.line} (${b.lang})`;
    if (b.skip) {
      it.skip(`${name}: skipped: ${b.skip}`, () => {});
      continue;
    }
    it(name, () => {
      if (b.kind === 'json') {
        expect(() => JSON.parse(b.code), `${name} is not JSON`).not.toThrow();
        return;
      }
      if (b.kind === 'typescript') expect(typeErrors(b)).toEqual([]);
      const r = run(b);
      expect(r.status, `${name} exited ${r.status}:\n${r.out}`).toBe(0);
    }, 300_000);
  }
});

it('finds the documentation (the root README and every package README)', () => {
  expect(docs.map((d) => d.doc)).toEqual(expect.arrayContaining(['README.md', 'packages/train/README.md', 'packages/train/ONNX.md', 'apps/cli/README.md']));
  const skipped = all.filter((b) => b.skip);
  console.log(`docs: ${all.filter((b) => b.kind !== 'output').length} code blocks in ${docs.length} files; ${skipped.length} skipped:`);
  for (const b of skipped) console.log(`  ${b.doc}:${b.line}: ${b.skip}`);
  expect(existsSync(join(binDir, 'lrkit'))).toBe(true);
});
