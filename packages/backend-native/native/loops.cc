// The vectorisable loops, built once per instruction set with LK_ISA_NS naming the namespace (base, avx2,
// avx512) and the matching -m flags (scripts/build-addon.mjs). Compiled with -ffp-contract=off and
// -fno-math-errno: every float op rounds on its own, exactly as the TypeScript reference and the CUDA
// kernels round it, while sqrt and division still vectorise (both are correctly rounded in IEEE 754).
//
// The per-element math is @lrkit/backend-addon's native/ops.h. It is included inside an anonymous namespace
// so that each instruction set's copy stays private to its object file: an inline function compiled for
// AVX-512 must never be what a baseline caller links to.
#include <cmath>
#include <climits>
#include <cstddef>

#include "isa.h"
#include "kernels.h"

namespace {
#include "ops.h"

// The op is a template argument, so unaryF's switch folds away and the loop vectorises.
template <int OP>
void unaryLoop(const float* __restrict x, float* __restrict out, long n, float alpha, float beta) {
  for (long i = 0; i < n; ++i) out[i] = unaryF(OP, x[i], alpha, beta);
}

template <int OP>
void binaryLoop(const float* a, long sa, const float* b, long sb, float* __restrict out, long n) {
  if (sa && sb) {
    for (long i = 0; i < n; ++i) out[i] = binaryArith<float>(OP, a[i], b[i]);
  } else if (sa) {
    const float bv = b[0];
    for (long i = 0; i < n; ++i) out[i] = binaryArith<float>(OP, a[i], bv);
  } else if (sb) {
    const float av = a[0];
    for (long i = 0; i < n; ++i) out[i] = binaryArith<float>(OP, av, b[i]);
  } else {
    const float v = binaryArith<float>(OP, a[0], b[0]);
    for (long i = 0; i < n; ++i) out[i] = v;
  }
}

template <int ACT>
void biasActLoop(float* __restrict c, const float* __restrict bias, long rows, long cols, float alpha) {
  for (long r = 0; r < rows; ++r) {
    float* row = c + r * cols;
    if (bias)
      for (long j = 0; j < cols; ++j) row[j] = unaryF(ACT, row[j] + bias[j], alpha, 0.f);
    else
      for (long j = 0; j < cols; ++j) row[j] = unaryF(ACT, row[j], alpha, 0.f);
  }
}

#define LK_UNARY_CASES(X)                                                                                       \
  X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15) X(16) X(17) X(18) X(19) \
  X(20) X(21) X(22) X(23) X(24) X(25) X(26) X(27)
#define LK_BINARY_CASES(X) \
  X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(19)

}  // namespace

namespace lk {
namespace LK_ISA_NS {

void gemmPanel(const float* ap, const float* bp, float* c, long ldc, long kc, long m, long n, int accumulate);
extern const int kGemmMr, kGemmNr;

static void unaryF32(int op, const float* x, float* out, long n, float alpha, float beta) {
  static_assert(LK_U_COUNT == 28, "LK_UNARY_CASES lists every LkUnary");
  switch (op) {
#define X(k) \
  case k: unaryLoop<k>(x, out, n, alpha, beta); break;
    LK_UNARY_CASES(X)
#undef X
    default: for (long i = 0; i < n; ++i) out[i] = x[i];
  }
}

// Comparisons (11..18) write int32 and go through the scalar path in cpu_kernels.cc.
static void binaryF32(int op, const float* a, long sa, const float* b, long sb, float* out, long n) {
  switch (op) {
#define X(k) \
  case k: binaryLoop<k>(a, sa, b, sb, out, n); break;
    LK_BINARY_CASES(X)
#undef X
    default: break;
  }
}

static void biasAct(float* c, const float* bias, long rows, long cols, int act, float alpha) {
  switch (act) {
#define X(k) \
  case k: biasActLoop<k>(c, bias, rows, cols, alpha); break;
    LK_UNARY_CASES(X)
#undef X
    default: break;
  }
}

// Row after row, each column's sum in row order: the result does not depend on how columns are split.
static void sumColumns(const float* __restrict x, float* __restrict out, long rows, long stride, long n) {
  for (long j = 0; j < n; ++j) out[j] = 0.f;
  for (long r = 0; r < rows; ++r) {
    const float* row = x + r * stride;
    for (long j = 0; j < n; ++j) out[j] += row[j];
  }
}

static void adam(const float* __restrict param, const float* __restrict grad, float* __restrict m, float* __restrict v,
                 float* __restrict out, long n, float b1, float b2, float oneMinusB1, float oneMinusB2, float eps,
                 float bc2Sqrt, float negStepSize, float decay, float l2) {
  for (long i = 0; i < n; ++i)
    out[i] = lk_adam_elem(param[i], grad[i], m[i], v[i], b1, b2, oneMinusB1, oneMinusB2, eps, bc2Sqrt, negStepSize, decay, l2);
}

static void sgd(const float* __restrict param, const float* __restrict grad, float* __restrict buf, float* __restrict out,
                long n, float wd, float mom, float oneMinusDampening, float negLr, int nesterov, int initializeBuffer) {
  if (buf) {
    for (long i = 0; i < n; ++i)
      out[i] = lk_sgd_elem(param[i], grad[i], buf + i, wd, mom, oneMinusDampening, negLr, nesterov, initializeBuffer);
  } else {
    for (long i = 0; i < n; ++i)
      out[i] = lk_sgd_elem(param[i], grad[i], nullptr, wd, mom, oneMinusDampening, negLr, nesterov, initializeBuffer);
  }
}

#define LK_STR2(x) #x
#define LK_STR(x) LK_STR2(x)

extern const IsaLoops loops = {
    LK_STR(LK_ISA_NS), unaryF32, binaryF32, biasAct, sumColumns, adam, sgd, gemmPanel, kGemmMr, kGemmNr,
};

}  // namespace LK_ISA_NS
}  // namespace lk
