// An lrkit scheduler plugin published as ES modules only (a template: copy this folder and rename). The
// JavaScript is one ES module; `require()` loads it too where Node requires ES modules unflagged (from
// 20.19 and 22.12 on, the range package.json's engines states). Its types ship twice, index.d.ts and index.d.cts (the same text): a TypeScript
// project that imports it as CommonJS reads @lrkit/schedulers' CommonJS declarations, and a ScheduleSpec
// augmentation reaches only the declarations that the augmenting file itself resolves.

/** The options, declared once: lrkit validates specs against them, fills defaults and documents them. */
export const cosPowSchema = [
  { name: 'totalSteps', type: 'integer', runLength: 'steps', min: 1, description: "step at which the rate reaches minLr (left out: the run's steps)" },
  { name: 'power', type: 'number', default: 2, min: 0, description: 'the exponent of the half cosine: 1 is cosine annealing, larger decays sooner' },
  { name: 'minLr', type: 'number', default: 0, min: 0, description: 'floor rate' },
];

/** Cosine to a power: with p = step / totalSteps, minLr + (base - minLr) * ((1 + cos(pi p)) / 2) ** power. */
export const cosPow = {
  name: 'cos-pow',
  apiVersion: 1,
  description: 'half cosine to a power, from the base rate to minLr at totalSteps',
  interval: 'step',
  schema: cosPowSchema,
  create({ totalSteps, power, minLr }, groups) {
    const out = groups.map((g) => g.baseLr);
    return {
      lr(step) {
        const f = ((1 + Math.cos((Math.PI * Math.min(step, totalSteps)) / totalSteps)) / 2) ** power;
        for (let i = 0; i < groups.length; i++) out[i] = minLr + (groups[i].baseLr - minLr) * f;
        return out;
      },
    };
  },
};

/** `lrkit --plugin lrkit-plugin-cos-pow` loads the default export: the plugins of this package. */
export const plugins = [cosPow];
export default plugins;
