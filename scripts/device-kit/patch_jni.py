#!/usr/bin/env python3
"""Changes to DJL 0.36.0's PyTorch JNI sources (Apache-2.0) for scripts/device-check.sh.

Run in the folder that holds engines/ and api/ (the kit's djl/). Each change names the text it
expects and stops with an error when that text is missing, so a changed source is noticed.

1. BETADARTS_CUDNN_TF32=0|1, read once when the library loads, sets libtorch's
   allow_tf32 for cuDNN convolutions (PyTorch's default: on, which rounds convolution inputs to
   TF32 on Ampere and later GPUs). The engine tests compare GPU values with CPU values and turn it
   off; the benchmarks keep PyTorch's default, as the PyTorch side of the comparison does.
2. bfloat16 (`--precision bf16`): the type code DJL's Java side gives it (11, DataType.BFLOAT16's
   ordinal) is mapped to and from torch::kBFloat16 (the prebuilt library ends the process on it),
   and a conversion between types (`torchTo`, NDArray.toType/toDevice) keeps its gradient, as
   PyTorch's Tensor.to does, instead of running under a NoGradGuard: the bf16 layers cast their
   float32 input and weight and must pass the gradient back through the casts.
"""
import pathlib
import sys

NATIVE = pathlib.Path("engines/pytorch/pytorch-native/src/main/native")
CACHE = NATIVE / "ai_djl_pytorch_jni_cache.cc"
UTILS = NATIVE / "djl_pytorch_utils.h"
TENSOR = NATIVE / "ai_djl_pytorch_jni_PyTorchLibrary_tensor.cc"


def replace_once(path, old, new):
    text = path.read_text()
    if new in text:
        return  # already applied
    if text.count(old) != 1:
        sys.exit(f"patch_jni.py: {path}: expected text not found once: {old!r}")
    path.write_text(text.replace(old, new))


def main():
    replace_once(CACHE, '#include "ai_djl_pytorch_jni_cache.h"\n',
                 '#include "ai_djl_pytorch_jni_cache.h"\n\n#include <ATen/Context.h>\n\n#include <cstdlib>\n'
                 '#include <cstring>\n')
    replace_once(CACHE, "  jclass temp_class;\n",
                 "  const char* tf32 = std::getenv(\"BETADARTS_CUDNN_TF32\");\n"
                 "  if (tf32 != nullptr) {\n"
                 "    at::globalContext().setAllowTF32CuDNN(std::strcmp(tf32, \"0\") != 0);\n"
                 "  }\n"
                 "  jclass temp_class;\n")
    replace_once(UTILS, "  } else if (torch::kComplexFloat == type) {\n    return 8;\n  } else {\n",
                 "  } else if (torch::kComplexFloat == type) {\n    return 8;\n"
                 "  } else if (torch::kBFloat16 == type) {\n    return 11;\n  } else {\n")
    replace_once(UTILS, "    case 8:\n      return torch::kComplexFloat;\n    default:\n",
                 "    case 8:\n      return torch::kComplexFloat;\n    case 11:\n      return torch::kBFloat16;\n"
                 "    default:\n")
    replace_once(TENSOR, "    JNIEnv* env, jobject jthis, jlong jhandle, jint jdtype, jintArray jdevice) {\n  API_BEGIN()\n"
                 "  torch::NoGradGuard NoGradGuard;\n  const auto* tensor_ptr = reinterpret_cast<torch::Tensor*>(jhandle);\n"
                 "  const auto device = utils::GetDeviceFromJDevice(env, jdevice);\n",
                 "    JNIEnv* env, jobject jthis, jlong jhandle, jint jdtype, jintArray jdevice) {\n  API_BEGIN()\n"
                 "  const auto* tensor_ptr = reinterpret_cast<torch::Tensor*>(jhandle);\n"
                 "  const auto device = utils::GetDeviceFromJDevice(env, jdevice);\n")
    print("patch_jni.py: applied")


if __name__ == "__main__":
    main()
