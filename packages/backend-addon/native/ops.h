// The arithmetic of every kernel, element by element: what unary, binary and reduce ops compute and how the
// optimizer updates and losses round. Shared by @lrkit/backend-cuda's kernels (kernels.cu, through nvcc or
// the host emulation) and by @lrkit/backend-native's CPU kernels (g++), so the two backends compute the same thing
// from one source. Loops, threads and memory belong to each backend; only the per-element math lives here.
//
// Every function takes the op as an argument; a caller that passes a constant (a template parameter or a
// switch outside its loop) gets the switch folded away, which is what lets the CPU loops vectorize.
#pragma once

#include <math.h>

#include "kernels.h"

#if defined(__CUDACC__)
#define LK_HD __host__ __device__ __forceinline__
#else
#include <climits>
#include <cmath>
using std::isnan;
#define LK_HD inline __attribute__((always_inline))
#endif

#if defined(__CUDA_ARCH__)
#define LK_RSQRT(x) rsqrtf(x)
// Round every float op on its own: nvcc would otherwise contract a*b+c into one FMA.
#define LK_FMUL(a, b) __fmul_rn(a, b)
#define LK_FADD(a, b) __fadd_rn(a, b)
#define LK_FDIV(a, b) __fdiv_rn(a, b)
#else
// On the host (g++, or nvcc's host pass, whose copies the CUDA backend never calls) the files that use
// these are compiled with -ffp-contract=off, so plain operators round each op separately.
#define LK_RSQRT(x) (1.f / sqrtf(x))
#define LK_FMUL(a, b) ((a) * (b))
#define LK_FADD(a, b) ((a) + (b))
#define LK_FDIV(a, b) ((a) / (b))
#endif

LK_HD float unaryF(int op, float x, float alpha, float beta) {
  switch (op) {
    case LK_U_IDENTITY: return x;
    case LK_U_NEG: return -x;
    case LK_U_ABS: return fabsf(x);
    case LK_U_EXP: return expf(x);
    case LK_U_LOG: return logf(x);
    case LK_U_LOG1P: return log1pf(x);
    case LK_U_SQRT: return sqrtf(x);
    case LK_U_RSQRT: return LK_RSQRT(x);
    case LK_U_SQUARE: return x * x;
    case LK_U_RELU: return x > 0.f ? x : 0.f;
    case LK_U_RELU6: return fminf(fmaxf(x, 0.f), 6.f);
    // Written so that neither branch overflows: exp of a large positive argument would.
    case LK_U_SIGMOID: return x >= 0.f ? 1.f / (1.f + expf(-x)) : expf(x) / (1.f + expf(x));
    // tfjs's Step: alpha where x <= 0, 1 where x > 0, NaN stays NaN.
    case LK_U_STEP: return isnan(x) ? x : (x > 0.f ? 1.f : alpha);
    case LK_U_TANH: return tanhf(x);
    case LK_U_ELU: return x >= 0.f ? x : expm1f(x);
    case LK_U_LEAKY_RELU: return x >= 0.f ? x : alpha * x;
    case LK_U_SOFTPLUS: return x > 20.f ? x : (x < -20.f ? expf(x) : log1pf(expf(x)));
    case LK_U_RECIPROCAL: return 1.f / x;
    case LK_U_FLOOR: return floorf(x);
    case LK_U_CEIL: return ceilf(x);
    case LK_U_ROUND: return rintf(x);  // half to even, as tfjs
    case LK_U_SIGN: return x > 0.f ? 1.f : (x < 0.f ? -1.f : 0.f);
    case LK_U_SIN: return sinf(x);
    case LK_U_COS: return cosf(x);
    case LK_U_CLIP: return isnan(x) ? x : fminf(fmaxf(x, alpha), beta);
    case LK_U_LOGICAL_NOT: return x == 0.f ? 1.f : 0.f;
    case LK_U_EXPM1: return expm1f(x);
    case LK_U_SELU: {
      const float scale = 1.0507009873554804934193349852946f, a = 1.6732632423543772848170429916717f;
      return x >= 0.f ? scale * x : scale * a * expm1f(x);
    }
    default: return x;
  }
}

LK_HD int unaryI(int op, int x, float alpha, float beta) {
  switch (op) {
    case LK_U_NEG: return -x;
    case LK_U_ABS: return x < 0 ? -x : x;
    case LK_U_SQUARE: return x * x;
    case LK_U_RELU: return x > 0 ? x : 0;
    case LK_U_SIGN: return x > 0 ? 1 : (x < 0 ? -1 : 0);
    case LK_U_LOGICAL_NOT: return x == 0 ? 1 : 0;
    case LK_U_CLIP: return x < (int)alpha ? (int)alpha : (x > (int)beta ? (int)beta : x);
    default: return x;  // identity, floor, ceil, round are the identity on integers
  }
}

template <typename T>
LK_HD T binaryArith(int op, T a, T b);

template <>
LK_HD float binaryArith<float>(int op, float a, float b) {
  switch (op) {
    case LK_B_ADD: return a + b;
    case LK_B_SUB: return a - b;
    case LK_B_MUL: return a * b;
    case LK_B_DIV: return a / b;
    case LK_B_MAX: return (isnan(a) || isnan(b)) ? NAN : fmaxf(a, b);
    case LK_B_MIN: return (isnan(a) || isnan(b)) ? NAN : fminf(a, b);
    case LK_B_POW: return powf(a, b);
    case LK_B_SQUARED_DIFF: return (a - b) * (a - b);
    case LK_B_FLOOR_DIV: return floorf(a / b);
    case LK_B_MOD: {  // the sign of the divisor, as tfjs
      float r = fmodf(a, b);
      return (r != 0.f && ((r < 0.f) != (b < 0.f))) ? r + b : r;
    }
    case LK_B_PRELU: return a < 0.f ? b * a : a;
    case LK_B_DIV_NO_NAN: return b == 0.f ? 0.f : a / b;
    default: return a;
  }
}

template <>
LK_HD int binaryArith<int>(int op, int a, int b) {
  switch (op) {
    case LK_B_ADD: return a + b;
    case LK_B_SUB: return a - b;
    case LK_B_MUL: return a * b;
    case LK_B_DIV: return (int)floorf((float)a / (float)b);  // tfjs divides int32 as floor division
    case LK_B_MAX: return a > b ? a : b;
    case LK_B_MIN: return a < b ? a : b;
    case LK_B_POW: return (int)powf((float)a, (float)b);
    case LK_B_SQUARED_DIFF: return (a - b) * (a - b);
    case LK_B_FLOOR_DIV: return (int)floorf((float)a / (float)b);
    case LK_B_MOD: {
      if (b == 0) return 0;
      int r = a % b;
      return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
    }
    case LK_B_PRELU: return a < 0 ? b * a : a;
    case LK_B_DIV_NO_NAN: return b == 0 ? 0 : (int)floorf((float)a / (float)b);
    default: return a;
  }
}

template <typename T>
LK_HD int binaryCompare(int op, T a, T b) {
  switch (op) {
    case LK_B_GREATER: return a > b;
    case LK_B_GREATER_EQ: return a >= b;
    case LK_B_LESS: return a < b;
    case LK_B_LESS_EQ: return a <= b;
    case LK_B_EQUAL: return a == b;
    case LK_B_NOT_EQUAL: return a != b;
    case LK_B_LOGICAL_AND: return (a != 0) && (b != 0);
    case LK_B_LOGICAL_OR: return (a != 0) || (b != 0);
    default: return 0;
  }
}

template <typename T>
struct Acc {
  T v;
  int idx;
};

template <typename T>
LK_HD T reduceInit(int op);
template <>
LK_HD float reduceInit<float>(int op) {
  switch (op) {
    case LK_R_MAX: case LK_R_ARGMAX: return -INFINITY;
    case LK_R_MIN: case LK_R_ARGMIN: return INFINITY;
    case LK_R_PROD: case LK_R_ALL: return 1.f;
    default: return 0.f;
  }
}
template <>
LK_HD int reduceInit<int>(int op) {
  switch (op) {
    case LK_R_MAX: case LK_R_ARGMAX: return INT_MIN;
    case LK_R_MIN: case LK_R_ARGMIN: return INT_MAX;
    case LK_R_PROD: case LK_R_ALL: return 1;
    default: return 0;
  }
}

// Combines two partial results; for arg reductions the lower index wins ties, as tfjs.
template <typename T>
LK_HD Acc<T> combine(int op, Acc<T> x, Acc<T> y) {
  switch (op) {
    case LK_R_SUM: case LK_R_MEAN: return {x.v + y.v, 0};
    case LK_R_PROD: return {x.v * y.v, 0};
    case LK_R_MAX: return {(x.v != x.v || y.v != y.v) ? x.v + y.v : (x.v > y.v ? x.v : y.v), 0};
    case LK_R_MIN: return {(x.v != x.v || y.v != y.v) ? x.v + y.v : (x.v < y.v ? x.v : y.v), 0};
    case LK_R_ANY: return {(T)((x.v != 0) || (y.v != 0)), 0};
    case LK_R_ALL: return {(T)((x.v != 0) && (y.v != 0)), 0};
    case LK_R_ARGMAX:
      if (y.idx < 0) return x;
      if (x.idx < 0) return y;
      return (y.v > x.v || (y.v == x.v && y.idx < x.idx)) ? y : x;
    case LK_R_ARGMIN:
      if (y.idx < 0) return x;
      if (x.idx < 0) return y;
      return (y.v < x.v || (y.v == x.v && y.idx < x.idx)) ? y : x;
    default: return x;
  }
}

// Writes a finished reduction to output element `o`: the index for arg reductions (0 where the run was
// empty), the sum over `count` for a mean, else the value. Shared by the CUDA and the CPU kernels.
template <typename T>
LK_HD void writeResult(int op, Acc<T> a, void* out, long o, int count) {
  if (op == LK_R_ARGMAX || op == LK_R_ARGMIN)
    ((int*)out)[o] = a.idx < 0 ? 0 : a.idx;
  else if (op == LK_R_MEAN)
    ((T*)out)[o] = (T)(a.v / (T)count);
  else
    ((T*)out)[o] = a.v;
}

// ---------------------------------------------------------------------------------------------- training

// One element of torch 1.13's single-tensor Adam/AdamW with the scalars precomputed as the TypeScript
// reference computes them (packages/core/src/kernels/adamUpdate.ts); m and v are updated in place.
LK_HD float lk_adam_elem(float p, float g, float& m, float& v, float b1, float b2, float oneMinusB1, float oneMinusB2,
                         float eps, float bc2Sqrt, float negStepSize, float decay, float l2) {
  if (decay != 1.f) p = LK_FMUL(p, decay);
  if (l2 != 0.f) g = LK_FADD(g, LK_FMUL(l2, p));
  float mi = LK_FADD(LK_FMUL(m, b1), LK_FMUL(oneMinusB1, g));
  float vi = LK_FADD(LK_FMUL(v, b2), LK_FMUL(LK_FMUL(oneMinusB2, g), g));
  m = mi;
  v = vi;
  float denom = LK_FADD(LK_FDIV(sqrtf(vi), bc2Sqrt), eps);
  return LK_FADD(p, LK_FMUL(negStepSize, LK_FDIV(mi, denom)));
}

// One element of torch 1.13's single-tensor SGD; `buf` is null when momentum is 0.
LK_HD float lk_sgd_elem(float p, float d, float* buf, float wd, float mom, float oneMinusDampening, float negLr,
                        int nesterov, int initializeBuffer) {
  if (wd != 0.f) d = LK_FADD(d, LK_FMUL(wd, p));
  if (buf) {
    float b = initializeBuffer ? d : LK_FADD(LK_FMUL(*buf, mom), LK_FMUL(oneMinusDampening, d));
    *buf = b;
    d = nesterov ? LK_FADD(d, LK_FMUL(mom, b)) : b;
  }
  return LK_FADD(p, LK_FMUL(negLr, d));
}

// The stable sigmoid cross-entropy of one logit: max(z, 0) - z*y + log1p(exp(-|z|)), and its gradient
// (sigmoid(z) - y) / n.
LK_HD float lk_sigmoid_bce_elem(float z, float y, int n, float& grad) {
  float e = expf(-fabsf(z));
  float p = z >= 0.f ? 1.f / (1.f + e) : e / (1.f + e);
  grad = (p - y) / (float)n;
  return (z > 0.f ? z : 0.f) - z * y + log1pf(e);
}

// One row of softmax cross-entropy: the loss log(sum exp(z - max)) - (z[label] - max) and the gradient
// (softmax(z) - onehot(label)) / rows into `grad`. A label of -1 (out of range) gives a NaN loss.
LK_HD float lk_softmax_xent_row(const float* z, int label, float* grad, int classes, int rows) {
  float mx = -INFINITY;
  for (int c = 0; c < classes; ++c) mx = fmaxf(mx, z[c]);
  float denom = 0.f;
  for (int c = 0; c < classes; ++c) denom += expf(z[c] - mx);
  for (int c = 0; c < classes; ++c) grad[c] = (expf(z[c] - mx) / denom - (c == label ? 1.f : 0.f)) / (float)rows;
  return label >= 0 ? logf(denom) - (z[label] - mx) : NAN;
}
