namespace Mediagate.Platform;

/// <summary>Where the <c>.env</c> walk-up started and what it found.</summary>
/// <param name="StartDirectory">The directory the walk started in (the cwd, or a project directory).</param>
/// <param name="File">The first <c>.env</c> file found, or null.</param>
/// <param name="Problem">Why a <c>.env</c> that exists was not used (unreadable), or null.</param>
public sealed record DotEnvSearch(string StartDirectory, DotEnvFile? File, string? Problem);
