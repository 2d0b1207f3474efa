// What the CPU backend adds to @lrkit/backend-addon's Node-API glue (addon.h's hooks): its status text;
// probe() reports the instruction sets and cores; configure() sets the thread count, opens the BLAS and picks
// the instruction set, once, before the first kernel runs. (The BLAS is chosen by configure(), so gemm()
// has no other way to ask for.)
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <napi.h>

#include "addon.h"
#include "blas.h"
#include "isa.h"
#include "pool.h"

namespace lk {
extern const Blas* g_blas;

namespace {

const IsaLoops* g_isa = nullptr;

// The instruction sets this CPU can run, best first.
std::vector<const IsaLoops*> supported() {
  std::vector<const IsaLoops*> out;
#if defined(__x86_64__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw") &&
      __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("fma"))
    out.push_back(&avx512::loops);
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) out.push_back(&avx2::loops);
#endif
  out.push_back(&base::loops);
  return out;
}

}  // namespace

const IsaLoops& isa() {
  if (!g_isa) g_isa = supported().front();
  return *g_isa;
}

}  // namespace lk

const char* const lk::backend::name = "native";

const char* lk::backend::statusString(int status) {
  switch (status) {
    case 2: return "out of memory";
    case 3: return "free of a pointer this backend did not allocate";
    default: return "unknown error";
  }
}

namespace {

Napi::Value Probe(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object out = Napi::Object::New(env);
  Napi::Array isas = Napi::Array::New(env);
  uint32_t k = 0;
  for (const lk::IsaLoops* l : lk::supported()) isas.Set(k++, l->name);
  out.Set("isas", isas);
  out.Set("cores", (double)std::thread::hardware_concurrency());
  if (const char* core = lk::recommendedOpenBlasCore()) out.Set("openblasCore", core);
  return out;
}

// configure({ threads, blas: 'auto' | 'none' | library, isa: '' | name }) -> { isa, threads, blas, blasWhy? }.
// Throws where a named BLAS or instruction set cannot be used: the caller asked for it by name.
Napi::Value Configure(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object opts = info[0].As<Napi::Object>();
  int threads = opts.Get("threads").As<Napi::Number>().Int32Value();
  std::string blasMode = opts.Get("blas").As<Napi::String>().Utf8Value();
  std::string isaName = opts.Get("isa").As<Napi::String>().Utf8Value();
  if (!isaName.empty()) {
    const lk::IsaLoops* found = nullptr;
    for (const lk::IsaLoops* l : lk::supported())
      if (isaName == l->name) found = l;
    if (!found) throw Napi::Error::New(env, "instruction set '" + isaName + "' is not supported by this CPU");
    lk::g_isa = found;
  }
  std::string why;
  lk::g_blas = lk::loadBlas(blasMode, why);
  if (!lk::g_blas && blasMode != "auto" && blasMode != "none") throw Napi::Error::New(env, "cannot open BLAS '" + blasMode + "': " + why);
  lk::setThreads(threads);
  if (lk::g_blas) lk::g_blas->setThreads(threads);
  Napi::Object out = Napi::Object::New(env);
  out.Set("isa", lk::isa().name);
  out.Set("threads", lk::threadCount());
  if (lk::g_blas) {
    out.Set("blas", lk::g_blas->name);
    if (!lk::g_blas->core.empty()) out.Set("blasCore", lk::g_blas->core);
  }
  else {
    out.Set("blas", env.Null());
    out.Set("blasWhy", why);
  }
  return out;
}

}  // namespace

bool lk::backend::alternateGemm(const Napi::Env&, const float*, const float*, const float*, float*, const LkGemm&) { return false; }

namespace {

// Node unloads an addon (dlclose) when the last environment that loaded it ends, as a worker thread's
// environment does when the thread exits; the pool's threads run this library's code, and one still awake
// then crashes the process (SIGSEGV at exit). Node runs an environment's cleanup hooks before it unloads
// anything, so the last environment's hook stops the pool. Counted: the pool is process-wide and serves
// every environment that loaded the addon; results are the same with any thread count (pool.h).
std::atomic<int> g_environments{0};

void releaseEnvironment(void*) {
  if (g_environments.fetch_sub(1) == 1) lk::setThreads(1);
}

}  // namespace

void lk::backend::addExports(Napi::Env env, Napi::Object exports) {
  g_environments.fetch_add(1);
  NAPI_THROW_IF_FAILED_VOID(env, napi_add_env_cleanup_hook(env, releaseEnvironment, nullptr));
  exports.Set("probe", Napi::Function::New(env, Probe));
  exports.Set("configure", Napi::Function::New(env, Configure));
}
