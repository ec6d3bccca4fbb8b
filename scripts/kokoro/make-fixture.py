#!/usr/bin/python3
"""Writes two tiny ONNX models with Kokoro-82M's signature, for tests that cannot have the real 300 MB model.

  kokoro-tiny.onnx            kokoro-onnx's names: tokens int64 [1, T], style float32 [1, 256], speed float32 [1] -> audio float32 [N]
  kokoro-tiny-durations.onnx  onnx-community's:    input_ids, style, speed -> waveform float32 [1, N], durations int64 [1, T]

Each token lasts ceil((2 + id % 3) / speed) frames of 600 samples (1/40 s at 24 kHz), so the waveform's length follows the
token count and the speed. The waveform is a 220 Hz tone, swelling and fading at 3 Hz, whose peak is the mean of the style
vector: a test can tell from the audio which style row it was given.

Needs Debian's python3-onnx. Run from the repository root with Debian's interpreter: /usr/bin/python3 scripts/kokoro/make-fixture.py
"""
import math
import os

import onnx
from onnx import TensorProto, helper

OUT = os.path.join("tests", "Mediagate.Core.Tests", "Fixtures", "kokoro")


def const(name, value, dtype=TensorProto.FLOAT, dims=()):
    values = value if isinstance(value, list) else [value]
    return helper.make_node("Constant", [], [name], value=helper.make_tensor(name + "_v", dtype, list(dims), values))


def build(tokens_name, waveform_name, with_durations):
    nodes = [
        const("axis", 0, TensorProto.INT64),
        const("three", 3, TensorProto.INT64),
        const("two", 2.0),
        const("frame", 600, TensorProto.INT64),
        const("tone", 2 * math.pi * 220 / 24000),
        const("swell", 2 * math.pi * 3 / 24000),
        const("half", 0.5),
        const("n_shape", [1], TensorProto.INT64, dims=[1]),
        # Frames per token: ceil((2 + id % 3) / speed).
        helper.make_node("Mod", [tokens_name, "three"], ["rest"]),
        helper.make_node("Cast", ["rest"], ["rest_f"], to=TensorProto.FLOAT),
        helper.make_node("Add", ["rest_f", "two"], ["base"]),
        helper.make_node("Div", ["base", "speed"], ["scaled"]),
        helper.make_node("Ceil", ["scaled"], ["frames_f"]),
        helper.make_node("Cast", ["frames_f"], ["durations"], to=TensorProto.INT64),
        # N = sum(frames) * 600 samples.
        helper.make_node("ReduceSum", ["durations"], ["total"], keepdims=0),
        helper.make_node("Mul", ["total", "frame"], ["samples"]),
        helper.make_node("Reshape", ["samples", "n_shape"], ["length"]),
        helper.make_node("ConstantOfShape", ["length"], ["ones"], value=helper.make_tensor("o", TensorProto.FLOAT, [1], [1.0])),
        helper.make_node("CumSum", ["ones", "axis"], ["index"]),
        helper.make_node("Mul", ["index", "tone"], ["phase"]),
        helper.make_node("Sin", ["phase"], ["carrier"]),
        helper.make_node("Mul", ["index", "swell"], ["slow"]),
        helper.make_node("Sin", ["slow"], ["wave"]),
        helper.make_node("Mul", ["wave", "half"], ["wave_half"]),
        helper.make_node("Add", ["wave_half", "half"], ["envelope"]),
        helper.make_node("ReduceMean", ["style"], ["peak"], keepdims=0),
        helper.make_node("Mul", ["carrier", "envelope"], ["shaped"]),
        helper.make_node("Mul", ["shaped", "peak"], ["flat"]),
    ]
    outputs = []
    if waveform_name == "waveform":
        nodes.append(const("wave_shape", [1, -1], TensorProto.INT64, dims=[2]))
        nodes.append(helper.make_node("Reshape", ["flat", "wave_shape"], [waveform_name]))
        outputs.append(helper.make_tensor_value_info(waveform_name, TensorProto.FLOAT, [1, "N"]))
    else:
        nodes.append(helper.make_node("Identity", ["flat"], [waveform_name]))
        outputs.append(helper.make_tensor_value_info(waveform_name, TensorProto.FLOAT, ["N"]))
    if with_durations:
        outputs.append(helper.make_tensor_value_info("durations", TensorProto.INT64, [1, "T"]))
    inputs = [
        helper.make_tensor_value_info(tokens_name, TensorProto.INT64, [1, "T"]),
        helper.make_tensor_value_info("style", TensorProto.FLOAT, [1, 256]),
        helper.make_tensor_value_info("speed", TensorProto.FLOAT, [1]),
    ]
    graph = helper.make_graph(nodes, "kokoro-tiny", inputs, outputs)
    model = helper.make_model(graph, producer_name="mediagate scripts/kokoro/make-fixture.py", opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    onnx.save(build("tokens", "audio", False), os.path.join(OUT, "kokoro-tiny.onnx"))
    onnx.save(build("input_ids", "waveform", True), os.path.join(OUT, "kokoro-tiny-durations.onnx"))
    print("wrote", OUT)
