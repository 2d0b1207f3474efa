import ts from 'typescript';
import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
const target = process.argv[2];
const files = execSync(`git ls-files '*.ts' '*.tsx' '*.md' '*.mts' '*.mjs'`, { cwd: '/work/wt/plumb' }).toString().trim().split('\n');
const use = new Map();
for (const f of files) {
  let text = readFileSync('/work/wt/plumb/' + f, 'utf8');
  if (f.endsWith('.md')) text = [...text.matchAll(/```(?:ts|js|typescript|javascript|mjs)\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');
  const sf = ts.createSourceFile(f, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const visit = (n) => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier) && n.moduleSpecifier.text === target) {
      const b = ts.isImportDeclaration(n) ? n.importClause?.namedBindings : n.exportClause;
      if (b && (ts.isNamedImports(b) || ts.isNamedExports(b))) for (const e of b.elements) { const k = (e.propertyName ?? e.name).text; (use.get(k) ?? use.set(k, new Set()).get(k)).add(f.split('/').slice(0, 2).join('/')); }
      else console.log('namespace/side import in', f);
    }
    if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword && ts.isStringLiteral(n.arguments[0]) && n.arguments[0].text === target) console.log('dynamic import in', f, n.parent.getText().slice(0,120));
    ts.forEachChild(n, visit);
  };
  visit(sf);
}
for (const [k, v] of [...use].sort()) console.log(k.padEnd(28), [...v].join(' '));
