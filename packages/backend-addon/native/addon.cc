// The Node-API face of the kernels behind kernels.h's C interface, shared by every addon backend: the CUDA
// kernels (@lrkit/backend-cuda) and the CPU kernels (@lrkit/backend-native). Pointers, device or host,
// cross into JavaScript as plain numbers (CUDA's unified addresses and host addresses fit well within 2^53),
// so a kernel launch is one call with scalar arguments plus, where a shape is involved, one Int32Array of
// metadata. Every call checks the status and throws a JavaScript Error carrying the backend's message for it
// on failure. What differs between backends (the status text, the extra exports, another GEMM) comes through
// addon.h's hooks.
#include <cstdint>
#include <string>

#include <napi.h>

#include "addon.h"
#include "kernels.h"

void lk::check(const Napi::Env& env, int status, const char* what) {
  if (status != 0) {
    std::string msg = std::string(backend::name) + ": " + what + " failed: " + backend::statusString(status);
    throw Napi::Error::New(env, msg);
  }
}

namespace {

using lk::check;

// Where a message names the backend: "cuda: ...", "native: ...".
std::string prefix(const char* text) { return std::string(lk::backend::name) + ": " + text; }

void* ptrArg(const Napi::CallbackInfo& info, size_t i) {
  return (void*)(uintptr_t)info[i].As<Napi::Number>().Int64Value();
}
int intArg(const Napi::CallbackInfo& info, size_t i) { return info[i].As<Napi::Number>().Int32Value(); }
double numArg(const Napi::CallbackInfo& info, size_t i) { return info[i].As<Napi::Number>().DoubleValue(); }

// An Int32Array argument, checked to hold at least `need` values.
const int32_t* metaArg(const Napi::CallbackInfo& info, size_t i, size_t need) {
  auto a = info[i].As<Napi::Int32Array>();
  if (a.ElementLength() < need) throw Napi::Error::New(info.Env(), prefix("shape metadata is too short"));
  return a.Data();
}

int rankOf(const Napi::CallbackInfo& info, const int32_t* meta) {
  int rank = meta[0];
  if (rank < 0 || rank > LK_MAX_RANK)
    throw Napi::Error::New(info.Env(), prefix("tensors of rank above ") + std::to_string(LK_MAX_RANK) + " are not supported");
  return rank;
}

Napi::Value Init(const Napi::CallbackInfo& info) {
  check(info.Env(), lk_init(), "init");
  return info.Env().Undefined();
}

Napi::Value Alloc(const Napi::CallbackInfo& info) {
  double bytes = numArg(info, 0);
  if (bytes <= 0) return Napi::Number::New(info.Env(), 0);
  void* p = nullptr;
  check(info.Env(), lk_alloc(&p, (size_t)bytes), "alloc");
  return Napi::Number::New(info.Env(), (double)(uintptr_t)p);
}

Napi::Value Free(const Napi::CallbackInfo& info) {
  void* p = ptrArg(info, 0);
  if (p) check(info.Env(), lk_free(p), "free");
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

// gemm(a, b, bias|0, c, meta, alpha, alternate); meta: [batch, M, N, K, transA, transB, strideA, strideB, activation]
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
  bool alternate = info[6].As<Napi::Boolean>().Value();
  if (alternate && lk::backend::alternateGemm(info.Env(), a, b, bias, c, g)) return info.Env().Undefined();
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
  lk::backend::addExports(env, exports);
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

// Node finds a Node-API addon by its registration symbol, not by this name, so one name serves every backend.
NODE_API_MODULE(lrkit_addon, InitModule)
