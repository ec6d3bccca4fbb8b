namespace Mediagate.Captions;

/// <summary>Subtitle conventions: at most 42 characters a line, 2 lines a cue, and 1 to 7 seconds on screen.</summary>
public sealed record CaptionOptions
{
    /// <summary>Characters per line.</summary>
    public int MaxLineLength { get; init; } = 42;

    /// <summary>Lines per cue.</summary>
    public int MaxLines { get; init; } = 2;

    /// <summary>The shortest time a cue stays on screen, in seconds, where the next cue leaves room.</summary>
    public double MinDuration { get; init; } = 1.0;

    /// <summary>The longest a cue may span, in seconds.</summary>
    public double MaxDuration { get; init; } = 7.0;

    /// <summary>A silence longer than this, in seconds, closes the cue, so no caption lingers through a long pause.</summary>
    public double MaxGap { get; init; } = 1.2;
}
