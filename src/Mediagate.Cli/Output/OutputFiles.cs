namespace Mediagate.Cli.Output;

/// <summary>Names the files written beside an audio output.</summary>
internal static class OutputFiles
{
    /// <summary><c>speech.wav</c> → <c>speech.words.json</c>.</summary>
    public static string WordsPath(string audioPath) => Path.ChangeExtension(audioPath, null) + ".words.json";

    /// <summary>Checks that a file can be written at <paramref name="path"/>; returns the problem, or null.</summary>
    public static string? Unwritable(string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (Directory.Exists(full))
        {
            return $"cannot write {path}: it is a directory";
        }
        if (!Directory.Exists(directory))
        {
            return $"cannot write {path}: the directory {directory} does not exist";
        }
        try
        {
            var probe = Path.Combine(directory, $".mediagate-write-test-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return $"cannot write {path}: {directory} is not writable";
        }
    }
}
