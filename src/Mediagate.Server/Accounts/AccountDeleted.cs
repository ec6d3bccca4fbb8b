namespace Mediagate.Server.Accounts;

/// <summary>The answer to <c>DELETE /v1/heygen/accounts/{email}</c>.</summary>
/// <param name="Email">The deleted account.</param>
/// <param name="Deleted">Always true.</param>
/// <param name="Remaining">How many accounts are left.</param>
internal sealed record AccountDeleted(string Email, bool Deleted, int Remaining);
