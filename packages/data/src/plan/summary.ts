// The plan as a short table a person reads before training: column, role, encoding.
import type { ColumnPlan, ColumnStep } from './types';

function encoding(step: ColumnStep): string {
  switch (step.role) {
    case 'numeric':
      return `median ${step.median}, scaled${step.indicator ? ', + was-missing input' : ''}`;
    case 'date':
      return `parts: ${step.parts.map((p) => p.name.slice(step.name.length + 1)).join(', ')}`;
    case 'categorical': {
      const codes = step.levels.length + (step.missing ? 1 : 0) + (step.rare.length > 0 ? 1 : 0);
      const how = step.encoding === 'one-hot' ? `one-hot, ${codes} codes` : `embedding ${step.embeddingSize} wide, ${codes} codes`;
      const extra = [step.missing ? '(missing)' : '', step.rare.length > 0 ? `(other): ${step.rare.length} rare` : ''].filter(Boolean);
      return [how, ...extra, step.note ?? ''].filter(Boolean).join('; ');
    }
    case 'ignored':
      return step.note;
  }
}

/** Lines of a fixed-width table: one per column, the target first. */
export function formatPlanSummary(plan: ColumnPlan): string {
  const { target } = plan;
  const rows: [string, string, string][] = [
    ['column', 'role', 'encoding'],
    [target.name, 'target', target.task === 'classification' ? `${target.labels.length} classes` : 'regression'],
    ...plan.columns.map((s): [string, string, string] => [s.name, s.role, encoding(s)]),
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const lines = rows.map(([a, b, c]) => `${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`.trimEnd());
  if (plan.droppedTargetGaps > 0) lines.push(`${plan.droppedTargetGaps} rows dropped: their target is a gap`);
  return lines.join('\n');
}
