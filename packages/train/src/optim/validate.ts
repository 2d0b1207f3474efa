import { TrainConfigError } from '../errors';

export function requireNonNegative(field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TrainConfigError(field, `must be a finite number >= 0, got ${value}`);
  }
  return value;
}

export function requireInRange(field: string, value: number, low: number, high: number): number {
  if (typeof value !== 'number' || !(value >= low && value < high)) {
    throw new TrainConfigError(field, `must be in [${low}, ${high}), got ${value}`);
  }
  return value;
}
