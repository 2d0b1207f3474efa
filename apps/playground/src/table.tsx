import type { PreviewResult } from '@lrkit/schedulers';

/** The CSV header of `lrkit schedule --format csv`: step, lr0.., then momentum0.. where cycled. */
export function tableHeader(result: PreviewResult): string[] {
  const groups = result.lrs[0]?.length ?? 0;
  const head = ['step', ...Array.from({ length: groups }, (_, g) => `lr${g}`)];
  if (result.momentum) head.push(...Array.from({ length: groups }, (_, g) => `momentum${g}`));
  return head;
}

/**
 * Every row of a preview, to full precision: `String(v)` is the shortest text that reads back as the same
 * double, as in the CLI's CSV and JSON.
 */
export function ValueTable({ result }: { result: PreviewResult }) {
  return (
    <table class="values" data-testid="values">
      <thead>
        <tr>{tableHeader(result).map((h) => <th key={h}>{h}</th>)}</tr>
      </thead>
      <tbody>
        {result.lrs.map((row, k) => (
          <tr key={k}>
            <td>{k}</td>
            {row.map((v, g) => <td key={`l${g}`}>{String(v)}</td>)}
            {result.momentum?.[k]!.map((v, g) => <td key={`m${g}`}>{String(v)}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
