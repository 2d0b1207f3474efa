// Messages quote a short excerpt of an offending value, never the whole of it.
import { describe, expect, it } from 'vitest';
import { detectTask, fitColumnPlan, numericTarget, parseCsv, parseTable } from './index';

const huge = 'x'.repeat(50 * 1024 * 1024);

describe('a huge value makes a short message', () => {
  it('a 50 MB cell, column name or label', () => {
    const messages = [
      () => parseCsv(`a,y\n${huge},1\n2,0\n`, { target: 'y', source: 't.csv' }),
      () => parseCsv(`${huge},y\n1,1\n2,0\n`, { target: 'z', source: 't.csv' }),
      () => parseCsv(`${huge},${huge},y\n1,1,1\n`, { target: 'y', source: 't.csv' }),
      () => numericTarget([huge], [0], 'y'),
    ].map((f) => {
      try {
        f();
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('no error');
    });
    expect(messages[0]).toMatch(/^t\.csv: line 2, column 'a' \(column 1\) holds 'x{60}… \(52428800 characters\)', which is not a finite number$/);
    for (const m of messages) expect(m.length).toBeLessThan(600);
    expect(detectTask([huge, 'b']).reason.length).toBeLessThan(200);
  });

  it('a 50 MB cell or column name through the table reader and the column plan', async () => {
    const table = (text: string) => parseTable(Buffer.from(text), 't.csv');
    const messages = await Promise.all(
      [
        async () => fitColumnPlan(await table(`a,y\n1,${huge}\n2,3\n3,4\n`), { target: 'y', task: 'regression' }),
        async () => fitColumnPlan(await table('a,y\n1,1\n2,3\n'), { target: huge }),
        async () => table(`${huge},${huge}\n1,1\n`),
      ].map((f) => f().then(
        () => 'no error',
        (e: unknown) => (e as Error).message,
      )),
    );
    for (const m of messages) {
      expect(m).not.toBe('no error');
      expect(m.length).toBeLessThan(600);
    }
  });
});
