using System.Security.Cryptography;

namespace Mediagate.Server.Jobs;

/// <summary>This gateway process: the id its jobs carry, so another process can tell they were lost if this one dies.</summary>
internal sealed class InstanceIdentity
{
    public string Id { get; } = "i" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public string Host { get; } = Environment.MachineName;

    public int Pid { get; } = Environment.ProcessId;
}
