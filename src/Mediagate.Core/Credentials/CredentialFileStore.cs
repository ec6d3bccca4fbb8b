using System.Text;
using Mediagate.Platform;

namespace Mediagate.Credentials;

/// <summary>Reads and writes the shared credentials file safely: locked, atomic, and private (0600 in a 0700 directory).</summary>
public sealed class CredentialFileStore
{
    private const UnixFileMode FileMode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode DirectoryMode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates a store for the file at <paramref name="filePath"/>.</summary>
    public CredentialFileStore(string filePath, TimeSpan? lockTimeout = null)
    {
        FilePath = Path.GetFullPath(filePath);
        DirectoryPath = Path.GetDirectoryName(FilePath)!;
        LockTimeout = lockTimeout ?? TimeSpan.FromSeconds(10);
    }

    /// <summary>The store named by <c>HEYGEN_CONFIG_DIR</c>, or <c>~/.heygen/credentials</c>.</summary>
    public static CredentialFileStore ForEnvironment(EnvironmentVariables environment) => new(DefaultPath(environment));

    /// <summary>The credentials file path that the environment selects.</summary>
    public static string DefaultPath(EnvironmentVariables environment) =>
        Path.Combine(environment.Get("HEYGEN_CONFIG_DIR") ?? Path.Combine(environment.HomeDirectory, ".heygen"), "credentials");

    /// <summary>The credentials file.</summary>
    public string FilePath { get; }

    /// <summary>The directory that holds it.</summary>
    public string DirectoryPath { get; }

    /// <summary>The lock file that serialises writers across processes.</summary>
    public string LockPath => Path.Combine(DirectoryPath, "credentials.lock");

    /// <summary>How long a writer waits for another process's lock.</summary>
    public TimeSpan LockTimeout { get; }

    /// <summary>Reads the file.</summary>
    /// <returns>The document, or null when the file is missing or empty.</returns>
    /// <exception cref="CredentialException">The file is malformed.</exception>
    public CredentialDocument? Read() => ReadBytes() is { } bytes ? CredentialDocument.Parse(Decode(bytes), FilePath) : null;

    /// <summary>A warning when the file can be read by the group or others, else null.</summary>
    public string? PermissionWarning()
    {
        if (OperatingSystem.IsWindows() || !File.Exists(FilePath))
        {
            return null;
        }
        var mode = File.GetUnixFileMode(FilePath);
        if ((mode & GroupOrOther) == 0)
        {
            return null;
        }
        var octal = Convert.ToString((int)mode, 8);
        return $"{FilePath} is readable by other users (mode 0{octal}); it will be set to 0600 on the next write, or run: chmod 600 '{FilePath}'";
    }

    /// <summary>Reads, changes and writes the file under the cross-process lock, so that no concurrent update is lost.</summary>
    /// <param name="change">Changes the document; return false to leave the file untouched.</param>
    /// <returns>The bytes before and after the change (null where there was no file).</returns>
    /// <exception cref="CredentialException">The existing file is malformed; it is never overwritten silently.</exception>
    public CredentialUpdate Update(Func<CredentialDocument, bool> change)
    {
        EnsureDirectory();
        using var _ = FileLock.Acquire(LockPath, LockTimeout);
        var before = ReadBytes();
        var document = (before is null ? null : CredentialDocument.Parse(Decode(before), FilePath)) ?? CredentialDocument.Empty();
        if (!change(document))
        {
            return new CredentialUpdate(before, before, document);
        }
        if (document.IsEmpty)
        {
            File.Delete(FilePath);
            Libc.FsyncDirectory(DirectoryPath);
            return new CredentialUpdate(before, null, document);
        }
        var after = document.ToBytes();
        WriteAtomically(after);
        return new CredentialUpdate(before, after, document);
    }

    /// <summary>Undoes <paramref name="update"/>: restores the old bytes exactly, or deletes a file that did not exist.</summary>
    /// <remarks>If another process changed the file since, only <paramref name="revertField"/> is reverted, so its change is kept.</remarks>
    public void Rollback(CredentialUpdate update, Action<CredentialDocument, CredentialDocument?> revertField)
    {
        EnsureDirectory();
        using var _ = FileLock.Acquire(LockPath, LockTimeout);
        var current = ReadBytes();
        if (SameBytes(current, update.After))
        {
            if (update.Before is null)
            {
                File.Delete(FilePath);
                Libc.FsyncDirectory(DirectoryPath);
            }
            else
            {
                WriteAtomically(update.Before);
            }
            return;
        }
        if (current is null)
        {
            return;
        }
        var document = CredentialDocument.Parse(Decode(current), FilePath) ?? CredentialDocument.Empty();
        var previous = update.Before is null ? null : CredentialDocument.Parse(Decode(update.Before), FilePath);
        revertField(document, previous);
        if (document.IsEmpty)
        {
            File.Delete(FilePath);
        }
        else
        {
            WriteAtomically(document.ToBytes());
        }
    }

    /// <summary>Deletes the file under the lock.</summary>
    /// <returns>True when a file was deleted.</returns>
    public bool Delete()
    {
        if (!Directory.Exists(DirectoryPath))
        {
            return false;
        }
        using var _ = FileLock.Acquire(LockPath, LockTimeout);
        if (!File.Exists(FilePath))
        {
            return false;
        }
        File.Delete(FilePath);
        Libc.FsyncDirectory(DirectoryPath);
        return true;
    }

    /// <summary>Writes <paramref name="bytes"/> to a 0600 temp file beside the target, fsyncs it, and renames it over the target.</summary>
    private void WriteAtomically(byte[] bytes)
    {
        using var file = AtomicFile.Create(FilePath, OperatingSystem.IsWindows() ? null : FileMode0600);
        file.Stream.Write(bytes);
        file.Commit();
    }

    private void EnsureDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(DirectoryPath);
            return;
        }
        if (!Directory.Exists(DirectoryPath))
        {
            Directory.CreateDirectory(DirectoryPath, DirectoryMode0700);
        }
        try
        {
            File.SetUnixFileMode(DirectoryPath, DirectoryMode0700);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            // The peer ignores a chmod failure on a directory it does not own; so do we.
        }
    }

    private byte[]? ReadBytes()
    {
        try
        {
            return File.ReadAllBytes(FilePath);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static string Decode(byte[] bytes) => new UTF8Encoding(false, throwOnInvalidBytes: false).GetString(bytes);

    private static bool SameBytes(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);
}
