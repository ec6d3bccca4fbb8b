namespace Mediagate.Models;

/// <summary>Where an installed file stands.</summary>
public enum ModelFileStatus
{
    /// <summary>Not on disk.</summary>
    Missing,

    /// <summary>A pull stopped part way; the next pull resumes it.</summary>
    Partial,

    /// <summary>On disk with a size other than the pin: never used.</summary>
    WrongSize,

    /// <summary>The right size, but not hashed since it last changed (copied in by hand): <c>models verify</c> checks it.</summary>
    Unverified,

    /// <summary>Hashed since it last changed, and the hash matched the pin.</summary>
    Verified,

    /// <summary>Hashed since it last changed, and the hash did not match the pin: never used.</summary>
    Corrupt,
}

/// <summary>One file of a model on disk.</summary>
/// <param name="File">The pin.</param>
/// <param name="Path">Where it is, or would be.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="BytesOnDisk">The file's size, or the part file's when <see cref="ModelFileStatus.Partial"/>; 0 when missing.</param>
public sealed record ModelFileState(ModelFile File, string Path, ModelFileStatus Status, long BytesOnDisk)
{
    /// <summary>True when a provider may load it.</summary>
    public bool IsUsable => Status == ModelFileStatus.Verified;
}
