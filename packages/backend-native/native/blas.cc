#include "blas.h"

#include <dlfcn.h>

#include <cstdlib>

namespace lk {
namespace {

// CBLAS's documented C ABI (enums are ints): declared here, not included, since no BLAS headers are needed.
enum { CblasRowMajor = 101, CblasNoTrans = 111, CblasTrans = 112 };
typedef void (*SgemmFn)(int order, int transA, int transB, int M, int N, int K, float alpha, const float* A, int lda,
                        const float* B, int ldb, float beta, float* C, int ldc);
typedef void (*SetThreadsFn)(int);

// OpenBLAS, BLIS and MKL, each under the names Debian, Fedora and the vendors install them.
const char* kLibraries[] = {
    "libopenblas.so.0", "libopenblas.so", "libopenblasp.so.0", "libblis.so.4", "libblis.so.3", "libblis.so",
    "libmkl_rt.so.2",   "libmkl_rt.so",
};

bool tryOpen(const char* name, Blas& out, std::string& why) {
  void* lib = dlopen(name, RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    const char* e = dlerror();
    why = e ? e : "not found";
    return false;
  }
  void* sgemm = dlsym(lib, "cblas_sgemm");
  if (!sgemm) {
    why = std::string(name) + " has no cblas_sgemm";
    dlclose(lib);
    return false;
  }
  out.name = name;
  out.sgemmFn = sgemm;
  typedef const char* (*CoreNameFn)();
  if (auto core = (CoreNameFn)dlsym(lib, "openblas_get_corename")) out.core = core();
  const char* setters[] = {"openblas_set_num_threads", "bli_thread_set_num_threads", "MKL_Set_Num_Threads"};
  for (int k = 0; k < 3; ++k) {
    if (void* f = dlsym(lib, setters[k])) {
      out.threadsFn = f;
      out.threadsKind = k;
      break;
    }
  }
  return true;
}

Blas g_blas;
bool g_loaded = false;

// OpenBLAS builds with DYNAMIC_ARCH (Debian's) choose their kernels from the CPU's family and model. A CPU
// they do not know (virtual machines often report a generic "Intel Xeon Processor") gets Prescott's SSE3
// kernels, at a quarter of the speed or less: measured here, 31 GFLOP/s against PyTorch's 58 on an AVX-512
// core. Unless the user chose (OPENBLAS_CORETYPE is set), name the kernel family from the instruction sets
// the CPU itself reports, before the library is opened (it reads the variable when it loads). BLIS and MKL
// ignore it.
void chooseOpenBlasCore() {
  if (std::getenv("OPENBLAS_CORETYPE")) return;
  if (const char* core = recommendedOpenBlasCore()) setenv("OPENBLAS_CORETYPE", core, 0);
}

}  // namespace

const char* recommendedOpenBlasCore() {
#if defined(__x86_64__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
      __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512cd"))
    return "SkylakeX";
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return "Haswell";
#endif
  return nullptr;
}

void Blas::sgemm(bool transA, bool transB, int M, int N, int K, const float* a, int lda, const float* b, int ldb,
                 float* c, int ldc) const {
  ((SgemmFn)sgemmFn)(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, M, N, K, 1.f,
                     a, lda, b, ldb, 0.f, c, ldc);
}

void Blas::setThreads(int n) const {
  if (!threadsFn) return;
  if (threadsKind == 1)
    ((void (*)(long))threadsFn)(n);  // BLIS takes a dim_t (64-bit)
  else
    ((SetThreadsFn)threadsFn)(n);
}

const Blas* loadBlas(const std::string& mode, std::string& why) {
  if (mode == "none") {
    why = "LRKIT_NATIVE_BLAS=none";
    return nullptr;
  }
  // A library once opened stays open: "auto" or its own name gets it again; another name opens that one.
  if (g_loaded && (mode == "auto" || mode == g_blas.name)) return &g_blas;
  chooseOpenBlasCore();
  if (mode != "auto") {
    Blas other;
    std::string err;
    if (!tryOpen(mode.c_str(), other, err)) {
      why = err;
      return nullptr;
    }
    g_blas = other;
    g_loaded = true;
    return &g_blas;
  }
  std::string tried;
  for (const char* name : kLibraries) {
    std::string err;
    if (tryOpen(name, g_blas, err)) {
      g_loaded = true;
      return &g_blas;
    }
    tried += tried.empty() ? name : std::string(", ") + name;
  }
  why = "no BLAS found (tried " + tried + ")";
  return nullptr;
}

}  // namespace lk
