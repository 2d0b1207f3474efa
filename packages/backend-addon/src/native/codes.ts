// The numbering of native/kernels.h's enums; the two must change together.

export const DT_F32 = 0;
export const DT_I32 = 1;

export const Unary = {
  identity: 0, neg: 1, abs: 2, exp: 3, log: 4, log1p: 5, sqrt: 6, rsqrt: 7, square: 8, relu: 9, relu6: 10,
  sigmoid: 11, step: 12, tanh: 13, elu: 14, leakyRelu: 15, softplus: 16, reciprocal: 17, floor: 18, ceil: 19,
  round: 20, sign: 21, sin: 22, cos: 23, clip: 24, logicalNot: 25, expm1: 26, selu: 27,
} as const;

export const Binary = {
  add: 0, sub: 1, mul: 2, div: 3, max: 4, min: 5, pow: 6, squaredDiff: 7, floorDiv: 8, mod: 9, prelu: 10,
  greater: 11, greaterEqual: 12, less: 13, lessEqual: 14, equal: 15, notEqual: 16, logicalAnd: 17,
  logicalOr: 18, divNoNan: 19,
} as const;

/** Binary ops whose result is a bool tensor. */
export const firstComparison = Binary.greater;
export const lastComparison = Binary.logicalOr;

export const Reduce = { sum: 0, mean: 1, max: 2, min: 3, prod: 4, any: 5, all: 6, argMax: 7, argMin: 8 } as const;

/** Highest tensor rank the kernels' shape metadata holds (LK_MAX_RANK). */
export const MAX_RANK = 8;
