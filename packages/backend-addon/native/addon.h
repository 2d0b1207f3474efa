// The seam between the shared Node-API glue (addon.cc) and one addon backend. Each backend (@lrkit/backend-cuda,
// @lrkit/backend-native) implements kernels.h's C interface and the hooks in lk::backend below in its own
// sources, and links them with addon.cc into one addon; the glue calls nothing else of the backend's.
#pragma once

#include <napi.h>

#include "kernels.h"

namespace lk {

// Throws a JavaScript Error "<backend>: <what> failed: <status text>" where a kernels.h call returned non-zero.
void check(const Napi::Env& env, int status, const char* what);

namespace backend {

// The backend's name ("cuda", "native"): the start of every error message the glue throws.
extern const char* const name;

// The text for a non-zero status returned by one of the backend's kernels.h functions.
const char* statusString(int status);

// The backend's own functions beside the kernels' (its probe, its configuration), set on the addon's exports.
void addExports(Napi::Env env, Napi::Object exports);

// gemm() called with `alternate`: runs the product the backend's other way (cuda: cuBLAS) and returns true, or
// returns false where the backend has no other way, and the kernels' lk_gemm runs it.
bool alternateGemm(const Napi::Env& env, const float* a, const float* b, const float* bias, float* c, const LkGemm& g);

}  // namespace backend
}  // namespace lk
