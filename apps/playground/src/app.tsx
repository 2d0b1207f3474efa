import { renderPreview } from '@lrkit/schedulers';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Chart } from './chart.js';
import { download, pngBlob, svgText } from './download.js';
import { EXAMPLES } from './examples.js';
import { COLORS } from './palette.js';
import { PluginPanel, usePlugins } from './plugin-panel.js';
import { lrkitCommand } from './command.js';
import { toPyTorch } from './pytorch.js';
import { runSpec, type SpecRun } from './run.js';
import { MAX_STEPS, parseSettings, type SettingName } from './settings.js';
import { SpecCard, type CodeKind, type CodePanel, type Mode } from './spec-card.js';
import { MAX_SPECS, stateToQuery, type ViewState } from './state.js';
import { ValueTable } from './table.js';

const fileName = (label: string) => `lrkit-${label.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}`;

export function App({ initial }: { initial: ViewState }) {
  const [state, setState] = useState(initial);
  const [modes, setModes] = useState<Mode[]>(initial.specs.map(() => 'json'));
  const [tab, setTab] = useState(0);
  const [code, setCode] = useState<(CodePanel & { index: number }) | null>(null);
  const [exportError, setExportError] = useState('');
  const [linkStatus, setLinkStatus] = useState('');
  const svgRef = useRef<SVGSVGElement>(null);

  useEffect(() => {
    history.replaceState(null, '', stateToQuery(state));
  }, [state]);

  const { plugins, trust } = usePlugins(state.plugins);

  const parsed = useMemo(() => parseSettings(state), [state.steps, state.lrs, state.momentum, state.metrics, state.y]);
  const settings = parsed.settings;
  // Runs of unchanged specs are kept (same objects), so editing one spec redraws and re-tabulates only it.
  const cache = useMemo(() => new Map<string, SpecRun>(), [settings, plugins.registry]);
  const runs: SpecRun[] | null = useMemo(() => {
    if (!settings || plugins.pending) return null;
    const out = state.specs.map((text) => {
      let run = cache.get(text);
      if (!run) cache.set(text, (run = runSpec(text, settings, plugins.registry)));
      return run;
    });
    for (const key of cache.keys()) if (!state.specs.includes(key)) cache.delete(key);
    return out;
  }, [state.specs, settings, plugins, cache]);
  const infos = useMemo(() => plugins.registry.list(), [plugins.registry]);

  const update = (patch: Partial<ViewState>) => setState((s) => ({ ...s, ...patch }));
  const setSpec = (i: number, text: string) => setState((s) => ({ ...s, specs: s.specs.map((t, j) => (j === i ? text : t)) }));
  const addSpec = (spec?: Record<string, unknown>) => {
    setState((s) => ({ ...s, specs: [...s.specs, JSON.stringify(spec ?? { type: 'cosine-annealing', tMax: Number(s.steps) || 100 }, null, 2)] }));
    setModes((m) => [...m, 'json']);
  };
  const removeSpec = (i: number) => {
    setState((s) => ({ ...s, specs: s.specs.filter((_, j) => j !== i) }));
    setModes((m) => m.filter((_, j) => j !== i));
    setTab((t) => (t >= i && t > 0 ? t - 1 : t));
    setCode(null);
  };
  const copyCode = async (i: number, kind: CodeKind) => {
    const run = runs?.[i];
    if (!run?.result || !settings) return;
    const text = kind === 'pytorch' ? toPyTorch(run.spec, settings, plugins.registry) : { ok: true as const, code: lrkitCommand(run.spec, settings) };
    setCode({ index: i, kind, code: text, status: '' });
    if (!text.ok) return;
    try {
      await navigator.clipboard.writeText(text.code);
      setCode({ index: i, kind, code: text, status: 'copied to the clipboard' });
    } catch (e) {
      setCode({ index: i, kind, code: text, status: `not copied (${(e as Error).message}): select the code below` });
    }
  };
  const exportChart = async (format: 'svg' | 'png') => {
    const svg = svgRef.current;
    if (!svg) return;
    setExportError('');
    try {
      if (format === 'svg') download('lrkit-schedules.svg', svgText(svg), 'image/svg+xml');
      else download('lrkit-schedules.png', await pngBlob(svg));
    } catch (e) {
      setExportError((e as Error).message);
    }
  };

  const settingField = (name: SettingName, label: string, title: string) => (
    <label class="setting">
      <span class="name" title={title}>{label}</span>
      <input name={name} type="text" spellcheck={false} value={state[name]} onInput={(e) => update({ [name]: e.currentTarget.value })} />
      {parsed.errors[name] && <span class="field-error" role="alert">{parsed.errors[name]}</span>}
    </label>
  );

  const tabRun = runs?.[tab];
  return (
    <main data-ready={runs ? 'true' : 'false'}>
      <header class="top">
        <h1>lrkit schedule playground</h1>
        <p>
          Learning-rate schedules from <code>@lrkit/schedulers</code>, computed in your browser by the code behind <code>lrkit schedule</code>: PyTorch's numbers
          (to 1e-12) for the schedules PyTorch has. The address bar holds the whole view; share it as a link.
        </p>
      </header>

      <section class="settings" aria-label="settings">
        {settingField('steps', 'steps', `step() calls to preview (0 to ${MAX_STEPS})`)}
        {settingField('lrs', 'initial lr', 'the rate of each param group, separated by commas')}
        {settingField('momentum', 'momentum', "the momentum before the schedule starts: one for every group, or one per group (SGD's; 0 as torch.optim.SGD)")}
        {settingField('metrics', 'metrics', 'reduce-on-plateau: the validation metric passed to each step(), separated by commas')}
        <button
          type="button"
          data-action="copy-link"
          onClick={() =>
            navigator.clipboard.writeText(location.href).then(
              () => setLinkStatus('link copied'),
              (e: Error) => setLinkStatus(`not copied (${e.message}): the address bar holds the link`),
            )
          }
        >
          copy link
        </button>
        {linkStatus && <span class="status">{linkStatus}</span>}
      </section>

      <PluginPanel
        plugins={plugins}
        onAdd={(url) => {
          trust(url);
          if (!state.plugins.includes(url)) update({ plugins: [...state.plugins, url] });
        }}
        onRemove={(url) => update({ plugins: state.plugins.filter((u) => u !== url) })}
        onTrust={trust}
      />

      <section class="specs" aria-label="specs">
        {state.specs.map((text, i) => (
          <SpecCard
            key={i}
            index={i}
            text={text}
            run={runs?.[i]}
            mode={modes[i] ?? 'json'}
            infos={infos}
            removable={state.specs.length > 1}
            code={code?.index === i ? code : null}
            onText={(t) => setSpec(i, t)}
            onMode={(mode) => setModes((m) => m.map((x, j) => (j === i ? mode : x)))}
            onCode={(kind) => void copyCode(i, kind)}
            onCloseCode={() => setCode(null)}
            onRemove={() => removeSpec(i)}
          />
        ))}
        {state.specs.length < MAX_SPECS && (
          <div class="add-spec">
            <button type="button" onClick={() => addSpec()}>add a spec to compare</button>
            <select name="example" value="" onChange={(e) => {
              const ex = EXAMPLES[Number(e.currentTarget.value)];
              if (ex) addSpec(ex.spec);
            }}>
              <option value="">or add an example…</option>
              {EXAMPLES.map((ex, i) => <option key={ex.name} value={i}>{ex.name}</option>)}
            </select>
          </div>
        )}
      </section>

      <section class="chart" aria-label="chart">
        <div class="toolbar">
          <button type="button" data-action="export-svg" disabled={!runs} onClick={() => void exportChart('svg')}>export SVG</button>
          <button type="button" data-action="export-png" disabled={!runs} onClick={() => void exportChart('png')}>export PNG</button>
          <label class="check">
            <input type="checkbox" name="log-y" checked={state.y === 'log'} onChange={(e) => update({ y: e.currentTarget.checked ? 'log' : 'linear' })} /> log rate axis
          </label>
          {parsed.errors.y && <span class="field-error" role="alert">{parsed.errors.y}</span>}
          {exportError && <span class="field-error" role="alert">{exportError}</span>}
        </div>
        {runs && settings ? <Chart runs={runs.map((run, index) => ({ index, run }))} steps={settings.steps} logY={parsed.logY} full={state.digits === 'full'} svgRef={svgRef} /> : <p>{plugins.pending ? 'loading plugins…' : 'fix the settings above to draw'}</p>}
      </section>

      <section class="table" aria-label="values">
        <div class="toolbar" role="tablist">
          {state.specs.map((_, i) => (
            <button key={i} type="button" role="tab" aria-selected={tab === i} class={tab === i ? 'on' : ''} style={{ color: COLORS[i % COLORS.length] }} onClick={() => setTab(i)}>
              #{i + 1}
            </button>
          ))}
          <label class="check" title="every digit of each double (the shortest text that reads back as the same number); the CSV export is always exact">
            <input type="checkbox" name="full-digits" checked={state.digits === 'full'} onChange={(e) => update({ digits: e.currentTarget.checked ? 'full' : 'short' })} /> full precision
          </label>
          <button type="button" data-action="export-csv" disabled={!tabRun?.result} onClick={() => tabRun?.result && download(`${fileName(tabRun.label)}.csv`, renderPreview(tabRun.result, 'csv'), 'text/csv')}>
            export CSV
          </button>
        </div>
        {tabRun?.result ? <ValueTable result={tabRun.result} full={state.digits === 'full'} /> : tabRun?.error ? <p class="field-error">#{tab + 1}: {tabRun.error.message}</p> : null}
      </section>
    </main>
  );
}
