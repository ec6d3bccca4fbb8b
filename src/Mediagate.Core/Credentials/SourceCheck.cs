namespace Mediagate.Credentials;

/// <summary>One place the resolver looked for a credential, and what it found there.</summary>
/// <param name="Name">The variable name or file path.</param>
/// <param name="Used">True for the source that won.</param>
/// <param name="Reason">Why it was used or skipped, in one phrase.</param>
public sealed record SourceCheck(string Name, bool Used, string Reason);
