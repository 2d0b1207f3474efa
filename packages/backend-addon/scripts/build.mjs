// The build of an addon backend's Node-API addon, as every addon backend's scripts/build-addon.mjs runs it:
// each script names its compilers and its sources (g++ per instruction set for @lrkit/backend-native, nvcc for
// @lrkit/backend-cuda's kernels), and this module does the rest the same way for both: the reasons to skip,
// the shared glue (native/addon.cc and its headers, node-addon-api, Node's headers), two compilers at a time,
// objects reused while developing, the link, the addon put in place atomically, and
// build/Release/addon-status.json ({ built, reason?, ... }), which the backend's isAvailable() reads.
//
// Where a tool is missing the build is skipped with one line and exit 0, so an install or `pnpm build` never
// breaks on a machine without it. Where the tools are here, a failed build is a real error: `pnpm build`
// fails; at install it is recorded as the reason and the install goes on. Nothing is downloaded.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ownRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Node's headers (include/node/node_api.h): npm_config_nodedir's, or those beside this Node. */
export function findNodeHeaders() {
  const dirs = [process.env.npm_config_nodedir, dirname(dirname(process.execPath))].filter(Boolean);
  return dirs.map((d) => join(d, 'include', 'node')).find((d) => existsSync(join(d, 'node_api.h')));
}

/**
 * The shared Node-API glue every addon links: its sources, its headers, and the flags that compile it (the
 * include directories, with the kernels' shared headers, and Node-API's defines); `{ ok: false, reason }`
 * where Node's headers or node-addon-api are missing.
 */
export function addonGlue() {
  const headers = findNodeHeaders();
  if (!headers) return { ok: false, reason: 'Node headers not found (include/node/node_api.h; set npm_config_nodedir)' };
  let napi;
  try {
    napi = dirname(createRequire(join(ownRoot, 'package.json')).resolve('node-addon-api/package.json'));
  } catch (err) {
    return { ok: false, reason: `a build dependency is missing (${err.message.split('\n')[0]})` };
  }
  const dir = join(ownRoot, 'native');
  return {
    ok: true,
    dir,
    sources: [join(dir, 'addon.cc')],
    headers: ['addon.h', 'kernels.h', 'ops.h'].map((f) => join(dir, f)),
    includes: [`-I${dir}`, `-I${napi}`, `-I${headers}`],
    defines: ['-DNAPI_VERSION=8', '-DNAPI_CPP_EXCEPTIONS'],
  };
}

/** The first line a tool prints for `--version`, or undefined where it cannot run. */
export function toolVersion(tool) {
  const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  return r.error || r.status !== 0 ? undefined : r.stdout;
}

/**
 * One addon's build. `label` starts every line it prints (`backend-native`); `pkgRoot` is the package's root;
 * `fileName` the addon's (build/Release/<fileName>); `skipVariable` the environment variable that skips it.
 * Skips at once where that variable is set or the platform is not Linux.
 */
export function addonBuild({ label, packageName, pkgRoot, fileName, skipVariable }) {
  const releaseDir = join(pkgRoot, 'build', 'Release');
  const objDir = join(pkgRoot, 'build', 'obj');
  const statusFile = join(releaseDir, 'addon-status.json');
  const addon = join(releaseDir, fileName);
  // The install script of the published package (npm and pnpm name the lifecycle event; --install says so
  // where a script runs itself), as opposed to `pnpm build` in the workspace.
  const atInstall = process.env.npm_lifecycle_event === 'install' || process.argv.includes('--install');

  function writeStatus(status) {
    mkdirSync(releaseDir, { recursive: true });
    const tmp = `${statusFile}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ ...status, at: new Date().toISOString() }, null, 2)}\n`);
    renameSync(tmp, statusFile);
  }

  /** Says in one line why the addon is not built, records it, and exits 0. */
  function skip(reason) {
    // An addon left by an earlier build no longer matches these sources: remove it rather than load it later.
    rmSync(addon, { force: true });
    writeStatus({ built: false, reason });
    console.log(`${label}: addon build skipped: ${reason}`);
    process.exit(0);
  }

  /** A build that failed with its tools present: exit 1, or 0 at install, where an install must go on. */
  function fail(what, detail) {
    process.stderr.write(detail);
    rmSync(addon, { force: true });
    const rerun = atInstall ? `node ${join(pkgRoot, 'scripts', 'build-addon.mjs')}` : `pnpm --filter ${packageName} build`;
    writeStatus({ built: false, reason: `the addon build failed (${what}); run \`${rerun}\` to see why` });
    console.error(`${label}: addon build FAILED (${what}; output above)`);
    process.exit(atInstall ? 0 : 1);
  }

  if (process.env[skipVariable]) skip(`${skipVariable} is set`);
  if (process.platform !== 'linux') skip(`only Linux is supported (this is ${process.platform})`);

  /** The shared glue, or a skip that names what is missing. */
  function glue() {
    const g = addonGlue();
    if (!g.ok) skip(g.reason);
    return g;
  }

  function compile(unit, newestHeader) {
    const obj = join(objDir, unit.obj);
    // While developing, an object newer than its source and every header is reused.
    if (existsSync(obj) && existsSync(unit.src) && statSync(obj).mtimeMs > Math.max(statSync(unit.src).mtimeMs, newestHeader)) {
      return Promise.resolve(undefined);
    }
    return new Promise((done) => {
      const p = spawn(unit.tool, [...unit.args, '-c', unit.src, '-o', obj], { stdio: ['ignore', 'inherit', 'pipe'] });
      let err = '';
      p.stderr.on('data', (d) => (err += d));
      p.on('close', (code) => done(code === 0 ? undefined : { unit, err }));
      p.on('error', (e) => done({ unit, err: e.message }));
    });
  }

  /**
   * Compiles `units` ({ obj, src, tool, args }: `tool args -c src -o obj`), two at a time, then links them with
   * `link` ({ tool, args }: `tool args -o addon objects... libs`) and puts the addon in place. `headers` are
   * the files every unit includes; `tools` the compilers' --version output. A build whose inputs are unchanged
   * since the last one is skipped. `status` is recorded beside `built: true`; `done` is the line printed.
   */
  async function build({ units, headers, link, tools, status, done }) {
    const recipe = JSON.stringify({ units: units.map((u) => [u.obj, u.tool, u.args]), link, tools, node: process.version });
    const hash = createHash('sha256').update(recipe);
    // A missing file is left to its compile to report, as a failed build.
    for (const f of [...new Set([...units.map((u) => u.src), ...headers])]) hash.update(f).update(existsSync(f) ? readFileSync(f) : '');
    const inputs = hash.digest('hex');
    try {
      const last = JSON.parse(readFileSync(statusFile, 'utf8'));
      if (last.built && last.inputs === inputs && existsSync(addon)) {
        console.log(`${label}: addon up to date`);
        return;
      }
    } catch {
      // no earlier build
    }
    const started = Date.now();
    // Objects compiled with other flags, other compilers or for another Node are not reused.
    const flagsFile = join(objDir, 'flags.sha256');
    const flags = createHash('sha256').update(recipe).digest('hex');
    if (!existsSync(flagsFile) || readFileSync(flagsFile, 'utf8') !== flags) rmSync(objDir, { recursive: true, force: true });
    mkdirSync(objDir, { recursive: true });
    writeFileSync(flagsFile, flags);
    const newestHeader = Math.max(0, ...headers.filter((f) => existsSync(f)).map((f) => statSync(f).mtimeMs));
    // Two compilers at a time: enough to keep two cores busy without crowding a shared machine.
    const queue = [...units];
    const failures = [];
    await Promise.all(
      [0, 1].map(async () => {
        for (let u = queue.shift(); u; u = queue.shift()) {
          const failure = await compile(u, newestHeader);
          if (failure) failures.push(failure);
        }
      }),
    );
    if (failures.length) fail(failures[0].unit.obj, failures.map((f) => f.err).join('\n'));
    const linked = join(objDir, fileName);
    const objects = units.map((u) => join(objDir, u.obj));
    const l = spawnSync(link.tool, [...link.args, '-o', linked, ...objects, ...link.libs], { encoding: 'utf8' });
    if (l.error || l.status !== 0) fail('link', `${l.stdout ?? ''}${l.stderr ?? ''}${l.error?.message ?? ''}`);
    mkdirSync(releaseDir, { recursive: true });
    const staged = `${addon}.${process.pid}.tmp`;
    copyFileSync(linked, staged);
    renameSync(staged, addon);
    writeStatus({ built: true, ...status, inputs });
    console.log(`${label}: addon built ${done} in ${((Date.now() - started) / 1000).toFixed(0)} s: build/Release/${fileName}`);
  }

  return { atInstall, skip, fail, glue, build };
}
