namespace Mediagate.Models;

/// <summary>How far a file's download has got.</summary>
/// <param name="File">The file.</param>
/// <param name="Received">Bytes in the part file so far, including any resumed from.</param>
/// <param name="ResumedFrom">Bytes that were already there when this attempt started.</param>
public sealed record DownloadProgress(ModelFile File, long Received, long ResumedFrom)
{
    /// <summary>0 to 1.</summary>
    public double Fraction => File.Size == 0 ? 1 : (double)Received / File.Size;
}
