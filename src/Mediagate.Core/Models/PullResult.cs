namespace Mediagate.Models;

/// <summary>What a pull of one file did.</summary>
/// <param name="State">The file's state afterwards: verified.</param>
/// <param name="AlreadyInstalled">It was installed and verified before; nothing was downloaded.</param>
/// <param name="ResumedFrom">The bytes of an earlier part file that were kept (0 when it started afresh).</param>
/// <param name="RangeIgnored">The server ignored the Range request, so the download started again from 0.</param>
/// <param name="Source">The URL the bytes came from, after redirects.</param>
public sealed record PullResult(ModelFileState State, bool AlreadyInstalled, long ResumedFrom, bool RangeIgnored, Uri? Source);
