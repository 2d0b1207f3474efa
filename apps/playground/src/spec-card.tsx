import type { ScheduleInfo } from '@lrkit/schedulers';
import { SpecForm } from './form/spec-form.js';
import { COLORS } from './palette.js';
import type { PyTorchCode } from './pytorch.js';
import type { SpecRun } from './run.js';

export type Mode = 'json' | 'form';
export type CodeKind = 'pytorch' | 'lrkit';
export interface CodePanel {
  kind: CodeKind;
  code: PyTorchCode;
  /** What became of the copy to the clipboard. */
  status: string;
}

interface CardProps {
  index: number;
  text: string;
  run: SpecRun | undefined;
  mode: Mode;
  infos: readonly ScheduleInfo[];
  removable: boolean;
  /** The code panel (PyTorch script or lrkit command), when open on this card. */
  code: CodePanel | null;
  onText(text: string): void;
  onMode(mode: Mode): void;
  onCode(kind: CodeKind): void;
  onCloseCode(): void;
  onRemove(): void;
}

/** One spec: its JSON or its form, the package's error, "copy as PyTorch" and the lrkit command. */
export function SpecCard({ index: i, text, run, mode, infos, removable, code, onText, onMode, onCode, onCloseCode, onRemove }: CardProps) {
  let parsed: unknown;
  let jsonOk = true;
  try {
    parsed = JSON.parse(text);
  } catch {
    jsonOk = false;
  }
  const color = COLORS[i % COLORS.length];
  return (
    <article class="spec-card" data-spec={i} style={{ borderTopColor: color }}>
      <header>
        <strong style={{ color }}>#{i + 1}</strong> <span class="label">{run?.label}</span>
        {run?.result && <span class="interval" title="how often the training loop calls step() (the spec's interval, else the schedule's)">per {run.result.interval}</span>}
        <button type="button" class={mode === 'json' ? 'on' : ''} data-action="json" onClick={() => onMode('json')}>JSON</button>
        <button type="button" class={mode === 'form' ? 'on' : ''} data-action="form" onClick={() => onMode('form')}>form</button>
        <button type="button" data-action="pytorch" disabled={!run?.result} onClick={() => onCode('pytorch')}>copy as PyTorch</button>
        <button type="button" data-action="lrkit" disabled={!run?.result} title="the lrkit schedule command that prints this table as CSV" onClick={() => onCode('lrkit')}>copy lrkit command</button>
        {removable && <button type="button" data-action="remove" onClick={onRemove}>remove</button>}
      </header>
      {mode === 'json' ? (
        <textarea name={`spec-${i}`} spellcheck={false} rows={Math.min(10, text.split('\n').length + 1)} value={text} onInput={(e) => onText(e.currentTarget.value)} />
      ) : jsonOk ? (
        <SpecForm value={parsed} path="schedule" infos={infos} error={run?.error} onChange={(next) => onText(JSON.stringify(next, null, 2))} />
      ) : (
        <p class="field-error">The form needs valid JSON: fix it in the JSON view first.</p>
      )}
      {run?.error && <div class="spec-error" role="alert" data-testid="spec-error">{run.error.message}</div>}
      {code && (
        <div class="code" data-testid="code" data-kind={code.kind}>
          {code.code.ok ? (
            <>
              <p>
                {code.status} <button type="button" onClick={onCloseCode}>close</button>
              </p>
              <pre>{code.code.code}</pre>
            </>
          ) : (
            <p class="field-error">
              No PyTorch equivalent: {code.code.reason} <button type="button" onClick={onCloseCode}>close</button>
            </p>
          )}
        </div>
      )}
    </article>
  );
}
