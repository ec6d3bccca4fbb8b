using Mediagate.Audio;
using Mediagate.Http;

namespace Mediagate.Providers;

/// <summary>Decodes a provider's audio in memory; audio that cannot be decoded is the provider's failure, so the chain can fall over.</summary>
internal static class ProviderAudio
{
    /// <summary>Mono float at <paramref name="sampleRate"/>.</summary>
    public static float[] Mono(string provider, ReadOnlySpan<byte> audio, int sampleRate)
    {
        try
        {
            return AudioDecode.ToMono(audio, sampleRate);
        }
        catch (WavFormatException ex)
        {
            throw Undecodable(provider, ex);
        }
    }

    /// <summary>Interleaved stereo float at <paramref name="sampleRate"/>.</summary>
    public static float[] Stereo(string provider, ReadOnlySpan<byte> audio, int sampleRate)
    {
        try
        {
            return AudioDecode.ToStereo(audio, sampleRate);
        }
        catch (WavFormatException ex)
        {
            throw Undecodable(provider, ex);
        }
    }

    private static ProviderException Undecodable(string provider, WavFormatException ex) =>
        new(provider, ProviderFailure.BadResponse, $"{provider}'s audio could not be decoded: {ex.Message}", inner: ex);
}
