// Progress on stderr while the suites run: a bar where stderr is a terminal, one line per step elsewhere
// (logs, CI), so stdout stays clean for --json / --md / --svg.
import cliProgress from 'cli-progress';

export interface Progress {
  /** A new phase (a suite, or a group within one) of `total` steps. */
  begin(title: string, total: number): void;
  tick(detail: string): void;
  /** A line of its own (a peer starting, a reason something is skipped). */
  note(message: string): void;
  end(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, quiet = false): Progress {
  if (quiet) return { begin() {}, tick() {}, note() {}, end() {} };
  if (!stream.isTTY) {
    let title = '';
    let total = 0;
    let done = 0;
    return {
      begin(t, n) {
        title = t;
        total = n;
        done = 0;
      },
      tick(detail) {
        done++;
        stream.write(`[${title}] ${done}/${total} ${detail}\n`);
      },
      note(message) {
        stream.write(`${message}\n`);
      },
      end() {},
    };
  }
  let bar: cliProgress.SingleBar | undefined;
  return {
    begin(title, total) {
      bar?.stop();
      bar = new cliProgress.SingleBar(
        { stream, format: `${title.padEnd(22)} [{bar}] {value}/{total} {detail}`, hideCursor: true, clearOnComplete: false },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0, { detail: '' });
    },
    tick(detail) {
      bar?.increment(1, { detail });
    },
    note(message) {
      if (bar) {
        bar.stop();
        bar = undefined;
      }
      stream.write(`${message}\n`);
    },
    end() {
      bar?.stop();
      bar = undefined;
    },
  };
}
