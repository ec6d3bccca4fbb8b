namespace Mediagate.Soundtrack;

/// <summary>
/// How the soundtrack is mixed. Levels are relative to the narration, which is set to <see cref="TargetLufs"/>; the finished
/// mix is then brought to <see cref="TargetLufs"/> integrated with its true peak at or below <see cref="CeilingDbtp"/>.
/// </summary>
public sealed record MixSettings
{
    /// <summary>The mix's sample rate.</summary>
    public const int SampleRate = 48000;

    /// <summary>Integrated loudness of the finished mix (ITU-R BS.1770 / EBU R128), LUFS.</summary>
    public double TargetLufs { get; init; } = -16;

    /// <summary>The highest true peak of the finished mix, dBTP.</summary>
    public double CeilingDbtp { get; init; } = -1;

    /// <summary>The music's integrated loudness relative to the narration, when it is not ducked (between lines), LU.</summary>
    public double MusicBedLu { get; init; } = -12;

    /// <summary>How far the music drops while the narration speaks, dB.</summary>
    public double DuckDepthDb { get; init; } = 8;

    /// <summary>How long the music takes to drop by the full depth; the drop starts this long before the voice, so it is complete when the voice starts.</summary>
    public double DuckAttackSeconds { get; init; } = 0.08;

    /// <summary>How long the music takes to come back up by the full depth after the voice stops.</summary>
    public double DuckReleaseSeconds { get; init; } = 0.6;

    /// <summary>How long a silence in the voice must last before the music comes back up (so it does not pump between words).</summary>
    public double DuckHoldSeconds { get; init; } = 0.3;

    /// <summary>A 10 ms block of the voice counts as speech when it is no more than this far below the narration's loudness, dB.</summary>
    public double VoiceGateDb { get; init; } = 30;

    /// <summary>The music's level with no narration at all, relative to the target, LU.</summary>
    public double MusicAloneLu { get; init; } = -2;

    /// <summary>Why the settings are unusable, or null.</summary>
    public string? Problem() => TargetLufs is < -40 or > -5
        ? $"loudness {TargetLufs} LUFS is out of range; use -40 to -5 (-16 is the usual target for online video, -23 for EBU R128 broadcast)"
        : null;
}
