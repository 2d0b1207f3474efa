// The system's BLAS, opened at run time with dlopen (as backend-cuda opens cuBLAS): the addon links against
// no BLAS, so it builds and loads on a machine without one and uses its own GEMM there.
#pragma once
#include <string>

namespace lk {

struct Blas {
  std::string name;  // the library file that was opened, e.g. libopenblas.so.0
  std::string core;  // OpenBLAS's kernel family (openblas_get_corename), e.g. SkylakeX; empty for others
  // Row-major C = op(A) op(B), as cblas_sgemm with alpha 1 and beta 0.
  void sgemm(bool transA, bool transB, int M, int N, int K, const float* a, int lda, const float* b, int ldb, float* c,
             int ldc) const;
  void setThreads(int n) const;
  void* sgemmFn = nullptr;
  void* threadsFn = nullptr;
  int threadsKind = 0;  // which library's thread setter threadsFn is
};

// The OpenBLAS kernel family this CPU's instruction sets call for (SkylakeX, Haswell), or null: what
// loadBlas puts in OPENBLAS_CORETYPE, unless it is set, before opening the library (see blas.cc).
const char* recommendedOpenBlasCore();

// `mode`: "auto" tries the known library names in turn; "none" opens nothing; anything else is one library
// name or path, which must load. Returns null with `why` set where no BLAS is used (for "auto", why lists
// what was tried; for a named library, why it failed).
const Blas* loadBlas(const std::string& mode, std::string& why);

}  // namespace lk
