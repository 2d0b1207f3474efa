import type { Rng } from './types';

// xoshiro128** over a splitmix32-expanded seed: small, fast, well tested, and defined entirely by
// 32-bit integer arithmetic, so the stream is identical on every JavaScript engine.

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a of a string: turns a fork label into seed material. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

class Xoshiro128 implements Rng {
  // The state a, b, c, d as unsigned 32-bit words. A typed array, not four number fields: values past 2**31
  // in fields are boxed, and a draw then allocated; a million-row shuffle spent its time there.
  private readonly s = new Uint32Array(4);

  constructor(private readonly seed: number) {
    // Every safe integer >= 0 is its own stream (see fork); past 2**53 neighbouring integers are one double.
    if (!Number.isSafeInteger(seed) || seed < 0) throw new TypeError(`seed must be an integer from 0 to 2**53 - 1, got ${seed}`);
    const mix = splitmix32(seed >>> 0);
    // Seeds past 32 bits fold their high word in, so 2**32 + 1 and 1 differ.
    const high = Math.floor(seed / 2 ** 32) >>> 0;
    const s = this.s;
    s[0] = mix() ^ high;
    s[1] = mix();
    s[2] = mix();
    s[3] = mix();
    if ((s[0] | s[1] | s[2] | s[3]) === 0) s[3] = 1;
  }

  private nextUint32(): number {
    const s = this.s;
    const a = s[0]!;
    const b = s[1]!;
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    const c = s[2]! ^ a;
    const d = s[3]! ^ b;
    s[1] = b ^ c;
    s[0] = a ^ d;
    s[2] = c ^ t;
    s[3] = rotl(d, 11);
    return result;
  }

  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0) throw new RangeError(`int(n) needs a positive integer, got ${n}`);
    return Math.floor(this.next() * n);
  }

  permutation(n: number): Int32Array {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = out[i]!;
      out[i] = out[j]!;
      out[j] = t;
    }
    return out;
  }

  fork(label: string): Rng {
    // The label mixes into the low word only; the high word is kept, so seeds that differ past 32 bits
    // (2**32 and 0) fork into different streams as they start different ones. Seeds below 2**32 fork as
    // they always have.
    const high = Math.floor(this.seed / 2 ** 32);
    return new Xoshiro128(high * 2 ** 32 + (((this.seed >>> 0) ^ hashLabel(label)) >>> 0));
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** A seeded generator; `fork(label)` derives independent streams (split, init, shuffle, ...). */
export function createRng(seed: number): Rng {
  return new Xoshiro128(seed);
}
