import { RESERVED_KEYS, type PluginOptionDoc, type ScheduleInfo } from '@lrkit/schedulers';
import type { SpecError } from '../run.js';
import { fieldKind, textValue, valueText, type FieldKind } from './fields.js';

type Obj = Record<string, unknown>;

interface FormProps {
  value: unknown;
  /** The field path the package uses in its errors: `schedule`, `schedule.schedulers[1]`, ... */
  path: string;
  infos: readonly ScheduleInfo[];
  error: SpecError | undefined;
  onChange(next: unknown): void;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The package's message, under the field it names. */
function FieldError({ error, path, nested }: { error: SpecError | undefined; path: string; nested?: boolean }) {
  if (!error?.path) return null;
  // A list option also owns its items' errors (`milestones[2]`), unless the items have forms of their own.
  const mine = error.path === path || (!nested && error.path.startsWith(`${path}[`));
  return mine ? <div class="field-error" role="alert">{error.message}</div> : null;
}

/**
 * A form for one spec, generated from the registry's option docs: a type select, then one input per
 * option of that type; composites nest a form per child. Whatever the form writes, the package validates.
 */
export function SpecForm({ value, path, infos, error, onChange }: FormProps) {
  const obj: Obj = isObj(value) ? value : {};
  const type = typeof obj.type === 'string' ? obj.type : '';
  const info = infos.find((i) => i.name === type);
  const set = (name: string, v: unknown) => {
    const next: Obj = { ...obj };
    if (v === undefined) delete next[name];
    else next[name] = v;
    onChange(next);
  };
  const choices = infos.filter((i) => i.json);
  // Keys the type has no option for stay visible (with the package's message under them) until removed:
  // a form that hid them would show an error about a field nobody can see.
  const known = new Set<string>([...RESERVED_KEYS, ...(info?.options.map((o) => o.name) ?? [])]);
  const unknown = info ? Object.keys(obj).filter((k) => !known.has(k)) : [];
  const root = !path.includes('.') && !path.includes('[');
  return (
    <fieldset class="spec-form" data-path={path}>
      <label class="field" data-field={`${path}.type`}>
        <span class="name">type</span>
        <select name="type" value={type} onChange={(e) => onChange({ type: e.currentTarget.value })}>
          {!info && <option value={type}>{type === '' ? '(choose a schedule)' : `${type} (unknown)`}</option>}
          {choices.map((i) => (
            <option key={i.name} value={i.name}>
              {i.name}
              {i.source === 'plugin' ? ' (plugin)' : ''}
            </option>
          ))}
        </select>
      </label>
      <FieldError error={error} path={`${path}.type`} />
      {info && <p class="description">{info.description}</p>}
      {info?.options.map((doc) => (
        <OptionField key={`${type}.${doc.name}`} doc={doc} value={obj[doc.name]} path={`${path}.${doc.name}`} infos={infos} error={error} set={(v) => set(doc.name, v)} />
      ))}
      {info && root && <IntervalField value={obj.interval} path={`${path}.interval`} error={error} set={(v) => set('interval', v)} />}
      {unknown.map((name) => (
        <div key={name} class="field unknown" data-field={`${path}.${name}`}>
          <label>
            <span class="name" title="not an option of this schedule type">{name} (unknown)</span>
            <span class="unknown-value">
              <code>{JSON.stringify(obj[name])}</code>
              <button type="button" data-action="remove-key" onClick={() => set(name, undefined)}>remove</button>
            </span>
          </label>
          <FieldError error={error} path={`${path}.${name}`} />
        </div>
      ))}
    </fieldset>
  );
}

/** The top-level spec's `interval`: how often the training loop calls step() (the schedule's own when unset). */
function IntervalField({ value, path, error, set }: { value: unknown; path: string; error: SpecError | undefined; set(v: unknown): void }) {
  const current = value === undefined ? '' : String(value);
  return (
    <div class="field" data-field={path}>
      <label>
        <span class="name" title="how often the training loop calls step(): after each optimizer step, or after each epoch">interval</span>
        <select name={path} value={current} onChange={(e) => set(e.currentTarget.value === '' ? undefined : e.currentTarget.value)}>
          <option value="">the schedule's own</option>
          <option value="step">step</option>
          <option value="epoch">epoch</option>
          {current !== '' && current !== 'step' && current !== 'epoch' && <option value={current}>{current}</option>}
        </select>
      </label>
      <FieldError error={error} path={path} />
    </div>
  );
}

interface FieldProps {
  doc: PluginOptionDoc;
  value: unknown;
  path: string;
  infos: readonly ScheduleInfo[];
  error: SpecError | undefined;
  set(v: unknown): void;
}

function hint(doc: PluginOptionDoc): string {
  if (doc.required) return 'required';
  return doc.default !== undefined ? `default ${JSON.stringify(doc.default)}` : '';
}

function OptionField({ doc, value, path, infos, error, set }: FieldProps) {
  const kind = fieldKind(doc);
  const label = (
    <span class="name" title={`${doc.type}: ${doc.description ?? ''}`}>
      {doc.name}
      {doc.required ? ' *' : ''}
    </span>
  );
  if (kind.kind === 'spec' || kind.kind === 'specList') return <NestedField kind={kind} doc={doc} value={value} path={path} infos={infos} error={error} set={set} />;
  return (
    <div class="field" data-field={path}>
      <label>
        {label}
        <Input kind={kind} doc={doc} value={value} path={path} set={set} />
      </label>
      <FieldError error={error} path={path} />
    </div>
  );
}

function Input({ kind, doc, value, path, set }: { kind: FieldKind; doc: PluginOptionDoc; value: unknown; path: string; set(v: unknown): void }) {
  if (kind.kind === 'programmatic') return <input name={path} disabled value="(programmatic API only)" />;
  if (kind.kind === 'boolean' || kind.kind === 'enum') {
    const values = kind.kind === 'boolean' ? ['true', 'false'] : kind.values;
    const current = value === undefined ? '' : String(value);
    return (
      <select name={path} value={current} onChange={(e) => {
        const t = e.currentTarget.value;
        set(t === '' ? undefined : kind.kind === 'boolean' ? t === 'true' : t);
      }}>
        <option value="">{hint(doc) || '(unset)'}</option>
        {values.map((v) => (
          <option key={v} value={v}>{v}</option>
        ))}
        {current !== '' && !values.includes(current) && <option value={current}>{current}</option>}
      </select>
    );
  }
  // Text inputs commit on change (blur or Enter), so a half-typed number is never rewritten under the caret.
  return <input name={path} type="text" spellcheck={false} value={valueText(value)} placeholder={hint(doc)} onChange={(e) => set(textValue(kind, e.currentTarget.value))} />;
}

function NestedField({ kind, doc, value, path, infos, error, set }: FieldProps & { kind: FieldKind }) {
  const first = infos.find((i) => i.json)?.name ?? 'step';
  if (kind.kind === 'spec') {
    return (
      <div class="field nested" data-field={path}>
        <span class="name">{doc.name}{doc.required ? ' *' : ''}</span>
        {value === undefined ? (
          <button type="button" onClick={() => set({ type: first })}>set a schedule</button>
        ) : (
          <SpecForm value={value} path={path} infos={infos} error={error} onChange={set} />
        )}
        <FieldError error={error} path={path} nested />
      </div>
    );
  }
  const list = Array.isArray(value) ? value : [];
  return (
    <div class="field nested" data-field={path}>
      <span class="name">{doc.name}{doc.required ? ' *' : ''}</span>
      <ol class="spec-list">
        {list.map((child, i) => (
          <li key={i}>
            <SpecForm value={child} path={`${path}[${i}]`} infos={infos} error={error} onChange={(next) => set(list.map((c, j) => (j === i ? next : c)))} />
            <button type="button" class="remove" onClick={() => set(list.length > 1 ? list.filter((_, j) => j !== i) : undefined)}>remove</button>
          </li>
        ))}
      </ol>
      <button type="button" class="add-child" onClick={() => set([...list, { type: first }])}>add a schedule</button>
      <FieldError error={error} path={path} nested />
    </div>
  );
}
