# The addon: CUDA kernels (compiled by nvcc through the rule below) plus the Node-API glue (compiled by the
# host C++ compiler). cudart is linked statically, so loading the addon needs no CUDA library on the search
# path; the runtime opens the driver (libcuda.so.1) itself on first use. scripts/build-addon.mjs runs this.
# It lives in native/, not the package root: a binding.gyp at the root makes package managers run
# `node-gyp rebuild` on install, which must never happen (an install cannot depend on nvcc).
{
  "variables": {
    "cuda_home%": "/usr/local/cuda",
    "nvcc%": "<(cuda_home)/bin/nvcc"
  },
  "targets": [
    {
      "target_name": "lrkit_cuda",
      "sources": ["addon.cc", "cublas_loader.cc", "kernels.cu"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")", "<(cuda_home)/include", "."],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS"],
      "cflags_cc!": ["-fno-exceptions"],
      "cflags_cc": ["-std=c++17", "-fexceptions", "-O2"],
      "libraries": ["-L<(cuda_home)/lib64", "-lcudart_static", "-ldl", "-lrt", "-lpthread"],
      "rules": [
        {
          "rule_name": "nvcc",
          "extension": "cu",
          "inputs": ["<(RULE_INPUT_PATH)"],
          "outputs": ["<(INTERMEDIATE_DIR)/<(RULE_INPUT_ROOT).o"],
          "message": "nvcc <(RULE_INPUT_PATH)",
          "process_outputs_as_sources": 1,
          "action": [
            "<(nvcc)", "-std=c++17", "-O3", "-Xcompiler", "-fPIC",
            "-gencode", "arch=compute_90,code=sm_90",
            "-gencode", "arch=compute_90,code=compute_90",
            "-I.", "-c", "<@(_inputs)", "-o", "<@(_outputs)"
          ]
        }
      ]
    }
  ]
}
