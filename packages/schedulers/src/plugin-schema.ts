import { showValue } from '@lrkit/io/excerpt';
import { PluginContractError } from './errors.js';
import { RESERVED_KEYS } from './spec/parse.js';
import { parseValue, RUN_LENGTHS, type Field, type FieldType } from './spec/schema.js';

/** Field types a plugin's schema may use: JSON values (child specs and functions are for built-ins). */
const PLUGIN_FIELD_TYPES: readonly FieldType[] = ['number', 'integer', 'boolean', 'enum', 'perGroup', 'integerList', 'numberList'];

/** Check a plugin's `schema` the way parseFields will read it, so a broken one fails at registration. */
export function checkPluginSchema(name: string, schema: unknown): void {
  if (!Array.isArray(schema)) throw new PluginContractError(name, `'schema' must be an array of option fields, got ${typeof schema}`);
  const seen = new Set<string>();
  schema.forEach((f: unknown, i) => {
    const where = `schema[${i}]`;
    if (typeof f !== 'object' || f === null) throw new PluginContractError(name, `${where} must be an object {name, type, description, ...}`);
    const field = f as Record<string, unknown>;
    const own = (k: string): unknown => (Object.hasOwn(field, k) ? field[k] : undefined);
    const fname = own('name');
    if (typeof fname !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(fname) || (RESERVED_KEYS as readonly string[]).includes(fname))
      throw new PluginContractError(name, `${where}.name must be an identifier other than ${RESERVED_KEYS.join(', ')}, got ${showValue(fname)}`);
    if (seen.has(fname)) throw new PluginContractError(name, `${where}: option '${fname}' is declared twice`);
    seen.add(fname);
    const type = own('type');
    if (typeof type !== 'string' || !(PLUGIN_FIELD_TYPES as readonly string[]).includes(type))
      throw new PluginContractError(name, `${where}.type must be one of ${PLUGIN_FIELD_TYPES.join(', ')}, got ${showValue(type)}`);
    if (typeof own('description') !== 'string') throw new PluginContractError(name, `${where}.description must be a string (it documents the option)`);
    for (const k of ['min', 'max', 'above', 'below'])
      if (own(k) !== undefined && (typeof own(k) !== 'number' || !Number.isFinite(own(k)))) throw new PluginContractError(name, `${where}.${k} must be a finite number`);
    for (const k of ['required', 'nullable']) if (own(k) !== undefined && typeof own(k) !== 'boolean') throw new PluginContractError(name, `${where}.${k} must be true or false`);
    const runLength = own('runLength');
    if (runLength !== undefined && !(RUN_LENGTHS as readonly unknown[]).includes(runLength))
      throw new PluginContractError(name, `${where}.runLength must be one of ${RUN_LENGTHS.map((r) => `'${r}'`).join(', ')}, got ${JSON.stringify(runLength)}`);
    if (runLength !== undefined && type !== 'integer') throw new PluginContractError(name, `${where}.runLength is for an 'integer' option (a count of steps or epochs), not '${String(type)}'`);
    if (runLength !== undefined && own('required') === true) throw new PluginContractError(name, `${where}: a runLength option is filled from the run where left out, so it is not 'required'`);
    const unless = own('unlessGiven');
    if (unless !== undefined && (runLength === undefined || !Array.isArray(unless) || !unless.every((n) => typeof n === 'string' && n !== fname)))
      throw new PluginContractError(name, `${where}.unlessGiven must be, beside runLength, an array of the names of the options that replace this one`);
    const values = own('values');
    if (type === 'enum' && (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'string')))
      throw new PluginContractError(name, `${where}.values must be a non-empty array of strings (an enum's choices)`);
    const def = own('default');
    if (def !== undefined && !(def === null && own('nullable') === true)) {
      try {
        parseValue(field as unknown as Field, def, `${where}.default`, () => undefined);
      } catch (e) {
        throw new PluginContractError(name, `${where}.default does not pass its own field: ${(e as Error).message}`);
      }
    }
  });
}

