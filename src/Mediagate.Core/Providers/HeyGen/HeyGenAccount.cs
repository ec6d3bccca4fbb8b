using Mediagate.Credentials;

namespace Mediagate.Providers.HeyGen;

/// <summary>Who a HeyGen credential belongs to, and the state of its billing, as <c>GET /v3/users/me</c> reports it.</summary>
public sealed record HeyGenAccount(
    string? Email,
    string? Username,
    string? FirstName,
    string? LastName,
    string? BillingType,
    HeyGenWallet? Wallet,
    HeyGenSubscription? Subscription,
    HeyGenUsage? Usage)
{
    /// <summary>Set when the base is a Mediagate gateway rather than HeyGen: the tenant, its pool and its capacity.</summary>
    public MediagateGateway? Gateway { get; init; }

    /// <summary>The identity part, as cached in the credentials file.</summary>
    public StoredUser ToStoredUser() => new(Email, FirstName, LastName, Username);

    /// <summary>The best name to show.</summary>
    public string DisplayName => ToStoredUser().DisplayName ?? "(unknown user)";
}

/// <summary>A pay-as-you-go wallet.</summary>
public sealed record HeyGenWallet(string? Currency, decimal? RemainingBalance, bool? AutoReload);

/// <summary>A subscription plan and its credits.</summary>
public sealed record HeyGenSubscription(string? Plan, HeyGenCredits? PremiumCredits, HeyGenCredits? AddOnCredits);

/// <summary>A credit balance and when it resets.</summary>
public sealed record HeyGenCredits(decimal? Remaining, string? ResetsAt);

/// <summary>Usage-based spending against a cap.</summary>
public sealed record HeyGenUsage(decimal? SpendingCurrentUsd, decimal? SpendingCapUsd);
