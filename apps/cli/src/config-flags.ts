// The flags of the train config, made from @lrkit/train's field table (loaded from @lrkit/train/config,
// without tfjs): a field's flag is its name in kebab case (`batchSize`: `--batch-size <n>`, a group's
// `checkpoint.dir`: `--checkpoint-dir <dir>`), its help the table's line, its parser the app-kit one of its kind.
// `lrkit train` takes every field; `lrkit lr-find` the ones that choose the data and the model.
import type { Command } from 'commander';
import type { TrainConfig } from '@lrkit/train';
import { choiceValues, flagArg, helpText, kebabCase, orList, trainConfigFields, type Field, type SubField, type TrainField } from '@lrkit/train/config';
import { layerSizes, nonEmpty, nonNegativeInt, oneOf, positiveInt, UsageError } from '@lrkit/app-kit';
import { fraction, fractions, nonNegativeNumber, positiveNumber } from './number-flags';
import { readSpecFlag } from './flag-files';

/** One flag of the config: the field path it sets, its name, and the key commander stores its value under. */
interface ConfigFlag {
  path: string;
  flag: string;
  key: string;
  field: SubField | Exclude<Field, { kind: 'group' }>;
}

/** Every field of the table, by name. */
export const ALL_FIELDS = Object.keys(trainConfigFields) as TrainField[];

function flagOf(path: string, field: ConfigFlag['field']): ConfigFlag {
  const name = kebabCase(path);
  // commander's key for `--checkpoint-dir`: camel case again.
  return { path, flag: `--${name}`, key: name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), field };
}

/** The flags of these fields, a group's sub-fields each its own, in the table's order. */
function configFlags(names: readonly TrainField[]): ConfigFlag[] {
  return names.flatMap((name) => {
    const field: Field = trainConfigFields[name];
    return field.kind === 'group' ? Object.entries(field.fields).map(([sub, f]) => flagOf(`${name}.${sub}`, f)) : [flagOf(name, field)];
  });
}

function parserOf(f: ConfigFlag): ((value: string) => unknown) | undefined {
  const { flag, field } = f;
  switch (field.kind) {
    case 'positiveInt':
      return positiveInt(flag);
    case 'nonNegativeInt':
      return nonNegativeInt(flag);
    case 'positiveNumber': {
      const number = positiveNumber(flag);
      const names = field.names ?? [];
      if (names.length === 0) return number;
      return (value) => {
        if (names.includes(value.trim())) return value.trim();
        try {
          return number(value);
        } catch {
          throw new UsageError(`${flag} must be a positive decimal number (e.g. 0.001 or 1e-3) or ${orList(names)}, got '${value}'`);
        }
      };
    }
    case 'nonNegativeNumber':
      return nonNegativeNumber(flag);
    case 'fraction':
      return fraction(flag, field.zero);
    case 'fractionPair':
      return fractions(flag, 2);
    case 'rates':
      return fractions(flag);
    case 'choice':
      return oneOf(flag, choiceValues(field));
    case 'name':
      return nonEmpty(flag);
    case 'sizes':
      return layerSizes(flag);
    case 'strings':
      return stringList(flag, field.what, field.emptyItems === true);
    case 'character':
      return (value) => {
        // A tab is hard to type inside a shell's quotes: '\t' stands for it.
        const c = value === '\\t' ? '\t' : value;
        if ([...c].length !== 1 || /["\r\n]/.test(c)) throw new UsageError(`${flag} must be ${field.what}, got '${value}'`);
        return c;
      };
    case 'spec':
    case 'boolean':
      // A spec is JSON text or a file, read once the flags are all known (trainConfigOf); a boolean takes no value.
      return undefined;
  }
}

/** `a,b` -> ['a', 'b']: a comma-separated list; an empty item only where the list allows it (a gap token). */
function stringList(flag: string, what: string, emptyItems: boolean): (value: string) => string[] {
  return (value) => {
    const items = value.split(',');
    if (!emptyItems && items.some((v) => v.trim() === '')) throw new UsageError(`${flag} must be a comma-separated list of ${what}, got '${value}'`);
    return items;
  };
}

function syntax(f: ConfigFlag): string {
  return f.field.kind === 'boolean' ? f.flag : `${f.flag} <${flagArg(f.field)}>`;
}

/** Adds the flags of these fields to `command`. */
export function addConfigFlags(command: Command, names: readonly TrainField[]): Command {
  for (const f of configFlags(names)) {
    const parse = parserOf(f);
    if (parse) command.option(syntax(f), helpText(f.field), parse);
    else command.option(syntax(f), helpText(f.field));
  }
  return command;
}

/**
 * The TrainConfig the flags ask for: each set flag's value at its field's path, unset ones left to train's
 * defaults. Refuses, naming both flags, one whose field needs another that is unset (`--resume` without
 * `--checkpoint-dir`, a group's sub-field without the group's required one); reads a spec flag's JSON or file.
 */
export function trainConfigOf(flags: Readonly<Record<string, unknown>>, names: readonly TrainField[]): TrainConfig {
  const all = configFlags(names);
  const isSet = (f: ConfigFlag) => flags[f.key] !== undefined;
  const needed = (f: ConfigFlag, path: string, why?: string): void => {
    const other = all.find((o) => o.path === path);
    if (other && !isSet(other)) throw new UsageError(`${f.flag} needs ${syntax(other)}${why ? ` (${why})` : ''}`);
  };
  for (const f of all) if (f.field.needs && flags[f.key]) needed(f, f.field.needs.path, f.field.needs.why);
  for (const f of all) {
    if (!isSet(f) || !f.path.includes('.')) continue;
    const group = f.path.slice(0, f.path.indexOf('.'));
    for (const other of all) if (other.path.startsWith(`${group}.`) && (other.field as SubField).required) needed(f, other.path);
  }
  const config: Record<string, unknown> = {};
  for (const f of all) {
    if (!isSet(f)) continue;
    const value = f.field.kind === 'spec' ? readSpecFlag(String(flags[f.key]), f.flag) : flags[f.key];
    const [name, sub] = f.path.split('.') as [string, string | undefined];
    if (sub === undefined) config[name] = value;
    else config[name] = { ...(config[name] as object | undefined), [sub]: value };
  }
  return config as TrainConfig;
}
