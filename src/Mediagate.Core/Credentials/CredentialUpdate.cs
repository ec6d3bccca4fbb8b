namespace Mediagate.Credentials;

/// <summary>What an update wrote: the file's bytes before and after (null where there was no file), and the document.</summary>
public sealed record CredentialUpdate(byte[]? Before, byte[]? After, CredentialDocument Document);
