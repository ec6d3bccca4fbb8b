using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace Mediagate.Server.Jobs;

/// <summary>
/// Marks the gateway's own webhook deliveries (<c>X-Mediagate-Delivery</c>, a short-lived Data Protection token of the job id),
/// so that a delivery to the gateway itself is not counted as a failed authentication. Every process that shares the key ring
/// can read every other's marks.
/// </summary>
internal sealed class DeliveryMark(IDataProtectionProvider provider)
{
    public const string Header = "X-Mediagate-Delivery";
    public const string JobHeader = "X-Mediagate-Job";

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("Mediagate.Gateway.WebhookDelivery.v1").ToTimeLimitedDataProtector();

    public string For(string jobId) => _protector.Protect(jobId, Lifetime);

    /// <summary>True when the request carries a live mark for the job it names.</summary>
    public bool IsOwnDelivery(HttpRequest request)
    {
        var mark = request.Headers[Header].ToString();
        var job = request.Headers[JobHeader].ToString();
        if (mark.Length is 0 or > 1024 || job.Length == 0)
        {
            return false;
        }
        try
        {
            return _protector.Unprotect(mark, out _) == job;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
