// The launch interface between the Node-API glue (addon.cc, built by the host C++ compiler) and a backend's
// kernels: @lrkit/backend-cuda's (kernels.cu, built by nvcc) or @lrkit/backend-native's (CPU loops, g++).
// Plain C types only, so neither side needs the other's headers.
//
// Every tensor is 4 bytes per element: float32 as float, int32 and bool as int32 (bool is 0/1). On the GPU
// every launch goes on the one stream created by lk_init(). Each function returns a status as int (0 =
// success; a cudaError_t on the GPU) that the glue turns into a JavaScript exception with the backend's
// text for it (addon.h).
#pragma once
#include <cstddef>
#include <cstdint>

#define LK_MAX_RANK 8

enum LkDtype { LK_F32 = 0, LK_I32 = 1 };

// Elementwise functions of one input. The numbering is shared with src/native/codes.ts.
enum LkUnary {
  LK_U_IDENTITY = 0, LK_U_NEG, LK_U_ABS, LK_U_EXP, LK_U_LOG, LK_U_LOG1P, LK_U_SQRT, LK_U_RSQRT, LK_U_SQUARE,
  LK_U_RELU, LK_U_RELU6, LK_U_SIGMOID, LK_U_STEP, LK_U_TANH, LK_U_ELU, LK_U_LEAKY_RELU, LK_U_SOFTPLUS,
  LK_U_RECIPROCAL, LK_U_FLOOR, LK_U_CEIL, LK_U_ROUND, LK_U_SIGN, LK_U_SIN, LK_U_COS, LK_U_CLIP,
  LK_U_LOGICAL_NOT, LK_U_EXPM1, LK_U_SELU, LK_U_COUNT
};

// Elementwise functions of two broadcast inputs. Comparisons and logical ops write int32 0/1.
enum LkBinary {
  LK_B_ADD = 0, LK_B_SUB, LK_B_MUL, LK_B_DIV, LK_B_MAX, LK_B_MIN, LK_B_POW, LK_B_SQUARED_DIFF, LK_B_FLOOR_DIV,
  LK_B_MOD, LK_B_PRELU, LK_B_GREATER, LK_B_GREATER_EQ, LK_B_LESS, LK_B_LESS_EQ, LK_B_EQUAL, LK_B_NOT_EQUAL,
  LK_B_LOGICAL_AND, LK_B_LOGICAL_OR, LK_B_DIV_NO_NAN, LK_B_COUNT
};

enum LkReduce { LK_R_SUM = 0, LK_R_MEAN, LK_R_MAX, LK_R_MIN, LK_R_PROD, LK_R_ANY, LK_R_ALL, LK_R_ARGMAX, LK_R_ARGMIN, LK_R_COUNT };

// Output shape and per-input element strides (0 along broadcast axes), rank <= LK_MAX_RANK.
struct LkBroadcast {
  int rank;
  int dims[LK_MAX_RANK];
  int strideA[LK_MAX_RANK];
  int strideB[LK_MAX_RANK];
};

// A strided copy: for every index of `dims`, out[outOffset + idx.outStrides] = in[inOffset + idx.inStrides].
// Transpose, Slice, StridedSlice, BroadcastTo, Tile, Concat, Pad and Reverse are all this one copy.
struct LkCopy {
  int rank;
  int dims[LK_MAX_RANK];
  int inStrides[LK_MAX_RANK];
  int outStrides[LK_MAX_RANK];
  int inOffset;
  int outOffset;
};

// Batched C[b] = act(op(A[b]) * op(B[b]) + bias), row-major. strideA/strideB are 0 for a broadcast batch.
struct LkGemm {
  int batch, M, N, K;
  int transA, transB;
  long long strideA, strideB;
  int activation;  // an LkUnary, LK_U_IDENTITY for none
  float alpha;     // leaky relu slope
};

extern "C" {
int lk_init(void);
void* lk_stream(void);
int lk_alloc(void** ptr, size_t bytes);
int lk_free(void* ptr);
int lk_upload(void* dst, const void* src, size_t bytes);
int lk_download(void* dst, const void* src, size_t bytes);
int lk_synchronize(void);

int lk_fill(int dtype, void* out, int n, double value);
int lk_unary(int op, int dtype, const void* x, void* out, int n, float alpha, float beta);
int lk_binary(int op, int dtypeIn, const void* a, const void* b, void* out, int n, const LkBroadcast* bc);
int lk_cast(int from, int to, int toBool, const void* x, void* out, int n);
int lk_copy(const void* in, void* out, int n, const LkCopy* c);
int lk_reduce(int op, int dtype, const void* x, void* out, int outer, int reduce, int inner);
int lk_gather(const void* x, const int* indices, void* out, int outer, int axisDim, int inner, int nIdx);
int lk_select(const int* cond, const void* a, const void* b, void* out, int n);
int lk_one_hot(const int* indices, float* out, int n, int depth, float on, float off);
int lk_softmax(const float* x, float* out, int rows, int cols, int logSoftmax);
// The tiled SGEMM of this package; bias (length N) may be null.
int lk_gemm(const float* a, const float* b, const float* bias, float* c, const LkGemm* g);
// The bias + activation epilogue on its own (used after cuBLAS, which has no such epilogue).
int lk_bias_act(float* c, const float* bias, int rows, int cols, int activation, float alpha);

// lrkit's fused training kernels (packages/core/src/kernels/README.md). Scalars come precomputed and rounded
// to float32 by the caller exactly as the TypeScript reference computes them; every float op is rounded on
// its own (no FMA contraction) so a step agrees with the cpu and wasm backends bit for bit or nearly.
int lk_adam(const float* param, const float* grad, float* m, float* v, float* out, int n, float b1, float b2,
            float oneMinusB1, float oneMinusB2, float eps, float bc2Sqrt, float negStepSize, float decay, float l2);
// buf may be null when momentum is 0.
int lk_sgd(const float* param, const float* grad, float* buf, float* out, int n, float wd, float mom,
           float oneMinusDampening, float negLr, int nesterov, int initializeBuffer);
// Per-element losses into `losses` (n floats, a scratch buffer) and the gradient; the caller takes the mean.
int lk_sigmoid_bce(const float* z, const float* y, float* losses, float* grad, int n);
// Per-row losses into `losses` (rows floats) and the gradient. Rows whose label is outside [0, classes)
// get a NaN loss and the lowest such row is stored in *badRow (which the caller sets to INT_MAX first).
int lk_softmax_xent(const float* z, const int* labels, float* losses, float* grad, int rows, int classes, int* badRow);
}
