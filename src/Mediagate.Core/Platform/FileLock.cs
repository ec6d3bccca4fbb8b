namespace Mediagate.Platform;

/// <summary>An exclusive advisory lock on a lock file, held across processes until disposed.</summary>
/// <remarks>
/// .NET opens a file with <see cref="FileShare.None"/> under <c>flock(LOCK_EX | LOCK_NB)</c> on Unix, so holding such a stream is the lock;
/// a second opener gets a sharing violation and waits here. The lock lives on a separate file because the guarded file is replaced by
/// rename on every write, and a lock on the old inode would not exclude a writer that opened the new one.
/// Setting <c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c> turns .NET's file locking, and so this lock, off.
/// </remarks>
public sealed class FileLock : IDisposable
{
    private const int SharingViolation = unchecked((int)0x80070020);
    private const int LinuxWouldBlock = 11;
    private const int MacWouldBlock = 35;

    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    /// <summary>Waits for the lock on <paramref name="lockPath"/> up to <paramref name="timeout"/>.</summary>
    /// <exception cref="TimeoutException">Another process held the lock for the whole timeout.</exception>
    public static FileLock Acquire(string lockPath, TimeSpan timeout)
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        var pause = 1;
        while (true)
        {
            try
            {
                return new FileLock(new FileStream(lockPath, options));
            }
            catch (IOException ex) when (IsHeldElsewhere(ex))
            {
                if (Environment.TickCount64 > deadline)
                {
                    throw new TimeoutException($"Another process has held {lockPath} for over {timeout.TotalSeconds:0} s; if none is running, delete that file.", ex);
                }
                Thread.Sleep(pause);
                pause = Math.Min(pause * 2, 25);
            }
        }
    }

    /// <summary>True when the open failed because another process holds the lock: EWOULDBLOCK from flock on Unix (.NET reports the errno as the HResult), a sharing violation on Windows.</summary>
    private static bool IsHeldElsewhere(IOException ex) =>
        ex.HResult == SharingViolation || ex.HResult == (OperatingSystem.IsMacOS() ? MacWouldBlock : LinuxWouldBlock);

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
