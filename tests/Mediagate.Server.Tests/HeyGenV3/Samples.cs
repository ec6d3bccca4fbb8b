namespace Mediagate.Server.Tests.HeyGenV3;

/// <summary>Audio to clone a voice from.</summary>
internal static class Samples
{
    /// <summary>A 16 kHz mono 16-bit WAV of a 220 Hz tone, <paramref name="seconds"/> long.</summary>
    public static byte[] Wav(double seconds)
    {
        const int rate = 16000;
        var samples = (int)(rate * seconds);
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(36 + (samples * 2));
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(rate);
        writer.Write(rate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples * 2);
        for (var i = 0; i < samples; i++)
        {
            writer.Write((short)(8000 * Math.Sin(2 * Math.PI * 220 * i / rate)));
        }
        writer.Flush();
        return stream.ToArray();
    }
}
