namespace Mediagate.Credentials;

/// <summary>The cached identity kept in the credentials file's <c>user</c> block.</summary>
public sealed record StoredUser(string? Email, string? FirstName, string? LastName, string? Username)
{
    /// <summary>The best name to show: the email, else the full name, else the username.</summary>
    public string? DisplayName =>
        Email ?? (string.Join(' ', new[] { FirstName, LastName }.Where(p => !string.IsNullOrWhiteSpace(p))) is { Length: > 0 } full
            ? full
            : Username);
}
