import { closeSync, constants, linkSync, lstatSync, openSync, readdirSync, readFileSync, readlinkSync, readSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutputPath, writeOutput, writeOutputAsync } from './output';
import { TempFiles } from './temp-files';
import { makeNode, refusal, scratch } from './test-support';

const fx = scratch('lrkit-io-');
afterAll(() => fx.remove());
const folder = () => fx.folder();

/** A device node standing for /dev/null (char 1:3) or a loop disk (block 7:0); root only. */
const mknod = (path: string, kind: 'c' | 'b', major: number, minor: number) => makeNode('mknod', [path, kind, String(major), String(minor)]);

describe('writeOutput: a regular file or a new path is replaced whole', () => {
  it('replaces the file and leaves no temporary file or registration behind', () => {
    const d = folder();
    const path = join(d, 'out.json');
    writeFileSync(path, 'old');
    const temp = new TempFiles();
    expect(writeOutput(path, 'new text', { flag: '--out', temp, durable: true })).toEqual({ how: 'replace', path });
    expect(readFileSync(path, 'utf8')).toBe('new text');
    expect(readdirSync(d)).toEqual(['out.json']);
    expect(temp.list()).toEqual([]);
  });

  it('fails naming the flag and the path, writing nothing', () => {
    const d = folder();
    const path = join(d, 'missing', 'out.md');
    expect(refusal(() => writeOutput(path, 'x', { flag: '--md' }))).toBe(`--md: the directory '${join(d, 'missing')}' does not exist`);
    expect(readdirSync(d)).toEqual([]);
  });

  it('refuses a directory and a block device, leaving them as they were', (ctx) => {
    const d = folder();
    expect(refusal(() => writeOutput(d, 'x', { flag: '--out' }))).toMatch(/is a directory; give a file name/);
    const disk = join(d, 'disk');
    if (!mknod(disk, 'b', 7, 0)) ctx.skip();
    expect(refusal(() => writeOutput(disk, 'x', { flag: '--out' }))).toMatch(/is a block device/);
    expect(lstatSync(disk).isBlockDevice()).toBe(true);
  });
});

describe('writeOutputAsync: the same rule, for large files', () => {
  it('replaces a file through a link and writes a device in place', async (ctx) => {
    const d = folder();
    const target = join(d, 'model.onnx');
    writeFileSync(target, 'old');
    symlinkSync(target, join(d, 'link.onnx'));
    const temp = new TempFiles();
    await writeOutputAsync(join(d, 'link.onnx'), Buffer.from('new'), { flag: '--export', temp, durable: true });
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(lstatSync(join(d, 'link.onnx')).isSymbolicLink()).toBe(true);
    expect(temp.list()).toEqual([]);
    const node = join(d, 'null');
    if (!mknod(node, 'c', 1, 3)) ctx.skip();
    await writeOutputAsync(node, Buffer.from('x'), { flag: '--export' });
    expect(lstatSync(node).isCharacterDevice()).toBe(true);
  });
});

describe('writeOutput: a symbolic link is written through, never replaced', () => {
  it('replaces the file the link points to; the link stays a link to it', () => {
    const d = folder();
    const target = join(d, 'real.svg');
    const link = join(d, 'link.svg');
    writeFileSync(target, 'old');
    symlinkSync(target, link);
    expect(writeOutput(link, 'new', { flag: '--out' })).toEqual({ how: 'replace', path: target });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(target);
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(d).sort()).toEqual(['link.svg', 'real.svg']);
  });

  it('refuses a link to nothing and a link that loops', () => {
    const d = folder();
    const dangling = join(d, 'dangling');
    symlinkSync(join(d, 'nowhere'), dangling);
    expect(refusal(() => writeOutput(dangling, 'x', { flag: '--out' }))).toMatch(/is a symbolic link to a file that does not exist/);
    expect(readdirSync(d)).toEqual(['dangling']);
    const loop = join(d, 'loop');
    symlinkSync(loop, loop);
    expect(refusal(() => writeOutput(loop, 'x', { flag: '--out' }))).toMatch(/is a symbolic link that loops/);
  });
});

describe('writeOutput: a device or a FIFO is written in place, never replaced', () => {
  it('writes /dev/null, which stays a character device', () => {
    expect(writeOutput('/dev/null', 'discarded', { flag: '--out' })).toEqual({ how: 'stream', path: '/dev/null' });
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('writes a character device node (one like /dev/null) in place: it is still that device after', (ctx) => {
    const d = folder();
    const node = join(d, 'null');
    if (!mknod(node, 'c', 1, 3)) ctx.skip();
    const temp = new TempFiles();
    expect(writeOutput(node, 'x'.repeat(100_000), { flag: '--out', temp })).toEqual({ how: 'stream', path: node });
    const after = lstatSync(node);
    expect(after.isCharacterDevice()).toBe(true);
    expect(after.rdev).toBe(statSync('/dev/null').rdev);
    expect(readdirSync(d)).toEqual(['null']);
  });

  it('streams into a FIFO that has a reader, which stays a FIFO', (ctx) => {
    const d = folder();
    const fifo = join(d, 'pipe');
    if (!makeNode('mkfifo', [fifo])) ctx.skip();
    // The reader's end, opened first (non-blocking: no writer yet).
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      writeOutput(fifo, 'rates\n', { flag: '--out' });
      const buf = Buffer.alloc(64);
      expect(buf.subarray(0, readSync(reader, buf)).toString()).toBe('rates\n');
    } finally {
      closeSync(reader);
    }
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(d)).toEqual(['pipe']);
  });

  it('refuses a FIFO nobody reads at once, instead of blocking; it stays a FIFO', (ctx) => {
    const d = folder();
    const fifo = join(d, 'pipe');
    if (!makeNode('mkfifo', [fifo])) ctx.skip();
    expect(checkOutputPath(fifo, '--out')).toEqual({ how: 'stream', path: fifo });
    expect(refusal(() => writeOutput(fifo, 'x', { flag: '--out' }))).toBe(`--out: cannot write '${fifo}': a named pipe that nobody reads (start its reader first)`);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});

describe('writeOutput: a descriptor link (/dev/stdout, /dev/fd/N) is a stream even where the descriptor is a file', () => {
  it('appends to the file a link to /dev/fd/N stands for, instead of replacing it', () => {
    const d = folder();
    const file = join(d, 'log.txt');
    writeFileSync(file, 'before\n');
    const fd = openSync(file, 'a');
    try {
      const link = join(d, 'out');
      symlinkSync(`/dev/fd/${fd}`, link);
      const ino = statSync(file).ino;
      expect(writeOutput(link, 'after\n', { flag: '--out' })).toEqual({ how: 'stream', path: link });
      expect(readFileSync(file, 'utf8')).toBe('before\nafter\n');
      expect(statSync(file).ino).toBe(ino);
    } finally {
      closeSync(fd);
    }
  });
});

describe('checkOutputPath', () => {
  it('finds a folder that takes no file before any work', () => {
    expect(refusal(() => checkOutputPath('/proc/rates.json', '--out'))).toMatch(/^--out: cannot create a file in the directory '\/proc' \(/);
  });

  it('probes the folder of a link\'s target, not the link\'s', () => {
    const d = folder();
    const sub = folder();
    writeFileSync(join(sub, 'real'), '');
    symlinkSync(join(sub, 'real'), join(d, 'link'));
    expect(checkOutputPath(join(d, 'link'), '--out')).toEqual({ how: 'replace', path: join(sub, 'real') });
    expect(readdirSync(sub)).toEqual(['real']);
  });

  it('replaces a name, not an inode: another hard link to the old file keeps its contents', () => {
    const d = folder();
    writeFileSync(join(d, 'a'), 'old');
    linkSync(join(d, 'a'), join(d, 'b'));
    writeOutput(join(d, 'a'), 'new', { flag: '--out' });
    expect(readFileSync(join(d, 'b'), 'utf8')).toBe('old');
  });
});
