using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Mediagate.Platform;

namespace Mediagate.Soundtrack;

/// <summary>
/// A content-addressed store of finished pieces (voice lines, music, downloaded effects): each entry is a WAV file and a JSON
/// record, named by the SHA-256 of everything that determines it. The record is written last, so an entry without one is not
/// finished and is never read.
/// </summary>
public sealed class SoundtrackCache
{
    /// <summary>The build of Mediagate.Core that makes the pieces: its module version id, so entries made by other code are not reused.</summary>
    /// <remarks>
    /// The build is deterministic, so the id is a hash of everything compiled into the assembly (its source and the versions of
    /// the packages it references): any change to the mixer, the decoder or the composer gives a new id, and the same build gives
    /// the same id in every run. A hand-bumped number was forgotten, and a fixed mixer kept serving the old mixes.
    /// </remarks>
    public static string Version { get; } = typeof(SoundtrackCache).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    /// <summary>Creates a cache in <paramref name="directory"/>.</summary>
    public SoundtrackCache(string directory) => Directory = directory;

    /// <summary>The cache in <c>~/.cache/mediagate/soundtrack</c> (or under <c>$XDG_CACHE_HOME</c>).</summary>
    public static SoundtrackCache For(EnvironmentVariables environment) => new(Path.Combine(CacheDirectory.Root(environment), "soundtrack"));

    /// <summary>Where the entries are.</summary>
    public string Directory { get; }

    /// <summary>The key for a piece described by <paramref name="parts"/> (kind first).</summary>
    public static string Key(params ReadOnlySpan<string?> parts) => Key(Version, parts);

    /// <summary>The key for <paramref name="parts"/> as the build <paramref name="version"/> would make it.</summary>
    internal static string Key(string version, ReadOnlySpan<string?> parts)
    {
        var text = new StringBuilder().Append('v').Append(version);
        foreach (var part in parts)
        {
            // Length-prefixed, so that no two different lists of parts can join into the same text.
            text.Append('|').Append(part?.Length ?? -1).Append(':').Append(part);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The WAV path of an entry, whether or not it exists.</summary>
    public string AudioPath(string key) => Path.Combine(Directory, key[..2], key + ".wav");

    /// <summary>The finished entry for <paramref name="key"/>: its WAV path and record; null when there is none.</summary>
    public (string Audio, JsonObject Record)? Find(string key)
    {
        var record = RecordPath(key);
        var audio = AudioPath(key);
        if (!File.Exists(record) || !File.Exists(audio))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(File.ReadAllText(record)) is JsonObject json ? (audio, json) : null;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or IOException)
        {
            // A damaged record is a miss: the piece is made again and the record rewritten.
            return null;
        }
    }

    /// <summary>Stores interleaved samples as the 16-bit WAV of a new entry and returns its path; call <see cref="Finish"/> after it.</summary>
    public string PutAudio(string key, ReadOnlySpan<float> interleaved, int sampleRate, int channels)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(AudioPath(key))!);
        Audio.WavWriter.WriteFile(AudioPath(key), interleaved, sampleRate, channels);
        return AudioPath(key);
    }

    /// <summary>Writes the record that makes an entry visible.</summary>
    public void Finish(string key, JsonObject record) => AtomicFile.WriteAllText(RecordPath(key), record.ToJsonString());

    private string RecordPath(string key) => Path.Combine(Directory, key[..2], key + ".json");
}
