namespace Mediagate.Local.Kokoro;

/// <summary>One Kokoro voice: 510 style vectors of 256 floats, one for each length of phoneme input.</summary>
public sealed class KokoroVoiceTable
{
    /// <summary>Rows in a voice: one per token count.</summary>
    public const int Rows = 510;

    /// <summary>The length of one style vector.</summary>
    public const int StyleSize = 256;

    private readonly float[] _values;

    /// <summary>Wraps <paramref name="values"/>, row after row.</summary>
    /// <exception cref="ArgumentException">It does not hold 510 × 256 values.</exception>
    public KokoroVoiceTable(string name, float[] values)
    {
        if (values.Length != Rows * StyleSize)
        {
            throw new ArgumentException($"a Kokoro voice holds {Rows} × {StyleSize} values, not {values.Length}", nameof(values));
        }
        Name = name;
        _values = values;
    }

    /// <summary>The voice's id (<c>af_heart</c>).</summary>
    public string Name { get; }

    /// <summary>The row for <paramref name="tokenCount"/> phoneme tokens (pads not counted): <c>voice[min(n, 509)]</c>.</summary>
    public static int RowFor(int tokenCount) => Math.Clamp(tokenCount, 0, Rows - 1);

    /// <summary>The style vector for <paramref name="tokenCount"/> phoneme tokens.</summary>
    public ReadOnlySpan<float> StyleFor(int tokenCount) => _values.AsSpan(RowFor(tokenCount) * StyleSize, StyleSize);
}
