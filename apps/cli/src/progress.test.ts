import { describe, expect, it } from 'vitest';
import { createEpochReporter, formatEpoch, formatLr } from './progress';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; text(): string } {
  let text = '';
  const stream = {
    isTTY,
    columns: 100,
    write(s: string) {
      text += s;
      return true;
    },
    cursorTo() {
      return true;
    },
    clearLine() {
      return true;
    },
    clearScreenDown() {
      return true;
    },
    moveCursor() {
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, text: () => text };
}

const logs = [1, 2, 3].map((epoch) => ({ epoch, epochs: 3, loss: 0.5 / epoch, lr: epoch === 3 ? 1e-3 * 0.1 : 1e-3 }));

describe('epoch lines', () => {
  it('format loss to 4 places and the lr without float noise', () => {
    expect(formatEpoch({ epoch: 2, epochs: 50, loss: 0.123456, lr: 0.001 * 0.1 })).toBe('Epoch [2/50], Loss: 0.1235, LR: 0.0001');
    expect(formatLr(1e-7)).toBe('1e-7');
  });

  it('show the validation loss and the task metric before the rate where the run has a validation split', () => {
    expect(formatEpoch({ epoch: 3, epochs: 50, loss: 0.22671, valLoss: 0.23009, valAccuracy: 0.95556, lr: 0.001 })).toBe(
      'Epoch [3/50], Loss: 0.2267, Val Loss: 0.2301, Val Accuracy: 0.9556, LR: 0.001',
    );
    expect(formatEpoch({ epoch: 1, epochs: 2, loss: 1, valLoss: 0.5, valRmse: 12.345678, lr: 0.01 })).toBe('Epoch [1/2], Loss: 1.0000, Val Loss: 0.5000, Val RMSE: 12.3457, LR: 0.01');
  });

  it('without a terminal: plain lines, nothing else', async () => {
    const s = fakeStream(false);
    const r = await createEpochReporter(s.stream, false);
    logs.forEach((l) => r.epoch(l));
    r.stop();
    expect(s.text()).toBe(logs.map((l) => `${formatEpoch(l)}\n`).join(''));
  });

  it('on a terminal: every epoch line is kept, with the bar drawn under them and cleared at the end', async () => {
    const s = fakeStream(true);
    const r = await createEpochReporter(s.stream, true);
    logs.forEach((l) => r.epoch(l));
    r.stop();
    const out = s.text();
    for (const l of logs) expect(out).toContain(`${formatEpoch(l)}\n`);
    expect(out).toMatch(/training \[.*\] 3\/3 epochs \| loss 0\.1667 \| lr 0\.0001/);
    // At the end the cursor goes back (ESC 8) to where it was saved (ESC 7): right after the last epoch line,
    // the bar's line, not above the epoch lines.
    expect(out.lastIndexOf('\x1b8')).toBeGreaterThan(out.lastIndexOf('training ['));
    expect(out.lastIndexOf('\x1b7')).toBe(out.indexOf(formatEpoch(logs[2]!)) + formatEpoch(logs[2]!).length + 1);
  });
});
