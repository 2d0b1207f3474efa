// The browser tests' Chromium: the system's (Debian's chromium package), never a downloaded one.
import { existsSync } from 'node:fs';

/** CHROMIUM_PATH if set, else Debian's /usr/bin/chromium; the reason when there is none (the tests skip, saying it). */
export function findChromium() {
  const env = process.env.CHROMIUM_PATH;
  if (env) return existsSync(env) ? { path: env } : { reason: `CHROMIUM_PATH=${env} does not exist` };
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return { path: p };
  return { reason: 'no chromium found (apt-get install -y chromium, or set CHROMIUM_PATH)' };
}

/**
 * puppeteer.launch's options for it: headless; --no-sandbox because chromium refuses to run as root (CI)
 * with its sandbox.
 */
export const CHROMIUM_ARGS = ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage'];
