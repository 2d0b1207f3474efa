import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE, lockFolder } from './lock';
import { TempFiles } from './temp-files';
import { refusal, scratch } from './test-support';

const fx = scratch('lrkit-lock-');
afterAll(() => fx.remove());
const folder = () => fx.folder();

/** The start time /proc gives `pid` (Linux), as the lock records it. */
function startOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
  } catch {
    return null;
  }
}

function holderText(pid: number, start: string | null): string {
  return `${JSON.stringify({ pid, start, host: hostname() })}\n`;
}

describe('lockFolder: one process writes a folder at a time', () => {
  it('refuses a second holder naming the first, and lets it in once released', () => {
    const d = folder();
    const temp = new TempFiles();
    const lock = lockFolder(d, { flag: '--checkpoint-dir', temp });
    expect(temp.list()).toEqual([join(d, LOCK_FILE)]);
    expect(refusal(() => lockFolder(d, { flag: '--checkpoint-dir' }))).toBe(
      `--checkpoint-dir: '${d}' is in use by another lrkit run (process ${process.pid}); wait for it to finish, or use another folder`,
    );
    lock.release();
    lock.release();
    expect(existsSync(join(d, LOCK_FILE))).toBe(false);
    expect(temp.list()).toEqual([]);
    lockFolder(d, { flag: '--checkpoint-dir' }).release();
  });

  it('refuses while another running process holds it', async () => {
    const d = folder();
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      await new Promise((r) => other.once('spawn', r));
      writeFileSync(join(d, LOCK_FILE), holderText(other.pid!, startOf(other.pid!)));
      expect(refusal(() => lockFolder(d, { flag: 'checkpoint.dir' }))).toMatch(new RegExp(`in use by another lrkit run \\(process ${other.pid}\\)`));
    } finally {
      other.kill();
    }
  });

  it('takes over a stale lock: its process is gone, or its pid now runs a later process', () => {
    const d = folder();
    const gone = spawnSync('true').pid!;
    writeFileSync(join(d, LOCK_FILE), holderText(gone, '1'));
    const lock = lockFolder(d, { flag: 'checkpoint.dir' });
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
    // Our own pid with another start time: a process that died, its pid since given to us.
    writeFileSync(join(d, LOCK_FILE), holderText(process.pid, 'not-our-start'));
    if (startOf(process.pid) === null) return; // no start times on this system: a live pid is a live holder
    lockFolder(d, { flag: 'checkpoint.dir' }).release();
    expect(existsSync(join(d, LOCK_FILE))).toBe(false);
  });

  it('refuses a lock file it cannot read rather than guess', () => {
    const d = folder();
    writeFileSync(join(d, LOCK_FILE), 'garbage');
    expect(refusal(() => lockFolder(d, { flag: '--state-dir' }))).toMatch(/holds a lock file lrkit cannot read/);
    // Empty: created by a holder that has not written it yet; still empty after a wait, it is refused too.
    writeFileSync(join(d, LOCK_FILE), '');
    expect(refusal(() => lockFolder(d, { flag: '--state-dir' }))).toMatch(/holds a lock file lrkit cannot read/);
  });
});
