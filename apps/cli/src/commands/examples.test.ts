import { exampleData } from '@lrkit/data';
import { describe, expect, it } from 'vitest';
import { lrkit } from '../test-support';

describe('lrkit examples', () => {
  it('lists every example data set with its target, and prints one path by name', () => {
    const list = lrkit(['examples']);
    expect(list.status, list.stderr).toBe(0);
    for (const name of ['iris', 'wine', 'friedman1', 'penguins', 'breast-cancer']) expect(list.stdout).toMatch(new RegExp(`^${name} .* --target `, 'm'));
    const one = lrkit(['examples', 'iris']);
    expect(one.stdout).toBe(`${exampleData('iris')}\n`);
    expect(JSON.parse(lrkit(['examples', 'wine', '--json']).stdout)).toMatchObject({ name: 'wine', target: 'cultivar', task: 'classification', rows: 178 });
  });

  it('a path it prints trains: the docs run `lrkit train --data "$(lrkit examples iris)"`', () => {
    const r = lrkit(['train', '--data', lrkit(['examples', 'iris']).stdout.trim(), '--target', 'species', '--epochs', '2', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').at(-1)!)).toMatchObject({ classes: ['setosa', 'versicolor', 'virginica'] });
  });

  it('an unknown name: exit 2, one line with the names and the one meant', () => {
    const r = lrkit(['examples', 'wines']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("lrkit: unknown example data set \"wines\" (did you mean 'wine'?); the examples are breast-cancer, iris, wine, friedman1, penguins\n");
  });
});
