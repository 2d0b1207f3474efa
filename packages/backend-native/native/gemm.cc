// The register kernel of the backend's own GEMM (used where no BLAS is installed), built once per
// instruction set like loops.cc, and with -ffp-contract=fast so that acc += a * b becomes one FMA where the
// CPU has it. It computes an mr x nr tile of C from an A panel packed k-major in rows of mr and a B panel
// packed k-major in rows of nr (cpu_kernels.cc packs them): each k step loads nr/VL vectors of B, broadcasts
// mr values of A and does mr * nr/VL vector FMAs into accumulators that stay in registers. The sum over k
// runs in order inside the tile, so a C element's value never depends on how the work was split.
#include <cstring>

#include "isa.h"

#if defined(LK_ISA_AVX512)
#define VB 64  // bytes in a vector register
#define MR 8
#define NR 32
#elif defined(LK_ISA_AVX2)
#define VB 32
#define MR 6
#define NR 16
#else
#define VB 16
#define MR 6
#define NR 8
#endif
#define VL (VB / 4)
#define NV (NR / VL)

namespace lk {
namespace LK_ISA_NS {

typedef float vf __attribute__((vector_size(VB)));
// The same vector read from or written to an address aligned only to its element.
typedef float vfu __attribute__((vector_size(VB), aligned(4)));

extern const int kGemmMr = MR, kGemmNr = NR;

void gemmPanel(const float* ap, const float* bp, float* c, long ldc, long kc, long m, long n, int accumulate) {
  vf acc[MR][NV];
  for (int i = 0; i < MR; ++i)
    for (int v = 0; v < NV; ++v) acc[i][v] = vf{};
  for (long k = 0; k < kc; ++k) {
    vf b[NV];
    for (int v = 0; v < NV; ++v) b[v] = *(const vfu*)(bp + k * NR + v * VL);
    const float* a = ap + k * MR;
    for (int i = 0; i < MR; ++i)
      for (int v = 0; v < NV; ++v) acc[i][v] += a[i] * b[v];
  }
  if (m == MR && n == NR) {
    for (int i = 0; i < MR; ++i)
      for (int v = 0; v < NV; ++v) {
        vfu* p = (vfu*)(c + i * ldc + v * VL);
        *p = accumulate ? *p + acc[i][v] : acc[i][v];
      }
    return;
  }
  float tile[MR][NR];
  std::memcpy(tile, acc, sizeof tile);
  for (long i = 0; i < m; ++i)
    for (long j = 0; j < n; ++j) c[i * ldc + j] = accumulate ? c[i * ldc + j] + tile[i][j] : tile[i][j];
}

}  // namespace LK_ISA_NS
}  // namespace lk
