import type { PreviewResult } from '@lrkit/schedulers';
import { Component, createRef } from 'preact';
import { formatValue } from './numbers.js';

/** Rows per page: the browser lays out 10,000 table rows in seconds, 1,000 in a blink. */
export const PAGE_ROWS = 1000;

/** The CSV header of `lrkit schedule --format csv`: step, lr0.., then momentum0.. where cycled. */
export function tableHeader(result: PreviewResult): string[] {
  const groups = result.lrs[0]?.length ?? 0;
  const head = ['step', ...Array.from({ length: groups }, (_, g) => `lr${g}`)];
  if (result.momentum) head.push(...Array.from({ length: groups }, (_, g) => `momentum${g}`));
  return head;
}

/** One cell: the value as shown, with the exact text as its tooltip where the two differ. */
function cell(v: number, full: boolean): string {
  const shown = formatValue(v, full);
  const exact = String(v);
  return shown === exact ? `<td>${shown}</td>` : `<td title="${exact}">${shown}</td>`;
}

/** The rows as HTML: every cell is a number written by String(), so there is nothing to escape. */
function bodyHtml(result: PreviewResult, from: number, to: number, full: boolean): string {
  const parts: string[] = [];
  for (let k = from; k < to; k++) {
    const row = result.lrs[k]!;
    parts.push(`<tr><td>${k}</td>`);
    for (const v of row) parts.push(cell(v, full));
    const mom = result.momentum?.[k];
    if (mom) for (const v of mom) parts.push(cell(v, full));
    parts.push('</tr>');
  }
  return parts.join('');
}

/**
 * Every row of a preview, a page of PAGE_ROWS at a time, each value as formatValue writes it (`full`: the
 * shortest text that reads back as the same double, as in the CLI's CSV and JSON). The body is written as one HTML
 * string: a virtual DOM of every cell made each edit of the spec lag.
 */
export class ValueTable extends Component<{ result: PreviewResult; full: boolean }, { page: number }> {
  override state = { page: 0 };
  private readonly body = createRef<HTMLTableSectionElement>();
  private written: { result: PreviewResult; from: number; full: boolean } | null = null;

  // A table for an unchanged result is left alone (runs of unchanged specs keep their objects).
  override shouldComponentUpdate(next: { result: PreviewResult; full: boolean }, nextState: { page: number }): boolean {
    return next.result !== this.props.result || next.full !== this.props.full || nextState.page !== this.state.page;
  }

  private range(): [number, number, number] {
    const rows = this.props.result.lrs.length;
    const pages = Math.ceil(rows / PAGE_ROWS);
    const shown = Math.min(this.state.page, pages - 1);
    return [shown, pages, rows];
  }

  private write(): void {
    const [shown, , rows] = this.range();
    const from = shown * PAGE_ROWS;
    const { result, full } = this.props;
    if (!this.body.current || (this.written?.result === result && this.written.from === from && this.written.full === full)) return;
    this.body.current.innerHTML = bodyHtml(result, from, Math.min(rows, from + PAGE_ROWS), full);
    this.written = { result, from, full };
  }

  override componentDidMount(): void {
    this.write();
  }

  override componentDidUpdate(): void {
    this.write();
  }

  override render() {
    const { result } = this.props;
    const [shown, pages, rows] = this.range();
    const from = shown * PAGE_ROWS;
    const to = Math.min(rows, from + PAGE_ROWS);
    return (
      <>
        {pages > 1 && (
          <div class="pager" data-testid="pager">
            <button type="button" data-action="prev-page" disabled={shown === 0} onClick={() => this.setState({ page: shown - 1 })}>previous</button>
            <span>
              steps {from} to {to - 1} of {rows - 1}
            </span>
            <button type="button" data-action="next-page" disabled={shown === pages - 1} onClick={() => this.setState({ page: shown + 1 })}>next</button>
          </div>
        )}
        <table class="values" data-testid="values">
          <thead>
            <tr>{tableHeader(result).map((h) => <th key={h}>{h}</th>)}</tr>
          </thead>
          <tbody ref={this.body} />
        </table>
      </>
    );
  }
}
