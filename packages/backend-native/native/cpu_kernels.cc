// @lrkit/backend-addon's kernels.h C interface (the one @lrkit/backend-cuda implements on the GPU) on the
// CPU: tensors are host memory, every "launch" runs to completion before it returns, work is split over the
// thread pool (pool.h), the vectorisable loops come from the instruction set chosen at run time (isa.h), and
// matrix products go to the system BLAS where one was opened (blas.h), else to the blocked GEMM below.
//
// Determinism: every output element is computed by exactly one task, and every reduction runs in a fixed
// order inside its task, so the numbers do not depend on the thread count. (A BLAS splits a product over
// rows and columns, not over the sum, for the same reason; the own GEMM does the same.)
#include <algorithm>
#include <atomic>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "blas.h"
#include "isa.h"
#include "kernels.h"
#include "pool.h"

namespace {
#include "ops.h"
}

namespace lk {
// Set by host.cc's configure(); null means the own GEMM.
const Blas* g_blas = nullptr;
}  // namespace lk

using lk::parallelFor;

namespace {

// Elements per task below which splitting costs more than it saves.
const long kGrain = 16384;

// ---------------------------------------------------------------------------------------------- memory

// A training step frees and allocates the same sizes every step. glibc serves large blocks with mmap and
// returns them on free, so each step would fault its pages in afresh; this cache keeps freed blocks by size
// (as PyTorch's allocators do) up to a bound, and hands them out again. Only the JavaScript thread calls it.
std::unordered_map<void*, size_t> g_live;
std::unordered_map<size_t, std::vector<void*>> g_cache;
size_t g_cachedBytes = 0;
const size_t kCacheLimit = size_t(1) << 30;

void trimCache() {
  for (auto& entry : g_cache)
    for (void* p : entry.second) std::free(p);
  g_cache.clear();
  g_cachedBytes = 0;
}

}  // namespace

extern "C" int lk_init(void) { return 0; }
extern "C" void* lk_stream(void) { return nullptr; }

extern "C" int lk_alloc(void** ptr, size_t bytes) {
  size_t size = (bytes + 63) & ~size_t(63);
  auto it = g_cache.find(size);
  if (it != g_cache.end() && !it->second.empty()) {
    *ptr = it->second.back();
    it->second.pop_back();
    g_cachedBytes -= size;
  } else {
    *ptr = std::aligned_alloc(64, size);
    if (!*ptr) {
      trimCache();
      *ptr = std::aligned_alloc(64, size);
    }
    if (!*ptr) return 2;
  }
  g_live[*ptr] = size;
  return 0;
}

extern "C" int lk_free(void* ptr) {
  auto it = g_live.find(ptr);
  if (it == g_live.end()) return 3;
  size_t size = it->second;
  g_live.erase(it);
  if (g_cachedBytes + size > kCacheLimit) trimCache();
  g_cache[size].push_back(ptr);
  g_cachedBytes += size;
  return 0;
}

extern "C" int lk_upload(void* dst, const void* src, size_t bytes) {
  std::memcpy(dst, src, bytes);
  return 0;
}
extern "C" int lk_download(void* dst, const void* src, size_t bytes) {
  std::memcpy(dst, src, bytes);
  return 0;
}
extern "C" int lk_synchronize(void) { return 0; }

// ---------------------------------------------------------------------------------------------- elementwise

extern "C" int lk_fill(int dtype, void* out, int n, double value) {
  if (dtype == LK_F32) {
    float v = (float)value;
    float* o = (float*)out;
    parallelFor(n, kGrain, [&](long b, long e) { std::fill(o + b, o + e, v); });
  } else {
    int v = (int)value;
    int* o = (int*)out;
    parallelFor(n, kGrain, [&](long b, long e) { std::fill(o + b, o + e, v); });
  }
  return 0;
}

extern "C" int lk_unary(int op, int dtype, const void* x, void* out, int n, float alpha, float beta) {
  if (dtype == LK_F32) {
    const lk::IsaLoops& isa = lk::isa();
    parallelFor(n, kGrain, [&](long b, long e) { isa.unaryF32(op, (const float*)x + b, (float*)out + b, e - b, alpha, beta); });
  } else {
    const int* xi = (const int*)x;
    int* o = (int*)out;
    parallelFor(n, kGrain, [&](long b, long e) {
      for (long i = b; i < e; ++i) o[i] = unaryI(op, xi[i], alpha, beta);
    });
  }
  return 0;
}

namespace {

template <typename T, typename TOut>
void binaryScalar(int op, bool compare, T a, T b, TOut* out) {
  *out = compare ? (TOut)binaryCompare<T>(op, a, b) : (TOut)binaryArith<T>(op, a, b);
}

// One output row (the last axis) of a broadcast binary op; sa and sb are the inputs' strides along it.
template <typename T, typename TOut>
void binaryRow(int op, bool compare, const T* a, long sa, const T* b, long sb, TOut* out, long n) {
  if (compare)
    for (long i = 0; i < n; ++i) out[i] = (TOut)binaryCompare<T>(op, a[i * sa], b[i * sb]);
  else
    for (long i = 0; i < n; ++i) out[i] = (TOut)binaryArith<T>(op, a[i * sa], b[i * sb]);
}

template <typename T, typename TOut>
void binaryAll(int op, bool compare, const T* a, const T* b, TOut* out, long n, const LkBroadcast& bc) {
  const int rank = bc.rank;
  const long inner = rank ? bc.dims[rank - 1] : 1;
  const long sa = rank ? bc.strideA[rank - 1] : 0, sb = rank ? bc.strideB[rank - 1] : 0;
  const long rows = inner ? n / inner : 0;
  const bool vector = std::is_same<T, float>::value && !compare && (sa == 0 || sa == 1) && (sb == 0 || sb == 1);
  parallelFor(rows, std::max(1L, kGrain / std::max(1L, inner)), [&](long r0, long r1) {
    for (long r = r0; r < r1; ++r) {
      // The offsets of row r: its coordinates over every axis but the last.
      long rest = r, ia = 0, ib = 0;
      for (int d = rank - 2; d >= 0; --d) {
        long coord = rest % bc.dims[d];
        rest /= bc.dims[d];
        ia += coord * bc.strideA[d];
        ib += coord * bc.strideB[d];
      }
      if (vector)
        lk::isa().binaryF32(op, (const float*)(a + ia), sa, (const float*)(b + ib), sb, (float*)(out + r * inner), inner);
      else
        binaryRow<T, TOut>(op, compare, a + ia, sa, b + ib, sb, out + r * inner, inner);
    }
  });
}

}  // namespace

extern "C" int lk_binary(int op, int dtypeIn, const void* a, const void* b, void* out, int n, const LkBroadcast* bc) {
  if (n <= 0) return 0;
  bool compare = op >= LK_B_GREATER && op <= LK_B_LOGICAL_OR;
  // Merge the output into one row where neither input broadcasts (the common case): one long vector loop.
  LkBroadcast flat{};
  bool same = true;
  long expect = 1;
  for (int d = bc->rank - 1; d >= 0; --d) {
    if (bc->dims[d] != 1 && (bc->strideA[d] != expect || bc->strideB[d] != expect)) same = false;
    expect *= bc->dims[d];
  }
  const LkBroadcast* use = bc;
  if (same || bc->rank == 0) {
    flat.rank = 1;
    flat.dims[0] = n;
    flat.strideA[0] = 1;
    flat.strideB[0] = 1;
    if (bc->rank == 0) flat.strideA[0] = flat.strideB[0] = 0;
    if (same && n > kGrain) {
      // Split one long row over the threads.
      if (dtypeIn == LK_F32 && !compare) {
        const lk::IsaLoops& isa = lk::isa();
        parallelFor(n, kGrain, [&](long s, long e) {
          isa.binaryF32(op, (const float*)a + s, 1, (const float*)b + s, 1, (float*)out + s, e - s);
        });
        return 0;
      }
    }
    use = &flat;
  }
  if (dtypeIn == LK_F32) {
    if (compare) binaryAll<float, int>(op, true, (const float*)a, (const float*)b, (int*)out, n, *use);
    else binaryAll<float, float>(op, false, (const float*)a, (const float*)b, (float*)out, n, *use);
  } else {
    binaryAll<int, int>(op, compare, (const int*)a, (const int*)b, (int*)out, n, *use);
  }
  return 0;
}

extern "C" int lk_cast(int from, int to, int toBool, const void* x, void* out, int n) {
  parallelFor(n, kGrain, [&](long b, long e) {
    if (from == LK_F32 && to == LK_I32) {
      const float* xf = (const float*)x;
      int* o = (int*)out;
      for (long i = b; i < e; ++i) o[i] = toBool ? (xf[i] != 0.f) : (int)xf[i];
    } else if (from == LK_I32 && to == LK_F32) {
      const int* xi = (const int*)x;
      float* o = (float*)out;
      for (long i = b; i < e; ++i) o[i] = (float)xi[i];
    } else if (from == LK_I32 && to == LK_I32) {
      const int* xi = (const int*)x;
      int* o = (int*)out;
      for (long i = b; i < e; ++i) o[i] = toBool ? (xi[i] != 0) : xi[i];
    } else {
      std::memcpy((char*)out + b * 4, (const char*)x + b * 4, (e - b) * 4);
    }
  });
  return 0;
}

// A strided copy row by row along the last axis (transpose, slice, concat, pad, tile, broadcast...).
extern "C" int lk_copy(const void* in, void* out, int n, const LkCopy* c) {
  if (n <= 0) return 0;
  const int* src = (const int*)in;
  int* dst = (int*)out;
  const int rank = c->rank;
  if (rank == 0) {
    dst[c->outOffset] = src[c->inOffset];
    return 0;
  }
  const long inner = c->dims[rank - 1];
  const long si = c->inStrides[rank - 1], so = c->outStrides[rank - 1];
  const long rows = inner ? n / inner : 0;
  if (rank >= 2 && so == 1 && si != 1 && c->inStrides[rank - 2] == 1 && c->dims[rank - 2] > 1) {
    // A transpose of the last two axes (the backward pass's Wᵀ and xᵀ): copied in 32x32 tiles, so that the
    // strided side's cache lines are used 32 times each instead of once.
    const long R = c->dims[rank - 2], osR = c->outStrides[rank - 2], T = 32;
    const long tilesR = (R + T - 1) / T, outerN = n / (R * inner);
    parallelFor(outerN * tilesR, 1, [&](long t0, long t1) {
      for (long t = t0; t < t1; ++t) {
        long rest = t / tilesR, ia = c->inOffset, io = c->outOffset;
        for (int d = rank - 3; d >= 0; --d) {
          long coord = rest % c->dims[d];
          rest /= c->dims[d];
          ia += coord * c->inStrides[d];
          io += coord * c->outStrides[d];
        }
        const long r0 = (t % tilesR) * T, r1 = std::min(R, r0 + T);
        for (long c0 = 0; c0 < inner; c0 += T) {
          const long c1 = std::min(inner, c0 + T);
          for (long r = r0; r < r1; ++r)
            for (long k = c0; k < c1; ++k) dst[io + r * osR + k] = src[ia + r + k * si];
        }
      }
    });
    return 0;
  }
  parallelFor(rows, std::max(1L, kGrain / std::max(1L, inner)), [&](long r0, long r1) {
    for (long r = r0; r < r1; ++r) {
      long rest = r, ia = c->inOffset, io = c->outOffset;
      for (int d = rank - 2; d >= 0; --d) {
        long coord = rest % c->dims[d];
        rest /= c->dims[d];
        ia += coord * c->inStrides[d];
        io += coord * c->outStrides[d];
      }
      if (si == 1 && so == 1)
        std::memcpy(dst + io, src + ia, inner * 4);
      else
        for (long i = 0; i < inner; ++i) dst[io + i * so] = src[ia + i * si];
    }
  });
  return 0;
}

// ---------------------------------------------------------------------------------------------- reduce

namespace {

// The sum of a contiguous run in a fixed order: 16 interleaved partial sums (which the compiler keeps in
// vector registers), then those added in index order. The same order on every machine and thread count.
float sumRun(const float* x, long n) {
  float part[16] = {};
  long i = 0;
  for (; i + 16 <= n; i += 16)
    for (int j = 0; j < 16; ++j) part[j] += x[i + j];
  for (int j = 0; i < n; ++i, ++j) part[j] += x[i];
  float s = 0.f;
  for (int j = 0; j < 16; ++j) s += part[j];
  return s;
}

template <typename T>
void reduceAll(int op, const T* x, void* out, long outer, long reduce, long inner) {
  if (inner == 1) {
    // One row per output, each row's run in order (the sum and mean of float rows with sumRun's order).
    parallelFor(outer, std::max(1L, kGrain / std::max(1L, reduce)), [&](long o0, long o1) {
      for (long o = o0; o < o1; ++o) {
        const T* p = x + o * reduce;
        if (std::is_same<T, float>::value && (op == LK_R_SUM || op == LK_R_MEAN)) {
          writeResult<T>(op, Acc<T>{(T)sumRun((const float*)p, reduce), 0}, out, o, (int)reduce);
          continue;
        }
        Acc<T> acc = {reduceInit<T>(op), -1};
        for (long r = 0; r < reduce; ++r) acc = combine<T>(op, acc, Acc<T>{p[r], (int)r});
        writeResult<T>(op, acc, out, o, (int)reduce);
      }
    });
    return;
  }
  // Columns: split the inner axis; each column accumulates its rows in order.
  const long total = outer * inner;
  parallelFor(total, kGrain / 16, [&](long b, long e) {
    const long kTile = 256;
    Acc<T> acc[kTile];
    for (long s = b; s < e;) {
      long o = s / inner, i0 = s % inner;
      long len = std::min({kTile, inner - i0, e - s});
      const T* base = x + o * reduce * inner + i0;
      if (std::is_same<T, float>::value && (op == LK_R_SUM || op == LK_R_MEAN)) {
        float sums[kTile];
        lk::isa().sumColumns((const float*)base, sums, reduce, inner, len);
        for (long j = 0; j < len; ++j) writeResult<T>(op, Acc<T>{(T)sums[j], 0}, out, s + j, (int)reduce);
      } else {
        for (long j = 0; j < len; ++j) acc[j] = Acc<T>{reduceInit<T>(op), -1};
        for (long r = 0; r < reduce; ++r)
          for (long j = 0; j < len; ++j) acc[j] = combine<T>(op, acc[j], Acc<T>{base[r * inner + j], (int)r});
        for (long j = 0; j < len; ++j) writeResult<T>(op, acc[j], out, s + j, (int)reduce);
      }
      s += len;
    }
  });
}

}  // namespace

extern "C" int lk_reduce(int op, int dtype, const void* x, void* out, int outer, int reduce, int inner) {
  if (outer <= 0 || inner <= 0) return 0;
  if (dtype == LK_F32) reduceAll<float>(op, (const float*)x, out, outer, reduce, inner);
  else reduceAll<int>(op, (const int*)x, out, outer, reduce, inner);
  return 0;
}

// ---------------------------------------------------------------------------------------------- gather, select, one-hot

extern "C" int lk_gather(const void* x, const int* indices, void* out, int outer, int axisDim, int inner, int nIdx) {
  const int* xi = (const int*)x;
  int* o = (int*)out;
  long rows = (long)outer * nIdx;
  parallelFor(rows, std::max(1L, kGrain / std::max(1, inner)), [&](long r0, long r1) {
    for (long r = r0; r < r1; ++r) {
      long oi = r / nIdx, j = r % nIdx;
      int k = indices[j];
      int* dst = o + r * inner;
      // tfjs validates indices before the kernel; one out of range reads as zero, as on cuda.
      if (k >= 0 && k < axisDim) std::memcpy(dst, xi + (oi * axisDim + k) * inner, (size_t)inner * 4);
      else std::memset(dst, 0, (size_t)inner * 4);
    }
  });
  return 0;
}

extern "C" int lk_select(const int* cond, const void* a, const void* b, void* out, int n) {
  const int* ai = (const int*)a;
  const int* bi = (const int*)b;
  int* o = (int*)out;
  parallelFor(n, kGrain, [&](long s, long e) {
    for (long i = s; i < e; ++i) o[i] = cond[i] ? ai[i] : bi[i];
  });
  return 0;
}

extern "C" int lk_one_hot(const int* indices, float* out, int n, int depth, float on, float off) {
  parallelFor(n, std::max(1, (int)(kGrain / std::max(1, depth))), [&](long s, long e) {
    for (long r = s; r < e; ++r)
      for (int c = 0; c < depth; ++c) out[r * depth + c] = indices[r] == c ? on : off;
  });
  return 0;
}

// ---------------------------------------------------------------------------------------------- softmax

extern "C" int lk_softmax(const float* x, float* out, int rows, int cols, int logSoftmax) {
  parallelFor(rows, std::max(1, (int)(kGrain / std::max(1, cols))), [&](long r0, long r1) {
    for (long r = r0; r < r1; ++r) {
      const float* p = x + r * cols;
      float* q = out + r * cols;
      float m = -INFINITY;
      for (int c = 0; c < cols; ++c) m = fmaxf(m, p[c]);
      float sum = 0.f;
      for (int c = 0; c < cols; ++c) sum += expf(p[c] - m);
      float logSum = logf(sum);
      for (int c = 0; c < cols; ++c) q[c] = logSoftmax ? (p[c] - m - logSum) : expf(p[c] - m) / sum;
    }
  });
  return 0;
}

// ---------------------------------------------------------------------------------------------- GEMM

namespace {

// The own GEMM: for each block of KC along the sum, B is packed once into NR-wide column strips, then tasks
// of MC rows each pack their rows of A into MR-high strips and run the register kernel over every (A strip,
// B strip) pair. A task owns its rows of C, and the blocks along K are added in order.
const long KC = 256;

void ownGemm(const float* a, const float* b, float* c, long M, long N, long K, bool transA, bool transB) {
  const lk::IsaLoops& isa = lk::isa();
  const long mr = isa.mr, nr = isa.nr;
  const long MC = mr * 8;
  const long nStrips = (N + nr - 1) / nr;
  std::vector<float> bp((size_t)nStrips * nr * KC);
  for (long pc = 0; pc < K; pc += KC) {
    const long kc = std::min(KC, K - pc);
    // Pack B[pc..pc+kc, :] as strips [strip][k][nr], zero past N.
    parallelFor(nStrips, 8, [&](long s0, long s1) {
      for (long s = s0; s < s1; ++s) {
        float* dst = bp.data() + s * nr * kc;
        for (long k = 0; k < kc; ++k)
          for (long j = 0; j < nr; ++j) {
            long col = s * nr + j, row = pc + k;
            dst[k * nr + j] = col < N ? (transB ? b[col * K + row] : b[row * N + col]) : 0.f;
          }
      }
    });
    const long mBlocks = (M + MC - 1) / MC;
    lk::parallelTasks(mBlocks, [&](long blk) {
      const long m0 = blk * MC, mc = std::min(MC, M - m0);
      const long aStrips = (mc + mr - 1) / mr;
      thread_local std::vector<float> ap;
      ap.resize((size_t)aStrips * mr * kc);
      for (long s = 0; s < aStrips; ++s)
        for (long k = 0; k < kc; ++k)
          for (long i = 0; i < mr; ++i) {
            long row = m0 + s * mr + i, col = pc + k;
            ap[(s * kc + k) * mr + i] = row < M ? (transA ? a[col * M + row] : a[row * K + col]) : 0.f;
          }
      for (long js = 0; js < nStrips; ++js) {
        const long n0 = js * nr, nn = std::min(nr, N - n0);
        for (long is = 0; is < aStrips; ++is) {
          const long r0 = m0 + is * mr, mm = std::min(mr, M - r0);
          isa.gemmPanel(ap.data() + is * kc * mr, bp.data() + js * nr * kc, c + r0 * N + n0, N, kc, mm, nn, pc > 0);
        }
      }
    });
  }
}

}  // namespace

extern "C" int lk_bias_act(float* c, const float* bias, int rows, int cols, int activation, float alpha) {
  if (!bias && activation == LK_U_IDENTITY) return 0;
  const lk::IsaLoops& isa = lk::isa();
  parallelFor(rows, std::max(1, (int)(kGrain / std::max(1, cols))), [&](long r0, long r1) {
    isa.biasAct(c + r0 * cols, bias, r1 - r0, cols, activation, alpha);
  });
  return 0;
}

extern "C" int lk_gemm(const float* a, const float* b, const float* bias, float* c, const LkGemm* g) {
  if (g->batch <= 0 || g->M <= 0 || g->N <= 0) return 0;
  const long M = g->M, N = g->N, K = g->K;
  if (K == 0) {
    std::memset(c, 0, (size_t)g->batch * M * N * 4);
  } else {
    for (int i = 0; i < g->batch; ++i) {
      const float* ai = a + (size_t)i * g->strideA;
      const float* bi = b + (size_t)i * g->strideB;
      float* ci = c + (size_t)i * M * N;
      if (lk::g_blas)
        lk::g_blas->sgemm(g->transA, g->transB, (int)M, (int)N, (int)K, ai, g->transA ? (int)M : (int)K, bi,
                          g->transB ? (int)K : (int)N, ci, (int)N);
      else
        ownGemm(ai, bi, ci, M, N, K, g->transA, g->transB);
    }
  }
  return lk_bias_act(c, bias, g->batch * g->M, g->N, g->activation, g->alpha);
}

// ---------------------------------------------------------------------------------------------- fused training kernels

extern "C" int lk_adam(const float* param, const float* grad, float* m, float* v, float* out, int n, float b1, float b2,
                       float oneMinusB1, float oneMinusB2, float eps, float bc2Sqrt, float negStepSize, float decay,
                       float l2) {
  const lk::IsaLoops& isa = lk::isa();
  parallelFor(n, kGrain, [&](long s, long e) {
    isa.adam(param + s, grad + s, m + s, v + s, out + s, e - s, b1, b2, oneMinusB1, oneMinusB2, eps, bc2Sqrt, negStepSize,
             decay, l2);
  });
  return 0;
}

extern "C" int lk_sgd(const float* param, const float* grad, float* buf, float* out, int n, float wd, float mom,
                      float oneMinusDampening, float negLr, int nesterov, int initializeBuffer) {
  const lk::IsaLoops& isa = lk::isa();
  parallelFor(n, kGrain, [&](long s, long e) {
    isa.sgd(param + s, grad + s, buf ? buf + s : nullptr, out + s, e - s, wd, mom, oneMinusDampening, negLr, nesterov,
            initializeBuffer);
  });
  return 0;
}

extern "C" int lk_sigmoid_bce(const float* z, const float* y, float* losses, float* grad, int n) {
  parallelFor(n, kGrain, [&](long s, long e) {
    for (long i = s; i < e; ++i) losses[i] = lk_sigmoid_bce_elem(z[i], y[i], n, grad[i]);
  });
  return 0;
}

extern "C" int lk_softmax_xent(const float* z, const int* labels, float* losses, float* grad, int rows, int classes,
                               int* badRow) {
  std::atomic<int> bad{*badRow};
  parallelFor(rows, std::max(1, (int)(kGrain / std::max(1, classes))), [&](long r0, long r1) {
    for (long r = r0; r < r1; ++r) {
      int label = labels[r];
      bool ok = label >= 0 && label < classes;
      if (!ok) {
        int cur = bad.load();
        while ((int)r < cur && !bad.compare_exchange_weak(cur, (int)r)) {
        }
      }
      losses[r] = lk_softmax_xent_row(z + r * classes, ok ? label : -1, grad + r * classes, classes, rows);
    }
  });
  *badRow = bad.load();
  return 0;
}
