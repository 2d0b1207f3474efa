// What the numbers were measured on: printed with every run, since absolute times only mean something
// beside the machine that produced them.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { Machine } from './types';

function cpuinfoField(name: string): string | undefined {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith(name));
    return line?.split(':')[1]?.trim();
  } catch {
    return undefined;
  }
}

function cpuFlags(): Set<string> {
  return new Set((cpuinfoField('flags') ?? '').split(/\s+/));
}

/** The clock in MHz: Node's figure, else /proc/cpuinfo's (virtual machines often report 0 to Node). */
function clockMhz(nodeSpeed: number | undefined): number {
  if (nodeSpeed && nodeSpeed > 0) return nodeSpeed;
  const mhz = Number(cpuinfoField('cpu MHz'));
  return Number.isFinite(mhz) ? mhz : 0;
}

/**
 * A theoretical fp32 peak for scale, not a measurement: FLOPs per cycle of the widest vector FMA unit the
 * CPU reports (assuming two FMA pipes), times the nominal clock, times the cores. The wasm figure uses
 * wasm SIMD's 128-bit vectors, which is all tfjs' wasm backend can issue; but wasm SIMD has no fused
 * multiply-add and cores run above their nominal clock, so it is no ceiling (lrkit's own product measured
 * over 100% of it): the mlp suite measures one (simd-peak.ts) and rates lrkit/wasm against that.
 */
export function peakEstimate(
  flags: Set<string>,
  mhz: number,
  cores: number,
): Machine['peakGflops'] | undefined {
  if (!(mhz > 0) || cores < 1) return undefined;
  const lanes = flags.has('avx512f') ? 16 : flags.has('avx2') && flags.has('fma') ? 8 : 4;
  const fmaPipes = 2;
  const perCore = (mhz / 1000) * fmaPipes * lanes * 2;
  const wasmSimdPerCore = (mhz / 1000) * fmaPipes * 4 * 2;
  const isa = lanes === 16 ? 'AVX-512' : lanes === 8 ? 'AVX2+FMA' : 'SSE';
  return {
    perCore,
    allCores: perCore * cores,
    wasmSimdPerCore,
    assumption: `${isa} (${lanes} fp32 lanes) x 2 FMA pipes x 2 FLOPs x ${mhz.toFixed(0)} MHz nominal; wasm SIMD: 4 lanes`,
  };
}

export function describeMachine(python: Machine['python'], date = new Date()): Machine {
  const cpus = os.cpus();
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length;
  const mhz = clockMhz(cpus[0]?.speed);
  const peak = peakEstimate(cpuFlags(), mhz, cores);
  return {
    cpuModel: (cpus[0]?.model ?? 'unknown').trim(),
    cores,
    nodeVersion: process.version,
    platform: os.platform(),
    arch: os.arch(),
    date: date.toISOString(),
    loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100),
    ...(peak ? { peakGflops: peak } : {}),
    python,
  };
}
