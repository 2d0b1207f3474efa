// What the CUDA backend adds to @lrkit/backend-addon's Node-API glue (addon.h's hooks): CUDA's status text,
// probe() (the driver and device, without initialising CUDA), cuBLAS loaded at run time as the other matrix
// product, and memInfo().
#include <dlfcn.h>

#include <string>

#include <napi.h>

#include "addon.h"
#include "cublas_loader.h"
#include "cuda_compat.h"

const char* const lk::backend::name = "cuda";

const char* lk::backend::statusString(int status) { return cudaGetErrorString((cudaError_t)status); }

bool lk::backend::alternateGemm(const Napi::Env& env, const float* a, const float* b, const float* bias, float* c, const LkGemm& g) {
  // cuBLAS has no empty products and no bias/activation epilogue: those are the kernels' own.
  if (g.K <= 0 || g.M <= 0 || g.N <= 0 || g.batch <= 0) return false;
  int st = lk::cublasGemm(a, b, c, g.batch, g.M, g.N, g.K, g.transA != 0, g.transB != 0, g.strideA, g.strideB);
  if (st != 0) throw Napi::Error::New(env, "cuda: cublasSgemmStridedBatched failed with status " + std::to_string(st));
  lk::check(env, lk_bias_act(c, bias, g.batch * g.M, g.N, g.activation, g.alpha), "bias/activation kernel");
  return true;
}

namespace {

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

Napi::Value LoadCublas(const Napi::CallbackInfo& info) {
  std::string why;
  if (!lk::cublasLoad(lk_stream(), why)) return Napi::String::New(info.Env(), why);
  return info.Env().Null();
}

Napi::Value MemInfo(const Napi::CallbackInfo& info) {
  size_t freeB = 0, totalB = 0;
  lk::check(info.Env(), (int)cudaMemGetInfo(&freeB, &totalB), "cudaMemGetInfo");
  Napi::Object out = Napi::Object::New(info.Env());
  out.Set("free", (double)freeB);
  out.Set("total", (double)totalB);
  return out;
}

}  // namespace

void lk::backend::addExports(Napi::Env env, Napi::Object exports) {
  exports.Set("probe", Napi::Function::New(env, Probe));
  exports.Set("loadCublas", Napi::Function::New(env, LoadCublas));
  exports.Set("memInfo", Napi::Function::New(env, MemInfo));
}
