// The Node-API face of the kernels behind kernels.cuh's C interface. Device pointers cross into JavaScript
// as plain numbers (CUDA's unified addresses, and host addresses, fit well within 2^53), so a kernel launch
// is one call with scalar arguments plus, where a shape is involved, one Int32Array of metadata. Every call
// checks the status and throws a JavaScript Error carrying the backend's message for it on failure.
//
// The same glue serves two backends: the CUDA kernels (kernels.cu) by default, and @lrkit/backend-native's
// CPU kernels with LK_NATIVE_CPU, where the backend supplies its own status strings and adds its own exports
// (probe, threads, BLAS) in place of the CUDA ones.
#include <dlfcn.h>

#include <cstdint>
#include <string>

#include <napi.h>

#include "kernels.cuh"

#ifdef LK_NATIVE_CPU
#define LK_NAME "native"
const char* lk_status_string(int status);
void lk_backend_exports(Napi::Env env, Napi::Object exports);
#else
#define LK_NAME "cuda"
#include "cublas_loader.h"
#include "cuda_compat.h"
static const char* lk_status_string(int status) { return cudaGetErrorString((cudaError_t)status); }
#endif

namespace {

void check(const Napi::Env& env, int status, const char* what) {
  if (status != 0) {
    std::string msg = std::string(LK_NAME ": ") + what + " failed: " + lk_status_string(status);
    throw Napi::Error::New(env, msg);
  }
}

void* ptrArg(const Napi::CallbackInfo& info, size_t i) {
  return (void*)(uintptr_t)info[i].As<Napi::Number>().Int64Value();
}
int intArg(const Napi::CallbackInfo& info, size_t i) { return info[i].As<Napi::Number>().Int32Value(); }
double numArg(const Napi::CallbackInfo& info, size_t i) { return info[i].As<Napi::Number>().DoubleValue(); }

// An Int32Array argument, checked to hold at least `need` values.
const int32_t* metaArg(const Napi::CallbackInfo& info, size_t i, size_t need) {
  auto a = info[i].As<Napi::Int32Array>();
  if (a.ElementLength() < need) throw Napi::Error::New(info.Env(), LK_NAME ": shape metadata is too short");
  return a.Data();
}

int rankOf(const Napi::CallbackInfo& info, const int32_t* meta) {
  int rank = meta[0];
  if (rank < 0 || rank > LK_MAX_RANK)
    throw Napi::Error::New(info.Env(), LK_NAME ": tensors of rank above " + std::to_string(LK_MAX_RANK) + " are not supported");
  return rank;
}

#ifndef LK_NATIVE_CPU
// Whether the driver library can be loaded, without initialising CUDA: the precise reason for `isAvailable`.
Napi::Value Probe(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object out = Napi::Object::New(env);
  int runtime = 0;
  cudaRuntimeGetVersion(&runtime);
  out.Set("runtimeVersion", runtime);
#ifdef LK_HOST_EMULATION
  void* driver = (void*)1;  // the emulation needs no driver
#else
  void* driver = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
#endif
  if (!driver) {
    const char* err = dlerror();
    out.Set("driver", false);
    out.Set("driverError", err ? err : "libcuda.so.1 not found");
    return out;
  }
  out.Set("driver", true);
  int driverVersion = 0;
  cudaDriverGetVersion(&driverVersion);
  out.Set("driverVersion", driverVersion);
  int count = 0;
  cudaError_t e = cudaGetDeviceCount(&count);
  out.Set("deviceCount", e == cudaSuccess ? count : 0);
  if (e != cudaSuccess) out.Set("error", cudaGetErrorString(e));
  if (e == cudaSuccess && count > 0) {
    cudaDeviceProp prop;
    if (cudaGetDeviceProperties(&prop, 0) == cudaSuccess) {
      out.Set("deviceName", prop.name);
      out.Set("computeCapability", std::to_string(prop.major) + "." + std::to_string(prop.minor));
      out.Set("totalMemory", (double)prop.totalGlobalMem);
    }
  }
  return out;
}

#endif

Napi::Value Init(const Napi::CallbackInfo& info) {
  check(info.Env(), lk_init(), "init");
  return info.Env().Undefined();
}

#ifndef LK_NATIVE_CPU
Napi::Value LoadCublas(const Napi::CallbackInfo& info) {
  std::string why;
  if (!lk::cublasLoad(lk_stream(), why)) return Napi::String::New(info.Env(), why);
  return info.Env().Null();
}

#endif

Napi::Value Alloc(const Napi::CallbackInfo& info) {
  double bytes = numArg(info, 0);
  if (bytes <= 0) return Napi::Number::New(info.Env(), 0);
  void* p = nullptr;
  check(info.Env(), lk_alloc(&p, (size_t)bytes), "cudaMallocAsync");
  return Napi::Number::New(info.Env(), (double)(uintptr_t)p);
}

Napi::Value Free(const Napi::CallbackInfo& info) {
  void* p = ptrArg(info, 0);
  if (p) check(info.Env(), lk_free(p), "cudaFreeAsync");
  return info.Env().Undefined();
}

Napi::Value Upload(const Napi::CallbackInfo& info) {
  auto a = info[1].As<Napi::TypedArray>();
  size_t bytes = a.ByteLength();
  if (bytes) {
    const uint8_t* src = (const uint8_t*)a.ArrayBuffer().Data() + a.ByteOffset();
    check(info.Env(), lk_upload(ptrArg(info, 0), src, bytes), "upload");
  }
  return info.Env().Undefined();
}

Napi::Value Download(const Napi::CallbackInfo& info) {
  auto a = info[1].As<Napi::TypedArray>();
  size_t bytes = a.ByteLength();
  if (bytes) {
    uint8_t* dst = (uint8_t*)a.ArrayBuffer().Data() + a.ByteOffset();
    check(info.Env(), lk_download(dst, ptrArg(info, 0), bytes), "download");
  }
  return info.Env().Undefined();
}

Napi::Value Synchronize(const Napi::CallbackInfo& info) {
  check(info.Env(), lk_synchronize(), "synchronize");
  return info.Env().Undefined();
}

#ifndef LK_NATIVE_CPU
Napi::Value MemInfo(const Napi::CallbackInfo& info) {
  size_t freeB = 0, totalB = 0;
  check(info.Env(), (int)cudaMemGetInfo(&freeB, &totalB), "cudaMemGetInfo");
  Napi::Object out = Napi::Object::New(info.Env());
  out.Set("free", (double)freeB);
  out.Set("total", (double)totalB);
  return out;
}

#endif

Napi::Value Fill(const Napi::CallbackInfo& info) {
  check(info.Env(), lk_fill(intArg(info, 0), ptrArg(info, 1), intArg(info, 2), numArg(info, 3)), "fill");
  return info.Env().Undefined();
}

Napi::Value Unary(const Napi::CallbackInfo& info) {
  check(info.Env(),
        lk_unary(intArg(info, 0), intArg(info, 1), ptrArg(info, 2), ptrArg(info, 3), intArg(info, 4),
                 (float)numArg(info, 5), (float)numArg(info, 6)),
        "unary kernel");
  return info.Env().Undefined();
}

// The strided layout that Binary and Copy share: meta = [rank, dims(rank), first(rank), second(rank),
// extra...]. Checks the length (with `extra` trailing values) and fills the three arrays; returns the rank.
int readStrided(const Napi::CallbackInfo& info, size_t index, int extra, int* dims, int* first, int* second) {
  const int32_t* meta = metaArg(info, index, 1);
  int rank = rankOf(info, meta);
  meta = metaArg(info, index, 1 + 3 * rank + extra);
  for (int d = 0; d < rank; ++d) {
    dims[d] = meta[1 + d];
    first[d] = meta[1 + rank + d];
    second[d] = meta[1 + 2 * rank + d];
  }
  return rank;
}

// meta: [rank, dims(rank), strideA(rank), strideB(rank)]
Napi::Value Binary(const Napi::CallbackInfo& info) {
  LkBroadcast bc{};
  bc.rank = readStrided(info, 6, 0, bc.dims, bc.strideA, bc.strideB);
  check(info.Env(),
        lk_binary(intArg(info, 0), intArg(info, 1), ptrArg(info, 2), ptrArg(info, 3), ptrArg(info, 4), intArg(info, 5), &bc),
        "binary kernel");
  return info.Env().Undefined();
}

Napi::Value Cast(const Napi::CallbackInfo& info) {
  check(info.Env(),
        lk_cast(intArg(info, 0), intArg(info, 1), intArg(info, 2), ptrArg(info, 3), ptrArg(info, 4), intArg(info, 5)),
        "cast kernel");
  return info.Env().Undefined();
}

// meta: [rank, dims(rank), inStrides(rank), outStrides(rank), inOffset, outOffset]
Napi::Value Copy(const Napi::CallbackInfo& info) {
  LkCopy c{};
  c.rank = readStrided(info, 3, 2, c.dims, c.inStrides, c.outStrides);
  const int32_t* meta = metaArg(info, 3, 3 + 3 * c.rank);
  c.inOffset = meta[1 + 3 * c.rank];
  c.outOffset = meta[2 + 3 * c.rank];
  check(info.Env(), lk_copy(ptrArg(info, 0), ptrArg(info, 1), intArg(info, 2), &c), "copy kernel");
  return info.Env().Undefined();
}

Napi::Value Reduce(const Napi::CallbackInfo& info) {
  check(info.Env(),
        lk_reduce(intArg(info, 0), intArg(info, 1), ptrArg(info, 2), ptrArg(info, 3), intArg(info, 4), intArg(info, 5),
                  intArg(info, 6)),
        "reduce kernel");
  return info.Env().Undefined();
}

Napi::Value Gather(const Napi::CallbackInfo& info) {
  check(info.Env(),
        lk_gather(ptrArg(info, 0), (const int*)ptrArg(info, 1), ptrArg(info, 2), intArg(info, 3), intArg(info, 4),
                  intArg(info, 5), intArg(info, 6)),
        "gather kernel");
  return info.Env().Undefined();
}

Napi::Value Select(const Napi::CallbackInfo& info) {
  check(info.Env(),
        lk_select((const int*)ptrArg(info, 0), ptrArg(info, 1), ptrArg(info, 2), ptrArg(info, 3), intArg(info, 4)),
        "select kernel");
  return info.Env().Undefined();
}

Napi::Value OneHot(const Napi::CallbackInfo& info) {
  check(info.Env(),
        lk_one_hot((const int*)ptrArg(info, 0), (float*)ptrArg(info, 1), intArg(info, 2), intArg(info, 3),
                   (float)numArg(info, 4), (float)numArg(info, 5)),
        "one-hot kernel");
  return info.Env().Undefined();
}

Napi::Value Softmax(const Napi::CallbackInfo& info) {
  check(info.Env(),
        lk_softmax((const float*)ptrArg(info, 0), (float*)ptrArg(info, 1), intArg(info, 2), intArg(info, 3),
                   intArg(info, 4)),
        "softmax kernel");
  return info.Env().Undefined();
}

// gemm(a, b, bias|0, c, meta, alpha, useCublas); meta: [batch, M, N, K, transA, transB, strideA, strideB, activation]
Napi::Value Gemm(const Napi::CallbackInfo& info) {
  const int32_t* m = metaArg(info, 4, 9);
  LkGemm g{};
  g.batch = m[0];
  g.M = m[1];
  g.N = m[2];
  g.K = m[3];
  g.transA = m[4];
  g.transB = m[5];
  g.strideA = m[6];
  g.strideB = m[7];
  g.activation = m[8];
  g.alpha = (float)numArg(info, 5);
  const float* a = (const float*)ptrArg(info, 0);
  const float* b = (const float*)ptrArg(info, 1);
  const float* bias = (const float*)ptrArg(info, 2);
  float* c = (float*)ptrArg(info, 3);
#ifndef LK_NATIVE_CPU
  bool cublas = info[6].As<Napi::Boolean>().Value();
  if (cublas && g.K > 0 && g.M > 0 && g.N > 0 && g.batch > 0) {
    int st = lk::cublasGemm(a, b, c, g.batch, g.M, g.N, g.K, g.transA != 0, g.transB != 0, g.strideA, g.strideB);
    if (st != 0) throw Napi::Error::New(info.Env(), "cuda: cublasSgemmStridedBatched failed with status " + std::to_string(st));
    check(info.Env(), lk_bias_act(c, bias, g.batch * g.M, g.N, g.activation, g.alpha), "bias/activation kernel");
    return info.Env().Undefined();
  }
#endif
  check(info.Env(), lk_gemm(a, b, bias, c, &g), "gemm kernel");
  return info.Env().Undefined();
}

float f32Arg(const Napi::CallbackInfo& info, size_t i) { return (float)numArg(info, i); }

// adam(param, grad, m, v, out, n, b1, b2, oneMinusB1, oneMinusB2, eps, bc2Sqrt, negStepSize, decay, l2)
Napi::Value Adam(const Napi::CallbackInfo& info) {
  check(info.Env(),
        lk_adam((const float*)ptrArg(info, 0), (const float*)ptrArg(info, 1), (float*)ptrArg(info, 2), (float*)ptrArg(info, 3),
                (float*)ptrArg(info, 4), intArg(info, 5), f32Arg(info, 6), f32Arg(info, 7), f32Arg(info, 8), f32Arg(info, 9),
                f32Arg(info, 10), f32Arg(info, 11), f32Arg(info, 12), f32Arg(info, 13), f32Arg(info, 14)),
        "adam kernel");
  return info.Env().Undefined();
}

// sgd(param, grad, buf|0, out, n, wd, mom, oneMinusDampening, negLr, nesterov, initializeBuffer)
Napi::Value Sgd(const Napi::CallbackInfo& info) {
  check(info.Env(),
        lk_sgd((const float*)ptrArg(info, 0), (const float*)ptrArg(info, 1), (float*)ptrArg(info, 2), (float*)ptrArg(info, 3),
               intArg(info, 4), f32Arg(info, 5), f32Arg(info, 6), f32Arg(info, 7), f32Arg(info, 8), intArg(info, 9),
               intArg(info, 10)),
        "sgd kernel");
  return info.Env().Undefined();
}

// sigmoidBce(z, y, losses, grad, n)
Napi::Value SigmoidBce(const Napi::CallbackInfo& info) {
  check(info.Env(),
        lk_sigmoid_bce((const float*)ptrArg(info, 0), (const float*)ptrArg(info, 1), (float*)ptrArg(info, 2),
                       (float*)ptrArg(info, 3), intArg(info, 4)),
        "sigmoid cross-entropy kernel");
  return info.Env().Undefined();
}

// softmaxXent(z, labels, losses, grad, rows, classes, badRow)
Napi::Value SoftmaxXent(const Napi::CallbackInfo& info) {
  check(info.Env(),
        lk_softmax_xent((const float*)ptrArg(info, 0), (const int*)ptrArg(info, 1), (float*)ptrArg(info, 2),
                        (float*)ptrArg(info, 3), intArg(info, 4), intArg(info, 5), (int*)ptrArg(info, 6)),
        "softmax cross-entropy kernel");
  return info.Env().Undefined();
}

Napi::Object InitModule(Napi::Env env, Napi::Object exports) {
#ifdef LK_NATIVE_CPU
  lk_backend_exports(env, exports);
#else
  exports.Set("probe", Napi::Function::New(env, Probe));
  exports.Set("loadCublas", Napi::Function::New(env, LoadCublas));
  exports.Set("memInfo", Napi::Function::New(env, MemInfo));
#endif
  exports.Set("init", Napi::Function::New(env, Init));
  exports.Set("alloc", Napi::Function::New(env, Alloc));
  exports.Set("free", Napi::Function::New(env, Free));
  exports.Set("upload", Napi::Function::New(env, Upload));
  exports.Set("download", Napi::Function::New(env, Download));
  exports.Set("synchronize", Napi::Function::New(env, Synchronize));
  exports.Set("fill", Napi::Function::New(env, Fill));
  exports.Set("unary", Napi::Function::New(env, Unary));
  exports.Set("binary", Napi::Function::New(env, Binary));
  exports.Set("cast", Napi::Function::New(env, Cast));
  exports.Set("copy", Napi::Function::New(env, Copy));
  exports.Set("reduce", Napi::Function::New(env, Reduce));
  exports.Set("gather", Napi::Function::New(env, Gather));
  exports.Set("select", Napi::Function::New(env, Select));
  exports.Set("oneHot", Napi::Function::New(env, OneHot));
  exports.Set("softmax", Napi::Function::New(env, Softmax));
  exports.Set("gemm", Napi::Function::New(env, Gemm));
  exports.Set("adam", Napi::Function::New(env, Adam));
  exports.Set("sgd", Napi::Function::New(env, Sgd));
  exports.Set("sigmoidBce", Napi::Function::New(env, SigmoidBce));
  exports.Set("softmaxXent", Napi::Function::New(env, SoftmaxXent));
  return exports;
}

}  // namespace

#ifdef LK_NATIVE_CPU
NODE_API_MODULE(lrkit_native, InitModule)
#else
NODE_API_MODULE(lrkit_cuda, InitModule)
#endif
