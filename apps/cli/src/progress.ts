import type { EpochLog } from '@lrkit/train';

export interface EpochReporter {
  epoch(log: EpochLog): void;
  /** Removes the bar, if there is one. Call once, whether training succeeded or not. */
  stop(): void;
}

export function formatLr(lr: number): string {
  // StepLR's lr*gamma leaves float noise (0.00010000000000000002); six significant digits say it all.
  return String(Number(lr.toPrecision(6)));
}

/**
 * `Epoch [i/n], Loss: ..., LR: ...`; where the run has a validation split, its loss and the task's metric
 * come before the rate (`Val Loss: ..., Val Accuracy: ...` or `Val RMSE: ...`), as Keras prints val_loss.
 */
export function formatEpoch(log: EpochLog): string {
  const val = [
    log.valLoss !== undefined ? `, Val Loss: ${log.valLoss.toFixed(4)}` : '',
    log.valAccuracy !== undefined ? `, Val Accuracy: ${log.valAccuracy.toFixed(4)}` : '',
    log.valRmse !== undefined ? `, Val RMSE: ${log.valRmse.toFixed(4)}` : '',
  ].join('');
  return `Epoch [${log.epoch}/${log.epochs}], Loss: ${log.loss.toFixed(4)}${val}, LR: ${formatLr(log.lr)}`;
}

/**
 * Prints an epoch line (formatEpoch) per epoch to `out`. Where `bar` is set (stdout is a terminal and
 * the output is for a person) a cli-progress bar sits under the lines: each epoch line is written over the
 * bar, which is then drawn again below it. Drawing is synchronous: the training loop doesn't yield to the
 * event loop, so cli-progress's timer-driven redraws would never run. cli-progress is imported only for a
 * bar: a run whose output is not a terminal (scripts, CI, the bench) never loads it.
 */
export async function createEpochReporter(out: NodeJS.WriteStream, bar: boolean): Promise<EpochReporter> {
  if (!bar) {
    return {
      epoch: (log) => void out.write(`${formatEpoch(log)}\n`),
      stop: () => undefined,
    };
  }
  const { Presets, SingleBar } = await import('cli-progress');
  const progress = new SingleBar(
    {
      stream: out,
      format: 'training [{bar}] {value}/{total} epochs | loss {loss} | lr {lr}',
      hideCursor: true,
      clearOnComplete: true,
      forceRedraw: true,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    epoch(log) {
      // Wipe the bar's line, print the epoch line, and save the cursor there (ESC 7): cli-progress restores the
      // position it saved at start() when it stops, which would be lines above by then.
      if (started) out.write('\r\x1b[2K');
      out.write(`${formatEpoch(log)}\n${started ? '\x1b7' : ''}`);
      const payload = { loss: log.loss.toFixed(4), lr: formatLr(log.lr) };
      if (!started) {
        progress.start(log.epochs, log.epoch, payload);
        started = true;
      } else {
        progress.update(log.epoch, payload);
        progress.render();
      }
    },
    stop: () => {
      if (started) progress.stop();
    },
  };
}
