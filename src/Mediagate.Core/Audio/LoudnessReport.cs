namespace Mediagate.Audio;

/// <summary>A programme's loudness per ITU-R BS.1770-4 and EBU R128.</summary>
/// <param name="IntegratedLufs">Gated integrated loudness, LUFS (−∞ for silence).</param>
/// <param name="LoudnessRangeLu">Loudness range (EBU Tech 3342), LU.</param>
/// <param name="TruePeakDbtp">The highest inter-sample peak, dBTP (4× oversampling).</param>
/// <param name="SamplePeakDbfs">The highest sample, dBFS.</param>
/// <param name="DurationSeconds">How much audio was measured.</param>
/// <param name="MomentaryMaxLufs">The loudest 400 ms window, LUFS: the measure for short sounds, which integrated gating does not suit.</param>
public sealed record LoudnessReport(double IntegratedLufs, double LoudnessRangeLu, double TruePeakDbtp, double SamplePeakDbfs, double DurationSeconds, double MomentaryMaxLufs)
{
    /// <summary>The report after a gain of <paramref name="gainDb"/>: every level moves by exactly that, and the range does not change.</summary>
    public LoudnessReport Shifted(double gainDb) => this with
    {
        IntegratedLufs = IntegratedLufs + gainDb,
        MomentaryMaxLufs = MomentaryMaxLufs + gainDb,
        TruePeakDbtp = TruePeakDbtp + gainDb,
        SamplePeakDbfs = SamplePeakDbfs + gainDb,
    };
}
