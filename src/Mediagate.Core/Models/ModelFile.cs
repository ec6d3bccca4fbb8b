namespace Mediagate.Models;

/// <summary>One pinned model file: where it comes from, how big it is, its SHA-256 and its licence.</summary>
/// <param name="FileName">The name it has on disk and under a mirror's base URL.</param>
/// <param name="Url">The upstream download URL.</param>
/// <param name="Size">The exact size in bytes.</param>
/// <param name="Sha256">The SHA-256 of the whole file, lower-case hex.</param>
/// <param name="Licence">The SPDX id of its licence.</param>
public sealed record ModelFile(string FileName, Uri Url, long Size, string Sha256, string Licence)
{
    /// <summary>Where to fetch it: the upstream URL, or the same file name under <paramref name="mirror"/> when one is set.</summary>
    public Uri Source(Uri? mirror) =>
        mirror is null ? Url : new Uri(mirror.AbsoluteUri.TrimEnd('/') + "/" + Uri.EscapeDataString(FileName));
}
