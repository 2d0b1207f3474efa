#!/usr/bin/env python3
"""An independent evaluation of an lrkit-exported ONNX graph, for the CLI's tests: the graph's nodes run one
by one in numpy (float64), reading the model with Debian's python3-onnx. Only the operators lrkit writes
(Sub, Div, Gemm, Relu, Sigmoid, Tanh, Softmax, Mul, Add) are implemented; any other is an error.

Usage: onnx_numpy_eval.py MODEL.onnx DATA.csv  -> one JSON line: {"outputs": [[...] per row]}
The CSV's columns are picked by the model's feature_names metadata (the CLI's predict matches by name too).
"""
import csv, json, sys
import numpy as np
import onnx
from onnx import numpy_helper

model = onnx.load(sys.argv[1])
meta = {p.key: p.value for p in model.metadata_props}
features = json.loads(meta['feature_names'])
with open(sys.argv[2], newline='') as f:
    rows = [r for r in csv.reader(f) if r]
header = [h.strip() for h in rows[0]]
cols = [header.index(name) for name in features]
x = np.array([[float(r[c]) for c in cols] for r in rows[1:]], dtype=np.float32).astype(np.float64)

g = model.graph
env = {init.name: numpy_helper.to_array(init).astype(np.float64) for init in g.initializer}
env[g.input[0].name] = x


def softmax(z, axis):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


for node in g.node:
    a = [env[i] for i in node.input]
    attrs = {at.name: onnx.helper.get_attribute_value(at) for at in node.attribute}
    op = node.op_type
    if op == 'Sub': y = a[0] - a[1]
    elif op == 'Div': y = a[0] / a[1]
    elif op == 'Mul': y = a[0] * a[1]
    elif op == 'Add': y = a[0] + a[1]
    elif op == 'Gemm':
        if attrs.get('transA', 0) or attrs.get('transB', 0): raise SystemExit('Gemm with transposes is not implemented')
        y = attrs.get('alpha', 1.0) * (a[0] @ a[1]) + attrs.get('beta', 1.0) * a[2]
    elif op == 'Relu': y = np.maximum(a[0], 0)
    elif op == 'Sigmoid': y = 1 / (1 + np.exp(-a[0]))
    elif op == 'Tanh': y = np.tanh(a[0])
    elif op == 'Softmax': y = softmax(a[0], attrs.get('axis', -1))
    else: raise SystemExit(f'operator {op} is not implemented')
    env[node.output[0]] = y

print(json.dumps({'outputs': env[g.output[0].name].tolist()}))
