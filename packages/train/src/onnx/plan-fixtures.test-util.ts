// Records for the plan-model tests: numeric columns with and without gaps, many levels (embedded), few
// (one-hot), a forced categorical, dates, an id, and rows to predict with what training never saw.
import { createRng } from '@lrkit/core';

const CITIES = ['Oslo', 'Lima', 'Pune', 'Kiev', 'Rome', 'Nice', 'Baku', 'Doha', 'Riga', 'Bern', 'Cork', 'Graz'];

/** Training records: numeric with and without gaps, many levels (embedded), few (one-hot), dates, an id. */
function training(n: number) {
  const rng = createRng(5);
  return Array.from({ length: n }, (_, i) => {
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rng.uniform(0, xs.length))]!;
    const day = 1 + Math.floor(rng.uniform(0, 28));
    return {
      id: 1000 + i,
      age: rng.uniform(0, 1) < 0.15 ? null : Math.round(rng.uniform(18, 80)),
      income: Math.round(rng.uniform(1e4, 9e4) * 100) / 100,
      // Two cities seen once each: rare, they share '(other)'.
      city: i === 3 ? 'Faro' : i === 7 ? 'Oulu' : rng.uniform(0, 1) < 0.1 ? null : pick(CITIES),
      color: rng.uniform(0, 1) < 0.1 ? null : pick(['red', 'green', 'blue']),
      grade: pick([1, 2, 3, 4]),
      joined: rng.uniform(0, 1) < 0.1 ? null : `20${10 + Math.floor(rng.uniform(0, 14))}-0${1 + Math.floor(rng.uniform(0, 9))}-${String(day).padStart(2, '0')}`,
      tier: pick(['lo', 'mid', 'hi']),
      spend: Math.round(rng.uniform(0, 500)),
    };
  });
}

/** Rows to predict: no target, no id; gaps everywhere, levels never seen, a rare level, a date-time. */
const predict = [
  { age: null, income: 52000, city: 'Atlantis', color: 'purple', grade: 7, joined: null },
  { age: 44, income: 18000.5, city: null, color: null, grade: 2, joined: '2019-12-31T23:59:00Z' },
  { age: 30, income: 75000, city: 'Faro', color: 'red', grade: 1, joined: '2012-02-29' },
  { age: 61, income: 33000, city: 'Graz', color: 'blue', grade: 4, joined: '2020-06-15' },
  { age: null, income: 90000, city: 'Oulu', color: 'green', grade: 3, joined: '2023-01-01' },
];

export const planTestRecords = { training, predict };
