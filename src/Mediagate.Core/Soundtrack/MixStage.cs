using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Mediagate.Audio;
using Mediagate.Http;

namespace Mediagate.Soundtrack;

/// <summary>The mix as made, with its audio.</summary>
internal sealed record MadeMix(MixOutcome Outcome, AudioPiece Audio);

/// <summary>The mix stage: ducks, sums and normalises, or reuses the mix of exactly the same audio with the same settings (keyed by a hash of the samples themselves).</summary>
internal sealed class MixStage(SoundtrackJobContext context, SoundtrackLayout layout)
{
    private const int Rate = MixSettings.SampleRate;

    public async Task<MadeMix> MixAsync(MixInput input, MixSettings settings, CancellationToken cancellationToken)
    {
        var key = Key(input, settings);
        if (context.Cache.Find(key) is { } hit && JsonFields.Double(hit.Record, "integrated_lufs") is { } integrated)
        {
            var cachedLoudness = new LoudnessReport(integrated, JsonFields.Double(hit.Record, "loudness_range_lu") ?? 0,
                JsonFields.Double(hit.Record, "true_peak_dbtp") ?? double.NegativeInfinity, JsonFields.Double(hit.Record, "sample_peak_dbfs") ?? double.NegativeInfinity,
                input.Frames / (double)Rate, JsonFields.Double(hit.Record, "momentary_max_lufs") ?? double.NegativeInfinity);
            context.Progress?.Invoke(new PieceUpdate("mix", PieceState.Cached, $"{integrated:0.0} LUFS"));
            // The mix itself is never read back: the output step copies the cached file as it is.
            return new MadeMix(new MixOutcome(layout.Mix, cachedLoudness, JsonFields.Double(hit.Record, "music_gain_db"), JsonFields.Double(hit.Record, "limited_db") ?? 0, true),
                new AudioPiece([], 2, hit.Audio));
        }
        context.Progress?.Invoke(new PieceUpdate("mix", PieceState.Working));
        var result = await Task.Run(() => Mixer.Mix(input, settings, cancellationToken), cancellationToken).ConfigureAwait(false);
        var stored = context.Cache.PutAudio(key, result.Stereo, Rate, 2);
        var loudness = result.Loudness;
        var record = new JsonObject
        {
            ["music_gain_db"] = result.MusicGainDb,
            ["limited_db"] = result.LimitedDb,
        };
        // Silence measures as negative infinity, which JSON cannot hold; a record without the figure is simply not reused.
        foreach (var (name, value) in new[] { ("integrated_lufs", loudness.IntegratedLufs), ("loudness_range_lu", loudness.LoudnessRangeLu),
            ("true_peak_dbtp", loudness.TruePeakDbtp), ("sample_peak_dbfs", loudness.SamplePeakDbfs), ("momentary_max_lufs", loudness.MomentaryMaxLufs) })
        {
            if (double.IsFinite(value))
            {
                record[name] = value;
            }
        }
        context.Cache.Finish(key, record);
        context.Progress?.Invoke(new PieceUpdate("mix", PieceState.Done, $"{loudness.IntegratedLufs:0.0} LUFS, {loudness.TruePeakDbtp:0.0} dBTP"));
        return new MadeMix(new MixOutcome(layout.Mix, loudness, result.MusicGainDb, result.LimitedDb, false), new AudioPiece(result.Stereo, 2, stored));
    }

    private static string Key(MixInput input, MixSettings settings)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(ReadOnlySpan<float> samples) => hash.AppendData(MemoryMarshal.AsBytes(samples));
        void Number(double value) => hash.AppendData(BitConverter.GetBytes(value));
        Number(input.Frames);
        foreach (var clip in input.Voice)
        {
            Number(clip.OffsetFrames);
            Number(clip.Samples.Length);
            Add(clip.Samples);
        }
        Number(input.Music?.Length ?? -1);
        Add(input.Music ?? []);
        foreach (var clip in input.Effects)
        {
            Number(clip.OffsetFrames);
            Number(clip.Volume);
            Number(clip.Stereo.Length);
            Add(clip.Stereo);
        }
        return SoundtrackCache.Key("mix", settings.ToString(), Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
