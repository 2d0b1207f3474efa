/**
 * Seeded noise for timm-style schedules. The draw for step k depends only on (seed, k), as timm seeds a
 * generator with `noise_seed + t`, so a resumed run draws the same noise without saving any state.
 * (The numbers differ from torch.Generator's; the behaviour is the same.)
 */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** timm's `_calculate_noise`: a normal draw redrawn until |x| < pct, or uniform in (-pct, pct). */
export function stepNoise(seed: number, k: number, kind: 'normal' | 'uniform', pct: number, std: number): number {
  const next = mulberry32(Math.imul(seed, 0x9e3779b1) ^ k);
  if (kind === 'uniform') return 2 * (next() - 0.5) * pct;
  for (let i = 0; i < 1000; i++) {
    // Box-Muller
    const u = 1 - next();
    const v = next();
    const x = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v) * std;
    if (Math.abs(x) < pct) return x;
  }
  return 0;
}
