// ONNX export and inference: filled in by its issue.
