using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Mediagate.Local.Kokoro;

/// <summary>
/// A Kokoro ONNX export, in-process on the CPU. Its input and output names and types are read from the model, so both the
/// kokoro-onnx export (<c>tokens</c>, float <c>speed</c>, <c>audio</c>) and the onnx-community ones (<c>input_ids</c>,
/// <c>waveform</c>, and in the timestamped exports a per-token <c>durations</c> output) run, as do exports with an integer speed.
/// </summary>
public sealed class KokoroModel : IDisposable
{
    /// <summary>The model's output rate.</summary>
    public const int SampleRate = 24000;

    /// <summary>Samples per duration frame: the durations output counts frames of 1/40 s at 24 kHz.</summary>
    public const int SamplesPerFrame = 600;

    private readonly InferenceSession _session;
    private readonly string _tokens;
    private readonly string _style;
    private readonly string _speed;
    private readonly Type _speedType;
    private readonly string _waveform;
    private readonly string? _durations;

    /// <summary>Loads the model at <paramref name="path"/>.</summary>
    /// <exception cref="OnnxRuntimeException">The file is not a model ONNX Runtime loads.</exception>
    /// <exception cref="InvalidDataException">The model does not have Kokoro's inputs.</exception>
    public KokoroModel(string path)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        _session = new InferenceSession(path, options);
        try
        {
            var inputs = _session.InputMetadata;
            _tokens = Find(inputs, ["tokens", "input_ids"], m => m.ElementType == typeof(long)) ?? throw Missing(path, "a tokens or input_ids input (int64)");
            _style = Find(inputs, ["style", "ref_s"], m => m.ElementType == typeof(float) && m.Dimensions.LastOrDefault() is 256 or -1)
                ?? throw Missing(path, "a style input (float32 [1, 256])");
            _speed = Find(inputs, ["speed"], _ => false) ?? throw Missing(path, "a speed input");
            _speedType = inputs[_speed].ElementType;
            var outputs = _session.OutputMetadata;
            _durations = Find(outputs, ["durations", "duration", "pred_dur"], m => m.Name.Contains("dur", StringComparison.OrdinalIgnoreCase));
            _waveform = Find(outputs, ["waveform", "audio", "output"], m => m.ElementType == typeof(float) && m.Name != _durations)
                ?? throw Missing(path, "a float32 waveform output");
            var config = _session.ModelMetadata.CustomMetadataMap.GetValueOrDefault("kokoro_config");
            Vocabulary = config is null ? null : KokoroVocabulary.FromConfigJson(config);
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    /// <summary>True when the export predicts a duration for every token, so word timings need no aligner.</summary>
    public bool HasDurations => _durations is not null;

    /// <summary>The vocabulary the export carries in its metadata (<c>kokoro_config</c>), or null for Kokoro v1.0's.</summary>
    public KokoroVocabulary? Vocabulary { get; }

    /// <summary>The names the model was found to use: tokens, style, speed (with its type), waveform and durations.</summary>
    public string Signature => $"{_tokens}, {_style}, {_speed} ({_speedType.Name}) → {_waveform}{(_durations is null ? "" : ", " + _durations)}";

    /// <summary>Speaks one chunk: ids with their pads, the voice's style row, and the speed; gives 24 kHz audio and, when the export has them, each token's duration in frames.</summary>
    public (float[] Audio, double[]? Durations) Run(long[] ids, ReadOnlySpan<float> style, double speed)
    {
        using var tokens = OrtValue.CreateTensorValueFromMemory(ids, [1, ids.Length]);
        using var styleValue = OrtValue.CreateTensorValueFromMemory(style.ToArray(), [1, style.Length]);
        using var speedValue = SpeedValue(speed);
        string[] outputNames = _durations is null ? [_waveform] : [_waveform, _durations];
        using var runOptions = new RunOptions();
        using var results = _session.Run(runOptions, [_tokens, _style, _speed], [tokens, styleValue, speedValue], outputNames);
        var audio = results[0].GetTensorDataAsSpan<float>().ToArray();
        return (audio, _durations is null ? null : ReadNumbers(results[1]));
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private OrtValue SpeedValue(double speed) => _speedType switch
    {
        _ when _speedType == typeof(float) => OrtValue.CreateTensorValueFromMemory(new[] { (float)speed }, [1]),
        _ when _speedType == typeof(double) => OrtValue.CreateTensorValueFromMemory(new[] { speed }, [1]),
        _ when _speedType == typeof(int) => OrtValue.CreateTensorValueFromMemory(new[] { Math.Max(1, (int)Math.Round(speed)) }, [1]),
        _ when _speedType == typeof(long) => OrtValue.CreateTensorValueFromMemory(new[] { Math.Max(1L, (long)Math.Round(speed)) }, [1]),
        _ => throw new InvalidDataException($"the Kokoro model's speed input is {_speedType.Name}; Mediagate passes float, double or integer speeds"),
    };

    private static double[] ReadNumbers(OrtValue value)
    {
        var type = value.GetTensorTypeAndShape().ElementDataType;
        return type switch
        {
            TensorElementType.Float => [.. value.GetTensorDataAsSpan<float>().ToArray().Select(v => (double)v)],
            TensorElementType.Double => value.GetTensorDataAsSpan<double>().ToArray(),
            TensorElementType.Int64 => [.. value.GetTensorDataAsSpan<long>().ToArray().Select(v => (double)v)],
            TensorElementType.Int32 => [.. value.GetTensorDataAsSpan<int>().ToArray().Select(v => (double)v)],
            _ => throw new InvalidDataException($"the Kokoro model's durations output is {type}; Mediagate reads float or integer durations"),
        };
    }

    /// <summary>The input or output called one of <paramref name="names"/>, else the first that <paramref name="fits"/>.</summary>
    private static string? Find(IReadOnlyDictionary<string, NodeMetadata> nodes, string[] names, Func<(string Name, Type ElementType, int[] Dimensions), bool> fits)
    {
        foreach (var name in names)
        {
            if (nodes.ContainsKey(name))
            {
                return name;
            }
        }
        return nodes.Where(n => n.Value.IsTensor).Select(n => n.Key).FirstOrDefault(n => fits((n, nodes[n].ElementType, nodes[n].Dimensions)));
    }

    private static InvalidDataException Missing(string path, string what) =>
        new($"{path} is not a Kokoro model: it has no {what}; run `mediagate models pull kokoro` to get the right file");
}
