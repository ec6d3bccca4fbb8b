namespace Mediagate.Models;

/// <summary>Recognises "no space left on device" in an <see cref="IOException"/>, on Unix and on Windows.</summary>
internal static class DiskFull
{
    /// <summary>ENOSPC on Linux and macOS.</summary>
    internal const int Enospc = 28;

    private const int ErrorHandleDiskFull = unchecked((int)0x80070027);
    private const int ErrorDiskFull = unchecked((int)0x80070070);

    public static bool Is(IOException exception) => exception.HResult is Enospc or ErrorHandleDiskFull or ErrorDiskFull;

    public static ModelException Explain(string directory, long needed, IOException exception) =>
        new($"the disk holding {directory} is full ({needed:N0} more bytes were needed)",
            "free some space there, or set MEDIAGATE_MODELS_DIR to a directory on a larger disk, then run the command again", exception);
}
