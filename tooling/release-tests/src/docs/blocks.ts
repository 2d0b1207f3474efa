// The fenced code blocks of the repository's markdown, and what running each one means.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The opt-out marker, on the line right above a fence: `<!-- docs-test: skip: <reason> -->`. The reason is
 * required (the test report prints it): a block that cannot run in CI (a GPU, the whole test suite, a
 * multi-minute benchmark) says so where a reader sees it.
 */
export const SKIP_MARKER = /^<!--\s*docs-test:\s*skip:\s*(.*?)\s*-->\s*$/;

/**
 * A block that runs in a checkout only (it names the repository's files: a script, a development
 * dependency's data): `<!-- docs-test: checkout: <reason> -->`. docs.test.ts runs it; the installed test,
 * which runs the shipped READMEs where a user of the tarballs would, skips it and prints the reason.
 */
export const CHECKOUT_MARKER = /^<!--\s*docs-test:\s*checkout:\s*(.*?)\s*-->\s*$/;

/** How a fence's language runs. `output` blocks (no language, `text`) show what a command prints. */
const KINDS: Record<string, BlockKind> = {
  sh: 'shell',
  bash: 'shell',
  shell: 'shell',
  ts: 'typescript',
  typescript: 'typescript',
  js: 'typescript',
  javascript: 'typescript',
  mjs: 'typescript',
  json: 'json',
  '': 'output',
  text: 'output',
};

/** json: a document a reader copies (a spec, a sweep file): it must parse. */
export type BlockKind = 'shell' | 'typescript' | 'json' | 'output';

export interface CodeBlock {
  /** The markdown file, relative to the repository root. */
  doc: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  kind: BlockKind;
  code: string;
  skip?: string;
  /** Set by CHECKOUT_MARKER: why the block runs in a checkout only. */
  checkout?: string;
}

/** Directories that hold no documentation of ours: dependencies, build output, generated reports. */
const NOT_DOCS = new Set(['node_modules', 'dist', 'build', '.git', '.turbo', '.changeset', '.vitest-reports', '.docs-run']);

/** Every markdown file under `root` (but CHANGELOG.md files, which changesets write). */
export function markdownFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!NOT_DOCS.has(entry.name)) walk(join(dir, entry.name));
      } else if (entry.name.endsWith('.md') && entry.name !== 'CHANGELOG.md') {
        out.push(relative(root, join(dir, entry.name)));
      }
    }
  };
  walk(root);
  return out.sort();
}

/** The fenced blocks of one markdown file. An unknown fence language is an error naming the line. */
export function codeBlocks(root: string, doc: string): CodeBlock[] {
  const lines = readFileSync(join(root, doc), 'utf8').split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, lang = ''] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !lines[j]!.trimStart().startsWith(fence!); j++) body.push(lines[j]!.slice(indent!.length));
    const kind = KINDS[lang.toLowerCase()];
    if (!kind) throw new Error(`${doc}:${i + 1}: code block language '${lang}' is not one the docs test knows (${Object.keys(KINDS).filter(Boolean).join(', ')}, or none for output)`);
    const skip = SKIP_MARKER.exec(lines[i - 1]?.trim() ?? '')?.[1];
    const checkout = CHECKOUT_MARKER.exec(lines[i - 1]?.trim() ?? '')?.[1];
    if ((skip ?? checkout) !== undefined && (skip ?? checkout)!.length === 0) throw new Error(`${doc}:${i}: a docs-test marker needs its reason`);
    blocks.push({ doc, line: i + 1, lang, kind, code: body.join('\n'), ...(skip ? { skip } : {}), ...(checkout ? { checkout } : {}) });
    i = j;
  }
  return blocks;
}
