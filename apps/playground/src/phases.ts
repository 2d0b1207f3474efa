/**
 * Phase boundaries to mark on the chart: the steps where a `sequential` schedule hands over to its next
 * child. Children of `chained` run on the same clock, so their boundaries count too; a `sequential`
 * nested inside a `sequential` restarts its own clock at its milestone, so its boundaries are shifted by
 * where it starts. Called on specs that preview() accepted, so milestones are valid integers.
 */
export function phaseBoundaries(spec: unknown, offset = 0): number[] {
  if (typeof spec !== 'object' || spec === null) return [];
  const o = spec as { type?: unknown; milestones?: unknown; schedulers?: unknown };
  const kids = Array.isArray(o.schedulers) ? (o.schedulers as unknown[]) : [];
  const out = new Set<number>();
  if (o.type === 'sequential' && Array.isArray(o.milestones)) {
    const ms = o.milestones as number[];
    ms.forEach((m) => out.add(offset + m));
    kids.forEach((kid, i) => {
      const start = i === 0 ? 0 : ms[i - 1]!;
      for (const b of phaseBoundaries(kid, offset + start)) out.add(b);
    });
  } else if (o.type === 'chained') {
    for (const kid of kids) for (const b of phaseBoundaries(kid, offset)) out.add(b);
  }
  return [...out].sort((a, b) => a - b);
}
