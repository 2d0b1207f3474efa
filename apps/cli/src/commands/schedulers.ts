// `lrkit schedulers`: every registered schedule (built-ins and --plugin modules) with its options and defaults.
import type { Command } from 'commander';
import type { ScheduleInfo } from '@lrkit/schedulers';
import { collect } from '@lrkit/app-kit';
import { registryWithPlugins } from './schedule';

export function formatSchedules(list: readonly ScheduleInfo[]): string {
  const lines: string[] = [];
  for (const s of list) {
    const tags = [s.source === 'plugin' ? 'plugin' : '', `interval ${s.interval}`, s.json ? '' : 'programmatic only'].filter(Boolean).join(', ');
    lines.push(`${s.name}  (${tags})`);
    lines.push(`  ${s.description}`);
    const nameW = Math.max(0, ...s.options.map((o) => o.name.length));
    const typeW = Math.max(0, ...s.options.map((o) => o.type.length));
    for (const o of s.options) {
      const def = o.required ? 'required' : o.default === undefined ? '' : `default ${JSON.stringify(o.default)}`;
      lines.push(`    ${o.name.padEnd(nameW)}  ${o.type.padEnd(typeW)}  ${def}${o.description ? `  ${o.description}` : ''}`.trimEnd());
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

export function register(program: Command): void {
  program
    .command('schedulers')
    .description('list every schedule a spec can name, with its options and defaults')
    .option('--plugin <module>', 'also load this scheduler plugin module; repeatable', collect('--plugin'))
    .option('--json', 'print the list as JSON')
    .action(async (options: { plugin?: string[]; json?: boolean }) => {
      const registry = await registryWithPlugins(options.plugin);
      const list = registry.list();
      process.stdout.write(options.json ? `${JSON.stringify(list, null, 2)}\n` : formatSchedules(list));
    });
}
