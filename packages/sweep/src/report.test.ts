import { describe, expect, it } from 'vitest';
import { outcomeOf } from './embedded';
import { parseSweep } from './parse';
import { renderReport } from './report';
import { madeUpRecord, madeUpSweep } from './report-support';
import type { TrialRecord } from './trial';

const spec = parseSweep(JSON.stringify({ name: 'edge', metric: 'accuracy', grid: { lr: [0.01] } }), 'edge.json');
const outcome = (records: TrialRecord[]) => outcomeOf(spec, records, new Map(records.map((r) => [r.id, r])));
/** The page's text outside tags: what a reader sees. */
const visible = (html: string) => html.replace(/<style>[\s\S]*?<\/style>|<script>[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ');

describe('renderReport', () => {
  it('draws a sweep with no trial finished yet (sweep serve shows it so) without NaN or a broken chart', () => {
    for (const records of [[], [madeUpRecord(11, 'failed')], [madeUpRecord(4, 'pruned'), madeUpRecord(8, 'pruned')]]) {
      const html = renderReport(outcome(records), { pending: 3 });
      expect(html).toMatch(/No trial finished\./);
      expect(visible(html)).not.toMatch(/NaN|undefined|Infinity/);
      expect(html).not.toMatch(/="[^"]*(NaN|undefined|Infinity)[^"]*"/);
    }
  });

  it('writes settings, errors and names as text, never as markup', () => {
    const hostile = '</script><script>alert(1)</script>';
    const bad = { ...madeUpRecord(0), params: { lr: 0.01, [hostile]: hostile, schedule: { type: hostile } } };
    const html = renderReport(outcome([bad, madeUpRecord(1), { ...madeUpRecord(11, 'failed'), error: hostile }]));
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('numbers and colours trials by the sweep\'s order, so a trial keeps both as more finish', () => {
    const { order } = madeUpSweep();
    const swatch = (html: string, id: string) => new RegExp(`<tr data-id="${id}"[^>]*><td>\\d+</td><td><span class="swatch" style="background:(#[0-9a-f]{6})"></span>#(\\d+) `).exec(html)!.slice(1);
    const early = renderReport(madeUpSweep(5).outcome, { order });
    const late = renderReport(madeUpSweep(15).outcome, { order });
    for (const id of order.slice(0, 5)) expect(swatch(early, id)).toEqual(swatch(late, id));
    expect(swatch(late, order[6]!)[1]).toBe('7');
  });
});
