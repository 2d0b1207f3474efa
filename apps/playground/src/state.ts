// The playground's whole state, as the user wrote it, and its round trip through the URL: a link
// reproduces the view, errors included. Values are kept as typed (strings); settings.ts parses them.

/** Most specs the page adds (the palette has this many colours); a link may hold more. */
export const MAX_SPECS = 8;

export interface ViewState {
  /** JSON text of each spec, in order. */
  specs: string[];
  /** Number of step() calls (the table has steps + 1 rows). */
  steps: string;
  /** Initial rate of each param group, separated by commas. */
  lrs: string;
  /** Initial momentum of every group (SGD's momentum; 0 as torch.optim.SGD). */
  momentum: string;
  /** Metric values fed to reduce-on-plateau, one per step, separated by commas. */
  metrics: string;
  /** URLs of plugin modules to load (plugin contract v1). */
  plugins: string[];
  /** The rate axis: 'linear' or 'log'. */
  y: string;
  /** How values are written: 'short' (numbers.ts's SHORT_DIGITS) or 'full' (every digit of the double). */
  digits: 'short' | 'full';
}

export const DEFAULT_STATE: ViewState = {
  specs: [
    JSON.stringify({
      type: 'sequential',
      milestones: [10],
      schedulers: [
        { type: 'linear', startFactor: 0.1, totalIters: 10 },
        { type: 'cosine-annealing', tMax: 90 },
      ],
    }),
  ],
  steps: '100',
  lrs: '0.1',
  momentum: '0',
  metrics: '',
  plugins: [],
  y: 'linear',
  digits: 'short',
};

/** A spec as the URL carries it: compact JSON when it parses, the text as typed when it does not. */
export function compactSpec(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

/** A spec as the editor shows it: indented JSON when it parses, the text as given when it does not. */
export function prettySpec(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * `?spec=<JSON>&spec=<JSON>&steps=<n>&lr=0.1,0.01&momentum=0.9&metrics=...&plugin=<url>&y=log&digits=full`: `spec` and
 * `plugin` repeat; a parameter left out keeps its default.
 */
export function stateFromQuery(search: string): ViewState {
  const q = new URLSearchParams(search);
  const specs = q.getAll('spec').map(prettySpec);
  return {
    specs: specs.length ? specs : DEFAULT_STATE.specs.map(prettySpec),
    steps: q.get('steps') ?? DEFAULT_STATE.steps,
    lrs: q.get('lr') ?? DEFAULT_STATE.lrs,
    momentum: q.get('momentum') ?? DEFAULT_STATE.momentum,
    metrics: q.get('metrics') ?? DEFAULT_STATE.metrics,
    plugins: q.getAll('plugin'),
    y: q.get('y') ?? DEFAULT_STATE.y,
    // A display preference, not an input: anything but 'full' shows the default.
    digits: q.get('digits') === 'full' ? 'full' : 'short',
  };
}

/** The query string (with its `?`) that reproduces `state`; settings equal to the defaults are left out. */
export function stateToQuery(state: ViewState): string {
  const q = new URLSearchParams();
  for (const s of state.specs) q.append('spec', compactSpec(s));
  q.set('steps', state.steps);
  if (state.lrs !== DEFAULT_STATE.lrs) q.set('lr', state.lrs);
  if (state.momentum !== DEFAULT_STATE.momentum) q.set('momentum', state.momentum);
  if (state.metrics !== DEFAULT_STATE.metrics) q.set('metrics', state.metrics);
  for (const p of state.plugins) q.append('plugin', p);
  if (state.y !== DEFAULT_STATE.y) q.set('y', state.y);
  if (state.digits !== DEFAULT_STATE.digits) q.set('digits', state.digits);
  return `?${q.toString()}`;
}
