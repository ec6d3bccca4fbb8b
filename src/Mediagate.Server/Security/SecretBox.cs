using System.Text.Json;
using Mediagate.Platform;
using Mediagate.Server.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace Mediagate.Server.Security;

/// <summary>
/// Encrypts upstream secrets and webhook secrets at rest with ASP.NET Core Data Protection. The key ring lives in
/// <c>DATA/keys</c> at 0600; every gateway process and <c>mediagate tokens</c> on the same data directory share it.
/// </summary>
internal sealed class SecretBox
{
    /// <summary>The application name that isolates the gateway's keys from any other app's.</summary>
    public const string ApplicationName = "mediagate-gateway";

    private readonly IDataProtector _accounts;
    private readonly IDataProtector _webhooks;

    public SecretBox(IDataProtectionProvider provider)
    {
        _accounts = provider.CreateProtector("Mediagate.Gateway.AccountSecrets.v1");
        _webhooks = provider.CreateProtector("Mediagate.Gateway.WebhookSecret.v1");
    }

    /// <summary>Registers Data Protection with the key ring in <paramref name="dataDirectory"/>.</summary>
    public static IServiceCollection AddTo(IServiceCollection services, string dataDirectory)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.Configure<KeyManagementOptions>(options => options.XmlRepository = new PrivateKeyRepository(KeyDirectory(dataDirectory)));
        services.AddSingleton<SecretBox>();
        return services;
    }

    /// <summary>A box outside the web host, for <c>mediagate tokens</c>.</summary>
    public static SecretBox Standalone(string dataDirectory)
    {
        var provider = AddTo(new ServiceCollection(), dataDirectory).BuildServiceProvider();
        var box = provider.GetRequiredService<SecretBox>();
        box.EnsureKey(dataDirectory);
        return box;
    }

    /// <summary>The key ring's directory.</summary>
    public static string KeyDirectory(string dataDirectory) => Path.Combine(dataDirectory, "keys");

    /// <summary>
    /// Makes sure the key ring has a key, under a file lock: two processes starting at once would otherwise each make their own
    /// key and fail to read each other's secrets until their rings refresh.
    /// </summary>
    public void EnsureKey(string dataDirectory)
    {
        GatewayStore.CreatePrivateDirectory(dataDirectory);
        using var gate = FileLock.Acquire(Path.Combine(dataDirectory, "keys.lock"), TimeSpan.FromSeconds(30));
        _ = _webhooks.Unprotect(_webhooks.Protect("probe"));
    }

    public string Protect(AccountSecrets secrets) => _accounts.Protect(JsonSerializer.Serialize(secrets));

    public AccountSecrets UnprotectAccount(string protectedSecrets) =>
        JsonSerializer.Deserialize<AccountSecrets>(_accounts.Unprotect(protectedSecrets)) ?? new AccountSecrets();

    public string ProtectWebhookSecret(string secret) => _webhooks.Protect(secret);

    public string UnprotectWebhookSecret(string protectedSecret) => _webhooks.Unprotect(protectedSecret);
}

/// <summary>An account's upstream secrets, as they are before encryption.</summary>
internal sealed record AccountSecrets
{
    public string? Password { get; init; }

    public string? ApiKey { get; init; }

    public string? HeygenSession { get; init; }

    public string? AccessToken { get; init; }

    public string? SessionToken { get; init; }

    public string? Token { get; init; }
}
