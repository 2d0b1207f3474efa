#include "cublas_loader.h"

#include <dlfcn.h>

namespace lk {
namespace {

// cuBLAS's C ABI, as documented: handles are opaque pointers, enums are ints.
typedef void* cublasHandle_t;
typedef int (*CreateFn)(cublasHandle_t*);
typedef int (*SetStreamFn)(cublasHandle_t, void*);
typedef int (*SgemmStridedBatchedFn)(cublasHandle_t, int transa, int transb, int m, int n, int k, const float* alpha,
                                     const float* A, int lda, long long strideA, const float* B, int ldb,
                                     long long strideB, const float* beta, float* C, int ldc, long long strideC,
                                     int batchCount);
const int CUBLAS_OP_N = 0;
const int CUBLAS_OP_T = 1;

cublasHandle_t g_handle = nullptr;
SgemmStridedBatchedFn g_sgemm = nullptr;

}  // namespace

bool cublasLoad(void* stream, std::string& why) {
  if (g_handle) return true;
  const char* names[] = {"libcublas.so.13", "libcublas.so.12", "libcublas.so"};
  void* lib = nullptr;
  for (const char* name : names) {
    lib = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (lib) break;
  }
  if (!lib) {
    why = "libcublas not found (tried libcublas.so.13, libcublas.so.12, libcublas.so)";
    return false;
  }
  auto create = (CreateFn)dlsym(lib, "cublasCreate_v2");
  auto setStream = (SetStreamFn)dlsym(lib, "cublasSetStream_v2");
  g_sgemm = (SgemmStridedBatchedFn)dlsym(lib, "cublasSgemmStridedBatched");
  if (!create || !setStream || !g_sgemm) {
    why = "libcublas lacks cublasCreate_v2/cublasSetStream_v2/cublasSgemmStridedBatched";
    return false;
  }
  cublasHandle_t h = nullptr;
  int st = create(&h);
  if (st != 0) {
    why = "cublasCreate failed with status " + std::to_string(st);
    return false;
  }
  st = setStream(h, stream);
  if (st != 0) {
    why = "cublasSetStream failed with status " + std::to_string(st);
    return false;
  }
  g_handle = h;
  return true;
}

int cublasGemm(const float* a, const float* b, float* c, int batch, int M, int N, int K, bool transA, bool transB,
               long long strideA, long long strideB) {
  // cuBLAS is column-major. A row-major matrix is its column-major transpose, so row-major C = op(A) op(B)
  // is column-major C^T = op(B)^T op(A)^T: swap the operands and keep each one's transpose flag.
  const float one = 1.f, zero = 0.f;
  int lda = transA ? M : K;  // leading dimension of A as stored (row length)
  int ldb = transB ? K : N;
  return g_sgemm(g_handle, transB ? CUBLAS_OP_T : CUBLAS_OP_N, transA ? CUBLAS_OP_T : CUBLAS_OP_N, N, M, K, &one, b,
                 ldb, strideB, a, lda, strideA, &zero, c, N, (long long)M * N, batch);
}

}  // namespace lk
