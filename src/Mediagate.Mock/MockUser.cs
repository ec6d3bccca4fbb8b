namespace Mediagate.Mock;

/// <summary>An account the mock knows, returned by <c>GET /v3/users/me</c>.</summary>
public sealed record MockUser(
    string Email,
    string FirstName = "Demo",
    string LastName = "User",
    string Username = "demo",
    string BillingType = "subscription",
    string Plan = "creator",
    decimal PremiumCredits = 120,
    decimal WalletBalance = 25.5m);
