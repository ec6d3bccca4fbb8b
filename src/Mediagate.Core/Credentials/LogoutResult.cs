namespace Mediagate.Credentials;

/// <summary>What <c>auth logout</c> did to the file.</summary>
public enum LogoutAction
{
    /// <summary>There was no file.</summary>
    NothingToRemove,

    /// <summary>The file was deleted.</summary>
    Deleted,

    /// <summary>Only the OAuth block was removed (<c>--keep-api-key</c>).</summary>
    OAuthRemoved,

    /// <summary>The file held keys of other tools, so it was rewritten without Mediagate's keys instead of deleted.</summary>
    Rewritten,
}

/// <summary>The result of <c>auth logout</c>.</summary>
/// <param name="Notes">Revocation notes, e.g. a non-2xx answer.</param>
/// <param name="ActiveEnvVariable">A variable whose credential stays active after logout.</param>
public sealed record LogoutResult(LogoutAction Action, string FilePath, IReadOnlyList<string> Notes, string? ActiveEnvVariable);
