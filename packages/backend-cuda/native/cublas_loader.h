// cuBLAS, loaded at run time with dlopen where a machine has it. The development and CI machines have no
// cuBLAS (no headers, no library), so the four entry points used are declared here from cuBLAS's documented
// C ABI rather than included, and the addon never links against it.
#pragma once
#include <string>

namespace lk {

// Loads libcublas once and creates a handle bound to `stream`. On failure returns false and says why.
bool cublasLoad(void* stream, std::string& why);

// Row-major batched C = op(A) * op(B) in full fp32 (cuBLAS's default math mode: no TF32, as PyTorch's
// default for matmul). Returns 0 on success, else cuBLAS's status code.
int cublasGemm(const float* a, const float* b, float* c, int batch, int M, int N, int K, bool transA, bool transB,
               long long strideA, long long strideB);

}  // namespace lk
