/** A learning rate as people read it: six significant digits (StepLR's lr*gamma leaves 1.0000000000000002e-4). */
export function formatRate(lr: number): string {
  return String(Number(lr.toPrecision(6)));
}
