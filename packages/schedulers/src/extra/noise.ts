/**
 * Seeded noise for timm-style schedules. The draw for step k depends only on (seed, k), as timm seeds a
 * generator with `noise_seed + t`, so a resumed run draws the same noise without saving any state.
 * (The numbers differ from torch.Generator's; the behaviour is the same.)
 *
 * Allocation-free on purpose (it runs inside step()): the PRNG (mulberry32) is written out inline and the
 * result goes into a reused Float64Array rather than through a returned double.
 */
export function stepNoise(seed: number, k: number, kind: 'normal' | 'uniform', pct: number, std: number, out: Float64Array): void {
  let a = (Math.imul(seed, 0x9e3779b1) ^ k) >>> 0;
  let t = 0;
  if (kind === 'uniform') {
    a = (a + 0x6d2b79f5) >>> 0;
    t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[0] = 2 * (((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5) * pct;
    return;
  }
  // timm redraws a normal sample until |x| < pct; bounded here so a tiny pct cannot loop forever.
  for (let i = 0; i < 1000; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u = 1 - ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    a = (a + 0x6d2b79f5) >>> 0;
    t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const v = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    // Box-Muller
    const x = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v) * std;
    if (Math.abs(x) < pct) {
      out[0] = x;
      return;
    }
  }
  out[0] = 0;
}
