
namespace Mediagate.Platform;

/// <summary>Writes a file under a temp name beside the target and renames it into place only when complete, so a crash never leaves a half-written file that looks finished.</summary>
public sealed class AtomicFile : IDisposable
{
    private bool _committed;

    private AtomicFile(string target, string temp, FileStream stream)
    {
        TargetPath = target;
        TempPath = temp;
        Stream = stream;
    }

    /// <summary>The final path.</summary>
    public string TargetPath { get; }

    /// <summary>The temp path being written.</summary>
    public string TempPath { get; }

    /// <summary>The stream to write.</summary>
    public FileStream Stream { get; }

    /// <summary>Opens a temp file beside <paramref name="path"/>, created with <paramref name="mode"/> when given (on Unix), so it is never readable more widely even for an instant.</summary>
    /// <exception cref="IOException">The directory does not exist or is not writable; the message says which.</exception>
    public static AtomicFile Create(string path, UnixFileMode? mode = null)
    {
        var target = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(directory))
        {
            throw new IOException($"cannot write {path}: the directory {directory} does not exist");
        }
        if (Directory.Exists(target))
        {
            throw new IOException($"cannot write {path}: it is a directory");
        }
        var temp = Path.Combine(directory, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 1 << 16 };
            if (mode is { } unixMode && !OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = unixMode;
            }
            var file = new AtomicFile(target, temp, new FileStream(temp, options));
            if (mode is { } exact && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, exact);
            }
            return file;
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new IOException($"cannot write {path}: permission denied in {directory}", ex);
        }
    }

    /// <summary>Flushes the temp file to disk, renames it over the target, and fsyncs the directory so the rename survives a crash.</summary>
    public void Commit()
    {
        Stream.Flush(flushToDisk: true);
        Stream.Dispose();
        File.Move(TempPath, TargetPath, overwrite: true);
        _committed = true;
        Libc.FsyncDirectory(Path.GetDirectoryName(TargetPath)!);
    }

    /// <summary>Deletes the temp file unless it was committed.</summary>
    public void Dispose()
    {
        if (_committed)
        {
            return;
        }
        Stream.Dispose();
        try
        {
            File.Delete(TempPath);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        using var file = Create(path);
        file.Stream.Write(bytes);
        file.Commit();
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text)
    {
        using var file = Create(path);
        using (var writer = new StreamWriter(file.Stream, new System.Text.UTF8Encoding(false), leaveOpen: true))
        {
            writer.Write(text);
        }
        file.Commit();
    }
}
