// What the numbers were measured on: printed with every run, since absolute times only mean something
// beside the machine that produced them.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { Machine } from './types';

function cpuFlags(): Set<string> {
  try {
    const text = readFileSync('/proc/cpuinfo', 'utf8');
    const line = text.split('\n').find((l) => l.startsWith('flags'));
    return new Set((line?.split(':')[1] ?? '').trim().split(/\s+/));
  } catch {
    return new Set();
  }
}

/**
 * A theoretical fp32 peak for scale, not a measurement: FLOPs per cycle of the widest vector FMA unit the
 * CPU reports (assuming two FMA pipes), times the nominal clock, times the cores. The wasm figure uses
 * wasm SIMD's 128-bit vectors, which is all tfjs' wasm backend can issue.
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
  const mhz = cpus[0]?.speed ?? 0;
  const peak = peakEstimate(cpuFlags(), mhz, cores);
  return {
    cpuModel: (cpus[0]?.model ?? 'unknown').trim(),
    cores,
    nodeVersion: process.version,
    platform: os.platform(),
    arch: os.arch(),
    date: date.toISOString(),
    ...(peak ? { peakGflops: peak } : {}),
    python,
  };
}
