import type { BenchDocument } from '../types';
import { COLUMNS, rowCells, targetLine } from './cells';
import { machineLine } from './table';

function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A markdown section for the README: machine and command, the results table, the targets. */
export function renderMarkdown(doc: BenchDocument): string {
  const out: string[] = [];
  out.push(`Machine: ${cell(machineLine(doc))}`);
  out.push('');
  out.push(`Command: \`${doc.command}\``);
  out.push('');
  out.push(`| ${COLUMNS.join(' | ')} |`);
  out.push(`|${COLUMNS.map((_, i) => (i === 3 ? ' ---: ' : ' --- ')).join('|')}|`);
  for (const r of doc.results) out.push(`| ${rowCells(r).map(cell).join(' | ')} |`);
  out.push('');
  out.push('Targets:');
  out.push('');
  for (const t of doc.targets) out.push(`- ${cell(targetLine(t))}`);
  if (doc.targets.length === 0) out.push('- (none for the suites that ran)');
  return `${out.join('\n')}\n`;
}
