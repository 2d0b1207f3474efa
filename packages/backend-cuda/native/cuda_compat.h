// The CUDA runtime, or (with LK_HOST_EMULATION) a stand-in that runs the very same kernel source on CPU
// threads: one std::thread per CUDA thread, blocks one after another, __syncthreads as a std::barrier and
// __shared__ memory as function statics (shared by a block's threads; blocks never overlap). Slow and
// only for tests: it lets the kernels' indexing, tiling and reductions be checked against tfjs's cpu backend
// on machines without a GPU (src/emulated-native.test.ts builds the addon this way with g++).
#pragma once

#ifndef LK_HOST_EMULATION

#include <cuda_runtime.h>

// Launches a kernel on the package's stream. LK_LAUNCH_SYNC marks kernels that call __syncthreads (the
// emulation runs only those with a thread per CUDA thread).
#define LK_LAUNCH(kernel, grid, block, ...) kernel<<<(grid), (block), 0, g_stream>>>(__VA_ARGS__)
#define LK_LAUNCH_SYNC(kernel, grid, block, ...) kernel<<<(grid), (block), 0, g_stream>>>(__VA_ARGS__)

#else  // LK_HOST_EMULATION

#include <barrier>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __restrict__ __restrict
#define __launch_bounds__(n)
#define __shared__ static
#define __align__(n) __attribute__((aligned(n)))

struct float4 {
  float x, y, z, w;
};

struct dim3 {
  unsigned x, y, z;
  dim3(unsigned x_ = 1, unsigned y_ = 1, unsigned z_ = 1) : x(x_), y(y_), z(z_) {}
};

inline thread_local dim3 threadIdx, blockIdx;
inline dim3 blockDim, gridDim;
inline thread_local std::barrier<>* lk_block_barrier = nullptr;

inline void __syncthreads() {
  if (!lk_block_barrier) std::abort();  // a kernel calling __syncthreads was launched with LK_LAUNCH, not LK_LAUNCH_SYNC
  lk_block_barrier->arrive_and_wait();
}
inline float rsqrtf(float x) { return 1.f / std::sqrt(x); }
inline float __fmul_rn(float a, float b) { return a * b; }
inline float __fadd_rn(float a, float b) { return a + b; }
inline float __fdiv_rn(float a, float b) { return a / b; }
// Only non-cooperative kernels use atomics, and those run on one OS thread.
inline int atomicMin(int* p, int v) {
  int old = *p;
  if (v < old) *p = v;
  return old;
}
using std::isnan;

template <typename... P, typename... A>
void lk_emulate_launch(bool cooperative, void (*kernel)(P...), dim3 grid, dim3 block, A... args) {
  gridDim = grid;
  blockDim = block;
  const unsigned n = block.x * block.y * block.z;
  const unsigned blocks = grid.x * grid.y * grid.z;
  auto run = [&](unsigned b, unsigned t) {
    blockIdx = dim3(b % grid.x, (b / grid.x) % grid.y, b / (grid.x * grid.y));
    threadIdx = dim3(t % block.x, (t / block.x) % block.y, t / (block.x * block.y));
    kernel(args...);
  };
  if (!cooperative) {  // no __syncthreads: every thread of every block can run one after another
    lk_block_barrier = nullptr;
    for (unsigned b = 0; b < blocks; ++b)
      for (unsigned t = 0; t < n; ++t) run(b, t);
    return;
  }
  // One OS thread per CUDA thread of a block; the blocks run in turn, separated by a barrier so that no
  // thread starts the next block while another still uses this one's shared memory.
  std::barrier<> bar(n);
  std::vector<std::thread> threads;
  threads.reserve(n);
  for (unsigned t = 0; t < n; ++t)
    threads.emplace_back([&, t] {
      lk_block_barrier = &bar;
      for (unsigned b = 0; b < blocks; ++b) {
        run(b, t);
        bar.arrive_and_wait();
      }
    });
  for (auto& th : threads) th.join();
}

#define LK_LAUNCH(kernel, grid, block, ...) lk_emulate_launch(false, kernel, dim3(grid), dim3(block), __VA_ARGS__)
#define LK_LAUNCH_SYNC(kernel, grid, block, ...) lk_emulate_launch(true, kernel, dim3(grid), dim3(block), __VA_ARGS__)

// The runtime calls the package uses, on host memory.
typedef int cudaError_t;
typedef void* cudaStream_t;
typedef void* cudaMemPool_t;
enum { cudaSuccess = 0, cudaStreamNonBlocking = 1, cudaMemPoolAttrReleaseThreshold = 4 };
enum cudaMemcpyKind { cudaMemcpyHostToDevice = 1, cudaMemcpyDeviceToHost = 2, cudaMemcpyDeviceToDevice = 3 };
struct cudaDeviceProp {
  char name[256];
  int major, minor;
  size_t totalGlobalMem;
};

inline cudaError_t cudaGetLastError() { return 0; }
inline const char* cudaGetErrorString(cudaError_t) { return "host emulation error"; }
inline cudaError_t cudaSetDevice(int) { return 0; }
inline cudaError_t cudaStreamCreateWithFlags(cudaStream_t* s, int) { *s = (void*)1; return 0; }
inline cudaError_t cudaDeviceGetDefaultMemPool(cudaMemPool_t* p, int) { *p = nullptr; return 0; }
inline cudaError_t cudaMemPoolSetAttribute(cudaMemPool_t, int, void*) { return 0; }
inline cudaError_t cudaMallocAsync(void** p, size_t bytes, cudaStream_t) { *p = std::malloc(bytes); return *p ? 0 : 2; }
inline cudaError_t cudaFreeAsync(void* p, cudaStream_t) { std::free(p); return 0; }
inline cudaError_t cudaMemcpyAsync(void* d, const void* s, size_t n, cudaMemcpyKind, cudaStream_t) { std::memmove(d, s, n); return 0; }
inline cudaError_t cudaStreamSynchronize(cudaStream_t) { return 0; }
inline cudaError_t cudaRuntimeGetVersion(int* v) { *v = 0; return 0; }
inline cudaError_t cudaDriverGetVersion(int* v) { *v = 0; return 0; }
inline cudaError_t cudaGetDeviceCount(int* n) { *n = 1; return 0; }
inline cudaError_t cudaGetDeviceProperties(cudaDeviceProp* p, int) {
  std::strcpy(p->name, "host emulation");
  p->major = 0;
  p->minor = 0;
  p->totalGlobalMem = 0;
  return 0;
}
inline cudaError_t cudaMemGetInfo(size_t* f, size_t* t) { *f = 0; *t = 0; return 0; }

#endif  // LK_HOST_EMULATION
