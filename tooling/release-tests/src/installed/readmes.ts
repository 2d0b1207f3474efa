// The code blocks of the markdown the packages ship (README.md, ONNX.md, ...), run where a reader of npm's
// page runs them: in a project that installed the tarballs. TypeScript blocks are type-checked against the
// installed packages' own declarations, then run with Node; shell blocks run with the installed bins on PATH.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { WorkspacePackage } from '../../pack-public.mjs';
import { codeBlocks, markdownFiles, type CodeBlock } from '../docs/blocks';

/** The markdown files a package ships: README.md (npm always packs it) and those its `files` list takes. */
export function shippedMarkdown(p: WorkspacePackage): string[] {
  const files = p.manifest.files ?? [];
  return markdownFiles(p.dir).filter((doc) => doc === 'README.md' || files.some((f) => doc === f || doc.startsWith(`${f}/`)));
}

/** Every block of every shipped markdown file; `doc` is `<package>/<file>`. */
export function shippedBlocks(pkgs: readonly WorkspacePackage[]): CodeBlock[] {
  return pkgs.flatMap((p) => shippedMarkdown(p).flatMap((md) => codeBlocks(p.dir, md).map((b) => ({ ...b, doc: `${p.name}/${md}` }))));
}

/** How README TypeScript is checked: strict, as a Node ES module, against the packages' published types. */
export function blockCompilerOptions(extra: ts.CompilerOptions = {}): ts.CompilerOptions {
  return {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    types: ['node'],
    ...extra,
  };
}

const slug = (b: CodeBlock) => `${b.doc.replace(/[^\w]+/g, '_')}_${b.line}`;

/** Runs blocks in `cwd` (the installed project) with `env`; its scratch files go to `cwd/.readme-run` (made by prepare()). */
export class ReadmeRunner {
  private readonly dir: string;
  private program: ts.Program | undefined;

  constructor(
    private readonly cwd: string,
    private readonly env: NodeJS.ProcessEnv,
    /** Where @types/node lies: the project installed no types of its own. */
    private readonly typeRoots: string[],
  ) {
    this.dir = join(cwd, '.readme-run');
  }

  /** Type-checks every TypeScript block in one program (one compiler start, not one a block). */
  prepare(blocks: readonly CodeBlock[]): void {
    const scripts = blocks.filter((b) => b.kind === 'typescript' && !b.skip && !b.checkout);
    mkdirSync(this.dir, { recursive: true });
    for (const b of scripts) writeFileSync(join(this.dir, `${slug(b)}.mts`), `${b.code}\nexport {};\n`);
    this.program = ts.createProgram(
      scripts.map((b) => join(this.dir, `${slug(b)}.mts`)),
      blockCompilerOptions({ typeRoots: this.typeRoots }),
    );
  }

  typeErrors(b: CodeBlock): string[] {
    const file = this.program?.getSourceFile(join(this.dir, `${slug(b)}.mts`));
    if (!file) return [`${b.doc}:${b.line}: not type-checked (prepare() was not given it)`];
    return ts.getPreEmitDiagnostics(this.program!, file).map((d) => {
      const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + b.line + 1 : b.line;
      return `${b.doc}:${at}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  }

  run(b: CodeBlock): { status: number | null; out: string } {
    let r;
    if (b.kind === 'shell') {
      r = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', b.code], { cwd: this.cwd, env: this.env, encoding: 'utf8', timeout: 280_000 });
    } else {
      const js = ts.transpileModule(b.code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
      const file = join(this.dir, `${slug(b)}.mjs`);
      writeFileSync(file, js);
      r = spawnSync(process.execPath, [file], { cwd: this.cwd, env: this.env, encoding: 'utf8', timeout: 280_000 });
    }
    return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
  }
}
