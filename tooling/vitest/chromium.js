// Where the browser tests find a Chromium: the system's (Debian's package), never one downloaded at
// install time. Shared by every package whose tests drive a page (the playground, the CLI's `playground`).
import { existsSync } from 'node:fs';

/** CHROMIUM_PATH if set, else Debian's /usr/bin/chromium; the reason to skip when there is none. */
export function findChromium() {
  const env = process.env.CHROMIUM_PATH;
  if (env) return existsSync(env) ? { path: env } : { reason: `CHROMIUM_PATH=${env} does not exist` };
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return { path: p };
  return { reason: 'no chromium found (apt-get install -y chromium, or set CHROMIUM_PATH)' };
}

/**
 * puppeteer-core's launch arguments for a test: --no-sandbox because chromium refuses to run as root (CI)
 * with its sandbox; no GPU and no /dev/shm on small containers.
 */
export const CHROMIUM_ARGS = ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage'];
