import { defaultRegistry, type Registry } from '@lrkit/schedulers';
import { useEffect, useState } from 'preact/hooks';
import { loadPluginUrl } from './plugins.js';

export interface Plugins {
  /** The built-ins plus every plugin loaded: what specs are validated and run against. */
  registry: Registry;
  /** `held`: a module on another site, named by the link: it runs only once the user says so. */
  loaded: { url: string; names?: string[]; error?: string; held?: boolean }[];
  /** True while modules load; nothing runs meanwhile (a spec naming a plugin would fail for a moment). */
  pending: boolean;
}

function sameOrigin(url: string): boolean {
  try {
    return new URL(url, location.href).origin === location.origin;
  } catch {
    return true; // not a URL: loadPluginUrl says so
  }
}

/**
 * The plugins at `urls`, loaded into a fresh copy of the built-ins each time the list changes, so removing
 * one unregisters it. A link can name any module, and importing one runs its code in this page: modules
 * from other sites load only once `trust(url)` says the user asked for them.
 */
export function usePlugins(urls: readonly string[]): { plugins: Plugins; trust(url: string): void } {
  const [plugins, setPlugins] = useState<Plugins>({ registry: defaultRegistry, loaded: [], pending: urls.length > 0 });
  const [trusted, setTrusted] = useState<ReadonlySet<string>>(new Set());
  const key = `${urls.join('\n')}\n\n${[...trusted].join('\n')}`;
  useEffect(() => {
    if (urls.length === 0) {
      setPlugins((p) => (p.registry === defaultRegistry && !p.pending ? p : { registry: defaultRegistry, loaded: [], pending: false }));
      return;
    }
    let cancelled = false;
    const registry = defaultRegistry.clone();
    setPlugins((p) => ({ ...p, pending: true }));
    void (async () => {
      const loaded: Plugins['loaded'] = [];
      for (const url of urls) {
        if (!sameOrigin(url) && !trusted.has(url)) {
          loaded.push({ url, held: true });
          continue;
        }
        try {
          loaded.push({ url, names: await loadPluginUrl(url, registry, location.href) });
        } catch (e) {
          loaded.push({ url, error: (e as Error).message });
        }
      }
      if (!cancelled) setPlugins({ registry, loaded, pending: false });
    })();
    return () => {
      cancelled = true;
    };
  }, [key]);
  return { plugins, trust: (url) => setTrusted((t) => new Set([...t, url])) };
}

interface PanelProps {
  plugins: Plugins;
  /** A URL the user typed: trusted, and added to the list. */
  onAdd(url: string): void;
  onRemove(url: string): void;
  onTrust(url: string): void;
}

/** The plugin URL field and what became of each URL. */
export function PluginPanel({ plugins, onAdd, onRemove, onTrust }: PanelProps) {
  const [text, setText] = useState('');
  return (
    <section class="plugins" aria-label="plugins">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) onAdd(text.trim());
          setText('');
        }}
      >
        <label class="setting">
          <span class="name" title="an ES module whose default export is a plugin (contract v1) or an array of them">plugin URL</span>
          <input name="plugin-url" type="text" spellcheck={false} placeholder="./plugins/rex.js" value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </label>
        <button type="submit">load plugin</button>
      </form>
      <ul class="plugin-list" data-testid="plugins">
        {plugins.loaded.map((p) => (
          <li key={p.url}>
            <code>{p.url}</code>:{' '}
            {p.held ? (
              <>
                <span class="field-error">not loaded: the link names a module on another site, which would run in this page.</span>{' '}
                <button type="button" data-action="trust-plugin" onClick={() => onTrust(p.url)}>load it</button>
              </>
            ) : p.error ? (
              <span class="field-error" role="alert">{p.error}</span>
            ) : (
              `registered ${p.names!.join(', ')}`
            )}{' '}
            <button type="button" onClick={() => onRemove(p.url)}>remove</button>
          </li>
        ))}
        {plugins.pending && <li>loading plugins…</li>}
      </ul>
    </section>
  );
}
