using Mediagate.Audio;

namespace Mediagate.Tests.Audio;

public sealed class Pcm16Tests
{
    [Fact]
    public void QuantizedAudioWrittenAndReadBackIsTheSameAudio()
    {
        var random = new Random(7);
        var samples = Enumerable.Range(0, 48000).Select(i => (float)(random.NextDouble() * 2.2 - 1.1)).ToArray();
        samples[0] = 1f;
        samples[1] = -1f;
        samples[2] = 0.99999f;
        Pcm16.Quantize(samples);

        using var wav = new MemoryStream();
        var writer = new WavWriter(wav, 48000, 1);
        writer.Write(samples);
        writer.Complete();
        wav.Position = 0;
        using var reader = WavReader.Open(wav);
        var back = reader.ReadAll();

        Assert.Equal(samples, back);
        Assert.Equal(32767 / 32768f, back[0]);
        Assert.Equal(-1f, back[1]);
    }
}
