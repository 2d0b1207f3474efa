// What the chart's x axis counts. A spec's interval says when the training loop calls step(): after each
// optimizer step or after each epoch. The chart draws one point per step() call, so an epoch-interval spec's
// axis counts epochs; with both kinds overlaid, the axis counts calls and says which spec means which.

export type Interval = 'step' | 'epoch';

export interface AxisName {
  /** The axis title. */
  label: string;
  /** The pointer readout's first word ('step 8', 'epoch 8', 'call 8'). */
  unit: string;
}

const list = (numbers: number[]) => numbers.map((n) => `#${n}`).join(', ');

/** The x axis of specs #1.. with these intervals (`[index, interval]`, index from 0). */
export function axisName(specs: readonly (readonly [number, Interval])[]): AxisName {
  const epochs = specs.filter(([, i]) => i === 'epoch').map(([n]) => n + 1);
  const steps = specs.filter(([, i]) => i === 'step').map(([n]) => n + 1);
  if (epochs.length > 0 && steps.length === 0) return { label: 'epoch (step() once per epoch)', unit: 'epoch' };
  if (epochs.length === 0) return { label: 'optimizer step (step() once per step)', unit: 'step' };
  return { label: `step() calls: per epoch for ${list(epochs)}, per optimizer step for ${list(steps)}`, unit: 'call' };
}
