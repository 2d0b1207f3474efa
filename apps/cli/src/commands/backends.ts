// `lrkit backends`: every registered tensor backend, whether it can run here and, if not, why.
import type { Command } from 'commander';
import type { BackendInfo } from '@lrkit/core';
import { trainDefaults } from '@lrkit/train/config';

/** `best` is the backend `lrkit train` uses without --backend (the automatic choice, @lrkit/core's rule). */
export function formatBackends(rows: BackendInfo[], best: string): string {
  const width = Math.max(...rows.map((r) => r.name.length), 'backend'.length);
  const lines = [`${'backend'.padEnd(width)}  priority  status`];
  for (const r of rows) {
    const status = r.available ? `available${r.name === best ? ' (default)' : ''}` : `unavailable: ${r.reason}`;
    lines.push(`${r.name.padEnd(width)}  ${String(r.priority).padStart(8)}  ${status}`);
  }
  return lines.join('\n');
}

export function register(program: Command): void {
  program
    .command('backends')
    .description('list the tensor backends, their availability and, where unavailable, why')
    .option('--json', 'print one JSON line: [{name, priority, available, reason?, default}]')
    .action(async (options: { json?: boolean }) => {
      const { resolveTrainBackend } = await import('@lrkit/train');
      const best = await resolveTrainBackend(trainDefaults.backend);
      const { listBackends } = await import('@lrkit/core');
      const rows = await listBackends();
      if (options.json) {
        const out = rows.map(({ active: _active, ...r }) => ({ ...r, default: r.name === best }));
        process.stdout.write(`${JSON.stringify(out)}\n`);
      } else {
        process.stdout.write(`${formatBackends(rows, best)}\n`);
      }
    });
}
