import type { RunSettings } from './settings.js';

/** A word for a POSIX shell: single-quoted where it holds anything but safe characters. */
export function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The `lrkit schedule` command that prints this spec's table as CSV, to check the page against the
 * command line (plugins are not included: the CLI loads them with `--plugin <module>`).
 */
export function lrkitCommand(spec: unknown, settings: RunSettings): string {
  const words = ['lrkit', 'schedule', '--spec', shellWord(JSON.stringify(spec)), '--steps', String(settings.steps), '--lr', settings.lrs.join(',')];
  const m = settings.momentum;
  if (typeof m !== 'number' || m !== 0) words.push('--momentum', typeof m === 'number' ? String(m) : m.join(','));
  if (settings.metrics) words.push('--metrics', settings.metrics.join(','));
  words.push('--format', 'csv');
  return words.join(' ');
}
