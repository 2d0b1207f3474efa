#!/usr/bin/env node
// Writes an adult-census-like table (seeded, so the same file every time): income '>50K' or '<=50K' from
// text columns (education, occupation, marital status, workclass, native country), a few numbers, gaps that
// carry signal (a missing workclass lowers the odds), and a row identifier. Most of the signal sits in the
// text columns and the gaps: the numeric columns alone score visibly lower.
// Usage: node packages/train/scripts/make-adult-like.mjs OUT.csv [--rows 6000] [--seed 7]
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: a, positionals } = parseArgs({ allowPositionals: true, options: { rows: { type: 'string', default: '6000' }, seed: { type: 'string', default: '7' } } });
if (positionals.length !== 1) {
  console.error('usage: make-adult-like.mjs OUT.csv [--rows N] [--seed S]');
  process.exit(2);
}

// mulberry32: a small seeded generator, enough for a synthetic table.
let state = Number(a.seed) >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (levels) => levels[Math.floor(random() * levels.length)];
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

// Each level with its effect on the log-odds of '>50K'.
const education = { Preschool: -2.5, '7th-8th': -2, 'HS-grad': -0.8, 'Some-college': -0.3, 'Assoc-voc': 0, Bachelors: 1, Masters: 1.8, Doctorate: 2.5 };
const occupations = ['Tech-support', 'Craft-repair', 'Other-service', 'Sales', 'Exec-managerial', 'Prof-specialty', 'Handlers-cleaners', 'Machine-op-inspct', 'Adm-clerical', 'Farming-fishing', 'Transport-moving', 'Priv-house-serv', 'Protective-serv', 'Armed-Forces'];
const occupationEffect = Object.fromEntries(occupations.map((o, i) => [o, [0.5, 0, -1.5, 0.3, 1.6, 1.4, -1.4, -0.8, -0.3, -1.2, -0.4, -2.2, 0.4, 0][i]]));
const marital = { 'Married-civ-spouse': 1.3, 'Never-married': -1.3, Divorced: -0.6, Separated: -0.9, Widowed: -0.7 };
const workclass = { Private: 0, 'Self-emp': 0.4, 'Federal-gov': 0.6, 'Local-gov': 0.2 };
const countries = Array.from({ length: 30 }, (_, i) => `country-${String(i + 1).padStart(2, '0')}`);

const header = ['id', 'age', 'workclass', 'education', 'marital-status', 'occupation', 'sex', 'capital-gain', 'hours-per-week', 'native-country', 'income'];
const lines = [header.join(',')];
const rows = Number(a.rows);
for (let i = 0; i < rows; i++) {
  const edu = pick(Object.keys(education));
  const occ = pick(occupations);
  const mar = pick(Object.keys(marital));
  // A gap in workclass (people out of work, or who did not say): a signal of its own.
  const work = random() < 0.08 ? '' : pick(Object.keys(workclass));
  const sex = random() < 0.6 ? 'Male' : 'Female';
  const country = random() < 0.7 ? 'country-01' : pick(countries);
  const age = Math.round(Math.min(90, Math.max(17, 38 + 13 * normal())));
  const hours = Math.round(Math.min(99, Math.max(1, 40 + 11 * normal())));
  const gain = random() < 0.9 ? 0 : Math.round(2000 + 8000 * random());
  let score = -1.2 + education[edu] + occupationEffect[occ] + marital[mar] + (work === '' ? -1.5 : workclass[work]);
  score += 0.02 * (age - 38) + 0.015 * (hours - 40) + (gain > 0 ? 0.8 : 0) + (country === 'country-01' ? 0.2 : 0);
  const income = random() < 1 / (1 + Math.exp(-score)) ? '>50K' : '<=50K';
  // Gaps in the numbers too: a missing age is no signal, a missing capital gain is.
  const ageCell = random() < 0.05 ? '' : String(age);
  const gainCell = random() < 0.05 ? '' : String(gain);
  lines.push([100000 + i, ageCell, work, edu, mar, occ, sex, gainCell, hours, country, income].join(','));
}
writeFileSync(positionals[0], `${lines.join('\n')}\n`);
console.error(`wrote ${rows} rows to ${positionals[0]}`);
