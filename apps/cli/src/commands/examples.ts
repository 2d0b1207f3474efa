// `lrkit examples`: the example data sets that ship in @lrkit/data, and where each one lies, so that a
// command from the docs runs in any project that installed lrkit: `lrkit train --data "$(lrkit examples iris)"`.
import type { Command } from 'commander';
import { EXAMPLE_DATA_NAMES, exampleData, exampleDataInfo } from '@lrkit/data';

/** The table `lrkit examples` prints: one line a data set, with the flags that train on it. */
export function formatExamples(): string {
  const width = Math.max(...EXAMPLE_DATA_NAMES.map((n) => n.length));
  const flags = EXAMPLE_DATA_NAMES.map((name) => `--target ${exampleDataInfo(name).target}`);
  const flagWidth = Math.max(...flags.map((f) => f.length));
  const lines = EXAMPLE_DATA_NAMES.map((name, i) => {
    const { rows, about } = exampleDataInfo(name);
    return `${name.padEnd(width)}  ${String(rows).padStart(4)} rows  ${flags[i]!.padEnd(flagWidth)}  ${about}`;
  });
  return [...lines, '', 'lrkit examples <name> prints the file\'s path: lrkit train --data "$(lrkit examples iris)" --target species'].join('\n');
}

export function register(program: Command): void {
  program
    .command('examples')
    .description("list the example data sets that ship with lrkit; with a name, print that file's path")
    .argument('[name]', `one of ${EXAMPLE_DATA_NAMES.join(', ')}`)
    .option('--json', 'print one JSON line: [{name, path, target, task, rows, about}] (or the one named)')
    .action((name: string | undefined, options: { json?: boolean }) => {
      const entry = (n: string) => ({ name: n, path: exampleData(n), ...exampleDataInfo(n) });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(name === undefined ? EXAMPLE_DATA_NAMES.map(entry) : entry(name))}\n`);
      } else {
        process.stdout.write(`${name === undefined ? formatExamples() : exampleData(name)}\n`);
      }
    });
}
