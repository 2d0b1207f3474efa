// The CUDA kernels behind the `cuda` tfjs backend. One stream, stream-ordered allocation (cudaMallocAsync
// from the device's default pool with the release threshold raised, so freed blocks are cached for reuse
// rather than handed back to the driver: a training step allocates and frees the same sizes every step).
#include <math.h>
#include <stdint.h>

#include "cuda_compat.h"

#include "kernels.h"
#include "ops.h"

static cudaStream_t g_stream = nullptr;

static inline int blocksFor(int n, int threads) {
  int b = (n + threads - 1) / threads;
  // A grid-stride loop covers the rest; 65535 blocks of 256 keep every SM busy on any current GPU.
  return b < 1 ? 1 : (b > 65535 ? 65535 : b);
}

static inline int lastError() { return (int)cudaGetLastError(); }

extern "C" int lk_init(void) {
  if (g_stream) return 0;
  int dev = 0;
  cudaError_t e = cudaSetDevice(dev);
  if (e != cudaSuccess) return (int)e;
  e = cudaStreamCreateWithFlags(&g_stream, cudaStreamNonBlocking);
  if (e != cudaSuccess) return (int)e;
  cudaMemPool_t pool;
  e = cudaDeviceGetDefaultMemPool(&pool, dev);
  if (e != cudaSuccess) return (int)e;
  uint64_t keep = UINT64_MAX;
  return (int)cudaMemPoolSetAttribute(pool, cudaMemPoolAttrReleaseThreshold, &keep);
}

extern "C" void* lk_stream(void) { return (void*)g_stream; }

extern "C" int lk_alloc(void** ptr, size_t bytes) { return (int)cudaMallocAsync(ptr, bytes, g_stream); }
extern "C" int lk_free(void* ptr) { return (int)cudaFreeAsync(ptr, g_stream); }

extern "C" int lk_upload(void* dst, const void* src, size_t bytes) {
  // From pageable memory the copy is staged before this returns, so the JavaScript buffer may go away.
  return (int)cudaMemcpyAsync(dst, src, bytes, cudaMemcpyHostToDevice, g_stream);
}

extern "C" int lk_download(void* dst, const void* src, size_t bytes) {
  cudaError_t e = cudaMemcpyAsync(dst, src, bytes, cudaMemcpyDeviceToHost, g_stream);
  if (e != cudaSuccess) return (int)e;
  return (int)cudaStreamSynchronize(g_stream);
}

extern "C" int lk_synchronize(void) { return (int)cudaStreamSynchronize(g_stream); }

// ---------------------------------------------------------------------------------------------- fill

template <typename T>
__global__ void fillKernel(T* out, int n, T v) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) out[i] = v;
}

extern "C" int lk_fill(int dtype, void* out, int n, double value) {
  if (n <= 0) return 0;
  if (dtype == LK_F32)
    LK_LAUNCH(fillKernel<float>, blocksFor(n, 256), 256, (float*)out, n, (float)value);
  else
    LK_LAUNCH(fillKernel<int>, blocksFor(n, 256), 256, (int*)out, n, (int)value);
  return lastError();
}

// ---------------------------------------------------------------------------------------------- unary

__global__ void unaryKernelF(int op, const float* x, float* out, int n, float alpha, float beta) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x)
    out[i] = unaryF(op, x[i], alpha, beta);
}

__global__ void unaryKernelI(int op, const int* x, int* out, int n, float alpha, float beta) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x)
    out[i] = unaryI(op, x[i], alpha, beta);
}

extern "C" int lk_unary(int op, int dtype, const void* x, void* out, int n, float alpha, float beta) {
  if (n <= 0) return 0;
  if (dtype == LK_F32)
    LK_LAUNCH(unaryKernelF, blocksFor(n, 256), 256, op, (const float*)x, (float*)out, n, alpha, beta);
  else
    LK_LAUNCH(unaryKernelI, blocksFor(n, 256), 256, op, (const int*)x, (int*)out, n, alpha, beta);
  return lastError();
}

// ---------------------------------------------------------------------------------------------- binary

__device__ __forceinline__ void broadcastOffsets(const LkBroadcast& bc, int i, int& ia, int& ib) {
  ia = 0;
  ib = 0;
  for (int d = bc.rank - 1; d >= 0; --d) {
    int size = bc.dims[d];
    int coord = i % size;
    i /= size;
    ia += coord * bc.strideA[d];
    ib += coord * bc.strideB[d];
  }
}

// `same` is true when neither input broadcasts: the offsets are then the flat index itself.
template <typename T, typename TOut, bool compare>
__global__ void binaryKernel(int op, const T* a, const T* b, TOut* out, int n, LkBroadcast bc, bool same) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
    int ia = i, ib = i;
    if (!same) broadcastOffsets(bc, i, ia, ib);
    if (compare)
      out[i] = (TOut)binaryCompare<T>(op, a[ia], b[ib]);
    else
      out[i] = (TOut)binaryArith<T>(op, a[ia], b[ib]);
  }
}

static bool isSameShape(const LkBroadcast* bc) {
  // Equal contiguous strides for both inputs mean no broadcasting at all.
  int expect = 1;
  for (int d = bc->rank - 1; d >= 0; --d) {
    if (bc->dims[d] != 1 && (bc->strideA[d] != expect || bc->strideB[d] != expect)) return false;
    expect *= bc->dims[d];
  }
  return true;
}

extern "C" int lk_binary(int op, int dtypeIn, const void* a, const void* b, void* out, int n, const LkBroadcast* bc) {
  if (n <= 0) return 0;
  bool same = isSameShape(bc);
  bool compare = op >= LK_B_GREATER && op <= LK_B_LOGICAL_OR;
  int blocks = blocksFor(n, 256);
  if (dtypeIn == LK_F32) {
    auto cmp = binaryKernel<float, int, true>;
    auto arith = binaryKernel<float, float, false>;
    if (compare)
      LK_LAUNCH(cmp, blocks, 256, op, (const float*)a, (const float*)b, (int*)out, n, *bc, same);
    else
      LK_LAUNCH(arith, blocks, 256, op, (const float*)a, (const float*)b, (float*)out, n, *bc, same);
  } else {
    auto cmp = binaryKernel<int, int, true>;
    auto arith = binaryKernel<int, int, false>;
    if (compare)
      LK_LAUNCH(cmp, blocks, 256, op, (const int*)a, (const int*)b, (int*)out, n, *bc, same);
    else
      LK_LAUNCH(arith, blocks, 256, op, (const int*)a, (const int*)b, (int*)out, n, *bc, same);
  }
  return lastError();
}

// ---------------------------------------------------------------------------------------------- cast

__global__ void castF2I(const float* x, int* out, int n, int toBool) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x)
    out[i] = toBool ? (x[i] != 0.f) : (int)x[i];  // truncation toward zero, as tfjs
}
__global__ void castI2F(const int* x, float* out, int n) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) out[i] = (float)x[i];
}
__global__ void castI2I(const int* x, int* out, int n, int toBool) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x)
    out[i] = toBool ? (x[i] != 0) : x[i];
}

extern "C" int lk_cast(int from, int to, int toBool, const void* x, void* out, int n) {
  if (n <= 0) return 0;
  int blocks = blocksFor(n, 256);
  if (from == LK_F32 && to == LK_I32)
    LK_LAUNCH(castF2I, blocks, 256, (const float*)x, (int*)out, n, toBool);
  else if (from == LK_I32 && to == LK_F32)
    LK_LAUNCH(castI2F, blocks, 256, (const int*)x, (float*)out, n);
  else if (from == LK_I32 && to == LK_I32)
    LK_LAUNCH(castI2I, blocks, 256, (const int*)x, (int*)out, n, toBool);
  else
    return (int)cudaMemcpyAsync(out, x, (size_t)n * 4, cudaMemcpyDeviceToDevice, g_stream);
  return lastError();
}

// ---------------------------------------------------------------------------------------------- copy

__global__ void copyKernel(const int* in, int* out, int n, LkCopy c) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
    int rest = i, src = c.inOffset, dst = c.outOffset;
    for (int d = c.rank - 1; d >= 0; --d) {
      int coord = rest % c.dims[d];
      rest /= c.dims[d];
      src += coord * c.inStrides[d];
      dst += coord * c.outStrides[d];
    }
    out[dst] = in[src];
  }
}

extern "C" int lk_copy(const void* in, void* out, int n, const LkCopy* c) {
  if (n <= 0) return 0;
  LK_LAUNCH(copyKernel, blocksFor(n, 256), 256, (const int*)in, (int*)out, n, *c);
  return lastError();
}

// ---------------------------------------------------------------------------------------------- reduce

// inner == 1: one block of 256 threads per output row, reducing a contiguous run of `reduce` elements.
template <typename T>
__global__ void reduceRowsKernel(int op, const T* x, void* out, int outer, int reduce) {
  __shared__ T sv[256];
  __shared__ int si[256];
  for (int row = blockIdx.x; row < outer; row += gridDim.x) {
    const T* p = x + (size_t)row * reduce;
    Acc<T> acc = {reduceInit<T>(op), -1};
    for (int r = threadIdx.x; r < reduce; r += blockDim.x) acc = combine<T>(op, acc, Acc<T>{p[r], r});
    sv[threadIdx.x] = acc.v;
    si[threadIdx.x] = acc.idx;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) {
      if (threadIdx.x < s) {
        Acc<T> m = combine<T>(op, Acc<T>{sv[threadIdx.x], si[threadIdx.x]},
                              Acc<T>{sv[threadIdx.x + s], si[threadIdx.x + s]});
        sv[threadIdx.x] = m.v;
        si[threadIdx.x] = m.idx;
      }
      __syncthreads();
    }
    if (threadIdx.x == 0) writeResult<T>(op, Acc<T>{sv[0], si[0]}, out, row, reduce);
    __syncthreads();
  }
}

// inner > 1: one thread per (outer, inner) output; neighbouring threads read neighbouring addresses.
template <typename T>
__global__ void reduceColsKernel(int op, const T* x, void* out, int outer, int reduce, int inner) {
  int total = outer * inner;
  for (int o = blockIdx.x * blockDim.x + threadIdx.x; o < total; o += gridDim.x * blockDim.x) {
    int oi = o / inner, ii = o % inner;
    const T* p = x + (size_t)oi * reduce * inner + ii;
    Acc<T> acc = {reduceInit<T>(op), -1};
    for (int r = 0; r < reduce; ++r) acc = combine<T>(op, acc, Acc<T>{p[(size_t)r * inner], r});
    writeResult<T>(op, acc, out, o, reduce);
  }
}

extern "C" int lk_reduce(int op, int dtype, const void* x, void* out, int outer, int reduce, int inner) {
  if (outer <= 0 || inner <= 0) return 0;
  if (inner == 1) {
    int blocks = outer < 65535 ? outer : 65535;
    if (dtype == LK_F32)
      LK_LAUNCH_SYNC(reduceRowsKernel<float>, blocks, 256, op, (const float*)x, out, outer, reduce);
    else
      LK_LAUNCH_SYNC(reduceRowsKernel<int>, blocks, 256, op, (const int*)x, out, outer, reduce);
  } else {
    int blocks = blocksFor(outer * inner, 256);
    if (dtype == LK_F32)
      LK_LAUNCH(reduceColsKernel<float>, blocks, 256, op, (const float*)x, out, outer, reduce, inner);
    else
      LK_LAUNCH(reduceColsKernel<int>, blocks, 256, op, (const int*)x, out, outer, reduce, inner);
  }
  return lastError();
}

// ---------------------------------------------------------------------------------------------- gather, select, one-hot

__global__ void gatherKernel(const int* x, const int* idx, int* out, int outer, int axisDim, int inner, int nIdx) {
  int total = outer * nIdx * inner;
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < total; i += gridDim.x * blockDim.x) {
    int ii = i % inner;
    int j = (i / inner) % nIdx;
    int o = i / (inner * nIdx);
    int k = idx[j];
    // tfjs validates indices on the host; an index out of range here reads as zero rather than past the end.
    out[i] = (k >= 0 && k < axisDim) ? x[((size_t)o * axisDim + k) * inner + ii] : 0;
  }
}

extern "C" int lk_gather(const void* x, const int* indices, void* out, int outer, int axisDim, int inner, int nIdx) {
  int total = outer * nIdx * inner;
  if (total <= 0) return 0;
  LK_LAUNCH(gatherKernel, blocksFor(total, 256), 256, (const int*)x, indices, (int*)out, outer, axisDim, inner, nIdx);
  return lastError();
}

__global__ void selectKernel(const int* cond, const int* a, const int* b, int* out, int n) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) out[i] = cond[i] ? a[i] : b[i];
}

extern "C" int lk_select(const int* cond, const void* a, const void* b, void* out, int n) {
  if (n <= 0) return 0;
  LK_LAUNCH(selectKernel, blocksFor(n, 256), 256, cond, (const int*)a, (const int*)b, (int*)out, n);
  return lastError();
}

__global__ void oneHotKernel(const int* idx, float* out, int n, int depth, float on, float off) {
  int total = n * depth;
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < total; i += gridDim.x * blockDim.x)
    out[i] = (idx[i / depth] == i % depth) ? on : off;
}

extern "C" int lk_one_hot(const int* indices, float* out, int n, int depth, float on, float off) {
  if (n * depth <= 0) return 0;
  LK_LAUNCH(oneHotKernel, blocksFor(n * depth, 256), 256, indices, out, n, depth, on, off);
  return lastError();
}

// ---------------------------------------------------------------------------------------------- softmax

// One block per row: max, then the sum of exp(x - max), then the normalised row.
__global__ void softmaxKernel(const float* x, float* out, int rows, int cols, int logSoftmax) {
  __shared__ float red[256];
  for (int row = blockIdx.x; row < rows; row += gridDim.x) {
    const float* p = x + (size_t)row * cols;
    float* q = out + (size_t)row * cols;
    float m = -INFINITY;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) m = fmaxf(m, p[c]);
    red[threadIdx.x] = m;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) {
      if (threadIdx.x < s) red[threadIdx.x] = fmaxf(red[threadIdx.x], red[threadIdx.x + s]);
      __syncthreads();
    }
    m = red[0];
    __syncthreads();
    float sum = 0.f;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) sum += expf(p[c] - m);
    red[threadIdx.x] = sum;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) {
      if (threadIdx.x < s) red[threadIdx.x] += red[threadIdx.x + s];
      __syncthreads();
    }
    sum = red[0];
    __syncthreads();
    float logSum = logf(sum);
    for (int c = threadIdx.x; c < cols; c += blockDim.x)
      q[c] = logSoftmax ? (p[c] - m - logSum) : expf(p[c] - m) / sum;
  }
}

extern "C" int lk_softmax(const float* x, float* out, int rows, int cols, int logSoftmax) {
  if (rows <= 0 || cols <= 0) return 0;
  LK_LAUNCH_SYNC(softmaxKernel, rows < 65535 ? rows : 65535, 256, x, out, rows, cols, logSoftmax);
  return lastError();
}

// ---------------------------------------------------------------------------------------------- GEMM

// Tiled SGEMM: a 64x64 tile of C per block of 256 threads, K in steps of 16 through shared memory, each
// thread accumulating a 4x4 register block of adjacent rows and columns. Each k step a thread reads its 4 A
// values and 4 B values from shared memory as one float4 each (two 128-bit loads per 16 FMAs): the A read
// is a broadcast (a warp touches two addresses), the B read is 16 consecutive float4s (conflict-free by
// quarter-warp). Tiles are loaded along whichever axis is contiguous in memory, so transposed operands are
// read coalesced too. The bias and activation are applied as C is written.
#define GT_M 64
#define GT_N 64
#define GT_K 16

__global__ void __launch_bounds__(256) gemmKernel(const float* __restrict__ A, const float* __restrict__ B,
                                                  const float* __restrict__ bias, float* __restrict__ C, LkGemm g) {
  // As[k][m]; the padding (rows of 68 floats, still a multiple of 16 bytes) spreads the transposed stores
  // over banks.
  __shared__ __align__(16) float As[GT_K][GT_M + 4];
  __shared__ __align__(16) float Bs[GT_K][GT_N];  // Bs[k][n]

  const int M = g.M, N = g.N, K = g.K;
  const int b = blockIdx.z;
  const float* a = A + (size_t)b * g.strideA;
  const float* bb = B + (size_t)b * g.strideB;
  float* c = C + (size_t)b * M * N;

  const int m0 = blockIdx.y * GT_M, n0 = blockIdx.x * GT_N;
  const int tid = threadIdx.x;
  const int tx = tid % 16, ty = tid / 16;

  float acc[4][4];
#pragma unroll
  for (int i = 0; i < 4; ++i)
#pragma unroll
    for (int j = 0; j < 4; ++j) acc[i][j] = 0.f;

  for (int k0 = 0; k0 < K; k0 += GT_K) {
    // A tile: 64 x 16 = 1024 elements, 4 per thread.
#pragma unroll
    for (int l = 0; l < 4; ++l) {
      int e = tid + 256 * l;
      int mm, kk;
      if (!g.transA) { mm = e / GT_K; kk = e % GT_K; }  // A is M x K: k contiguous
      else { kk = e / GT_M; mm = e % GT_M; }            // A is K x M: m contiguous
      int gm = m0 + mm, gk = k0 + kk;
      float v = 0.f;
      if (gm < M && gk < K) v = g.transA ? a[(size_t)gk * M + gm] : a[(size_t)gm * K + gk];
      As[kk][mm] = v;
    }
    // B tile: 16 x 64 = 1024 elements, 4 per thread.
#pragma unroll
    for (int l = 0; l < 4; ++l) {
      int e = tid + 256 * l;
      int kk, nn;
      if (!g.transB) { kk = e / GT_N; nn = e % GT_N; }  // B is K x N: n contiguous
      else { nn = e / GT_K; kk = e % GT_K; }            // B is N x K: k contiguous
      int gk = k0 + kk, gn = n0 + nn;
      float v = 0.f;
      if (gk < K && gn < N) v = g.transB ? bb[(size_t)gn * K + gk] : bb[(size_t)gk * N + gn];
      Bs[kk][nn] = v;
    }
    __syncthreads();
#pragma unroll
    for (int k = 0; k < GT_K; ++k) {
      const float4 a4 = *reinterpret_cast<const float4*>(&As[k][ty * 4]);
      const float4 b4 = *reinterpret_cast<const float4*>(&Bs[k][tx * 4]);
      const float ra[4] = {a4.x, a4.y, a4.z, a4.w};
      const float rb[4] = {b4.x, b4.y, b4.z, b4.w};
#pragma unroll
      for (int i = 0; i < 4; ++i)
#pragma unroll
        for (int j = 0; j < 4; ++j) acc[i][j] = fmaf(ra[i], rb[j], acc[i][j]);
    }
    __syncthreads();
  }

#pragma unroll
  for (int i = 0; i < 4; ++i) {
    int m = m0 + ty * 4 + i;
    if (m >= M) continue;
#pragma unroll
    for (int j = 0; j < 4; ++j) {
      int n = n0 + tx * 4 + j;
      if (n >= N) continue;
      float v = acc[i][j];
      if (bias) v += bias[n];
      c[(size_t)m * N + n] = unaryF(g.activation, v, g.alpha, 0.f);
    }
  }
}

extern "C" int lk_gemm(const float* a, const float* b, const float* bias, float* c, const LkGemm* g) {
  if (g->batch <= 0 || g->M <= 0 || g->N <= 0) return 0;
  if (g->K == 0) {  // an empty sum: C is the epilogue applied to zero
    int n = g->batch * g->M * g->N;
    LK_LAUNCH(fillKernel<float>, blocksFor(n, 256), 256, c, n, 0.f);
    int e = lastError();
    if (e) return e;
    return lk_bias_act(c, bias, g->batch * g->M, g->N, g->activation, g->alpha);
  }
  dim3 grid((g->N + GT_N - 1) / GT_N, (g->M + GT_M - 1) / GT_M, g->batch);
  LK_LAUNCH_SYNC(gemmKernel, grid, 256, a, b, bias, c, *g);
  return lastError();
}

__global__ void biasActKernel(float* c, const float* bias, int rows, int cols, int act, float alpha) {
  int n = rows * cols;
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
    float v = c[i];
    if (bias) v += bias[i % cols];
    c[i] = unaryF(act, v, alpha, 0.f);
  }
}

extern "C" int lk_bias_act(float* c, const float* bias, int rows, int cols, int activation, float alpha) {
  if (!bias && activation == LK_U_IDENTITY) return 0;
  int n = rows * cols;
  if (n <= 0) return 0;
  LK_LAUNCH(biasActKernel, blocksFor(n, 256), 256, c, bias, rows, cols, activation, alpha);
  return lastError();
}

// ---------------------------------------------------------------------------------------------- fused training kernels

// The per-element math (and its rounding, op by op with no FMA contraction) is ops.h's, shared with the
// CPU backend.
__global__ void adamKernel(const float* param, const float* grad, float* m, float* v, float* out, int n, float b1,
                           float b2, float oneMinusB1, float oneMinusB2, float eps, float bc2Sqrt, float negStepSize,
                           float decay, float l2) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x)
    out[i] = lk_adam_elem(param[i], grad[i], m[i], v[i], b1, b2, oneMinusB1, oneMinusB2, eps, bc2Sqrt, negStepSize, decay, l2);
}

extern "C" int lk_adam(const float* param, const float* grad, float* m, float* v, float* out, int n, float b1, float b2,
                       float oneMinusB1, float oneMinusB2, float eps, float bc2Sqrt, float negStepSize, float decay,
                       float l2) {
  if (n <= 0) return 0;
  LK_LAUNCH(adamKernel, blocksFor(n, 256), 256, param, grad, m, v, out, n, b1, b2, oneMinusB1, oneMinusB2, eps, bc2Sqrt,
            negStepSize, decay, l2);
  return lastError();
}

__global__ void sgdKernel(const float* param, const float* grad, float* buf, float* out, int n, float wd, float mom,
                          float oneMinusDampening, float negLr, int nesterov, int initializeBuffer) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x)
    out[i] = lk_sgd_elem(param[i], grad[i], buf ? buf + i : nullptr, wd, mom, oneMinusDampening, negLr, nesterov, initializeBuffer);
}

extern "C" int lk_sgd(const float* param, const float* grad, float* buf, float* out, int n, float wd, float mom,
                      float oneMinusDampening, float negLr, int nesterov, int initializeBuffer) {
  if (n <= 0) return 0;
  LK_LAUNCH(sgdKernel, blocksFor(n, 256), 256, param, grad, buf, out, n, wd, mom, oneMinusDampening, negLr, nesterov,
            initializeBuffer);
  return lastError();
}

__global__ void sigmoidBceKernel(const float* z, const float* y, float* losses, float* grad, int n) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x)
    losses[i] = lk_sigmoid_bce_elem(z[i], y[i], n, grad[i]);
}

extern "C" int lk_sigmoid_bce(const float* z, const float* y, float* losses, float* grad, int n) {
  if (n <= 0) return 0;
  LK_LAUNCH(sigmoidBceKernel, blocksFor(n, 256), 256, z, y, losses, grad, n);
  return lastError();
}

// One thread per row: the class counts lrkit trains on are small, so a row fits one thread's loop.
__global__ void softmaxXentKernel(const float* z, const int* labels, float* losses, float* grad, int rows, int classes,
                                  int* badRow) {
  for (int r = blockIdx.x * blockDim.x + threadIdx.x; r < rows; r += gridDim.x * blockDim.x) {
    const float* zr = z + (size_t)r * classes;
    float* gr = grad + (size_t)r * classes;
    int label = labels[r];
    bool ok = label >= 0 && label < classes;
    if (!ok) atomicMin(badRow, r);
    losses[r] = lk_softmax_xent_row(zr, ok ? label : -1, gr, classes, rows);
  }
}

extern "C" int lk_softmax_xent(const float* z, const int* labels, float* losses, float* grad, int rows, int classes,
                               int* badRow) {
  if (rows <= 0) return 0;
  LK_LAUNCH(softmaxXentKernel, blocksFor(rows, 256), 256, z, labels, losses, grad, rows, classes, badRow);
  return lastError();
}
