// The loops whose speed depends on the vector unit, compiled once per instruction set (loops.cc and gemm.cc
// are each built three times by scripts/build-addon.mjs: AVX-512, AVX2+FMA, and the portable baseline) and
// chosen once at run time from what the CPU reports, so one build runs on any x86-64 machine and uses the
// widest vectors it has. Each function works on a contiguous range; the caller splits ranges over threads.
#pragma once
#include <cstddef>

namespace lk {

struct IsaLoops {
  const char* name;
  // out[i] = unaryF(op, x[i], alpha, beta)
  void (*unaryF32)(int op, const float* x, float* out, long n, float alpha, float beta);
  // out[i] = binaryArith(op, a[i * sa], b[i * sb]) with sa, sb in {0, 1}
  void (*binaryF32)(int op, const float* a, long sa, const float* b, long sb, float* out, long n);
  // c[r][j] = unaryF(act, c[r][j] + bias[j]) for rows of `cols`; bias may be null
  void (*biasAct)(float* c, const float* bias, long rows, long cols, int act, float alpha);
  // out[j] = sum over r of x[r * stride + j], r in order, for j < n (a column sum: the bias gradient)
  void (*sumColumns)(const float* x, float* out, long rows, long stride, long n);
  void (*adam)(const float* param, const float* grad, float* m, float* v, float* out, long n, float b1, float b2,
               float oneMinusB1, float oneMinusB2, float eps, float bc2Sqrt, float negStepSize, float decay, float l2);
  void (*sgd)(const float* param, const float* grad, float* buf, float* out, long n, float wd, float mom,
              float oneMinusDampening, float negLr, int nesterov, int initializeBuffer);
  // The blocked GEMM's inner kernel: C[mr x nr] (+)= packed A panel x packed B panel over kc, see gemm.cc.
  void (*gemmPanel)(const float* ap, const float* bp, float* c, long ldc, long kc, long m, long n, int accumulate);
  int mr, nr;  // the register tile of gemmPanel: A is packed mr rows wide, B nr columns wide
};

namespace base { extern const IsaLoops loops; }
#if defined(__x86_64__)
namespace avx2 { extern const IsaLoops loops; }
namespace avx512 { extern const IsaLoops loops; }
#endif

// The widest set this CPU supports (or the one LRKIT_NATIVE_ISA names), chosen on first call.
const IsaLoops& isa();

}  // namespace lk
