using System.Collections.Concurrent;
using Mediagate.Mock.Faults;

namespace Mediagate.Mock;

/// <summary>Everything the mock remembers: issued tokens and codes, injected faults, received requests, and concurrency per key.</summary>
public sealed class MockState
{
    private readonly object _faultGate = new();
    private readonly List<InjectedFault> _faults = [];
    private readonly List<InjectedFault> _ledger = [];
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, int> _inFlight = new();
    private readonly ConcurrentDictionary<string, int> _maxInFlight = new();
    private readonly ConcurrentQueue<string> _devicePollScript = new();
    private readonly ConcurrentQueue<string> _revoked = new();

    /// <summary>Creates the state for a set of options.</summary>
    public MockState(MockOptions options, TimeProvider time)
    {
        Options = options;
        Time = time;
        foreach (var fault in options.Faults)
        {
            AddFault(fault);
        }
    }

    /// <summary>The audio the mock serves, made by the local engines.</summary>
    public Media.MockMedia Media { get; } = new();

    /// <summary>What the mock accepts.</summary>
    public MockOptions Options { get; }

    /// <summary>The base URL clients are told to use: <see cref="MockOptions.PublicUrl"/> (with the port filled in), else the listening address.</summary>
    public Uri PublicBaseUrl { get; internal set; } = new("http://127.0.0.1/");

    /// <summary>The mock's clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>Issued access tokens.</summary>
    internal ConcurrentDictionary<string, IssuedToken> AccessTokens { get; } = new();

    /// <summary>Issued refresh tokens and the user each belongs to.</summary>
    internal ConcurrentDictionary<string, MockUser> RefreshTokens { get; } = new();

    /// <summary>Authorization codes not yet exchanged.</summary>
    internal ConcurrentDictionary<string, AuthorizationCode> Codes { get; } = new();

    /// <summary>Voices cloned through <c>POST /v3/voices/clone</c>, by id.</summary>
    internal ConcurrentDictionary<string, HeyGen.VoiceClone> VoiceClones { get; } = new();

    /// <summary>Device grants by device code.</summary>
    internal ConcurrentDictionary<string, DeviceGrant> DeviceGrants { get; } = new();

    /// <summary>Every request received, oldest first (admin routes excluded).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Tokens revoked through the revocation endpoint, in order.</summary>
    public IReadOnlyList<string> RevokedTokens => _revoked.ToArray();

    /// <summary>The most requests that were ever in flight at once, per credential.</summary>
    public IReadOnlyDictionary<string, int> MaxInFlight => new Dictionary<string, int>(_maxInFlight);

    /// <summary>Every fault injected so far, in order, with how often it fired; cleared and spent faults stay listed.</summary>
    /// <remarks>A test that injects a fault its code never meets proves nothing, so test fixtures fail on <see cref="FaultUse.Unspent"/> ones.</remarks>
    public IReadOnlyList<FaultUse> FaultLedger
    {
        get
        {
            lock (_faultGate)
            {
                return [.. _ledger.Select(f => new FaultUse(f.Rule, f.Fired, f.Left, f.Active))];
            }
        }
    }

    /// <summary>Adds a fault.</summary>
    public void AddFault(FaultRule rule)
    {
        lock (_faultGate)
        {
            var fault = new InjectedFault(rule) { Left = rule.Times, Pass = Math.Max(0, rule.After), Active = true };
            _faults.Add(fault);
            _ledger.Add(fault);
        }
    }

    /// <summary>Removes every fault (the ledger keeps them, marked inactive).</summary>
    public void ClearFaults()
    {
        lock (_faultGate)
        {
            foreach (var fault in _faults)
            {
                fault.Active = false;
            }
            _faults.Clear();
        }
    }

    /// <summary>Forgets the recorded requests and concurrency figures.</summary>
    public void ClearRequests()
    {
        _requests.Clear();
        _maxInFlight.Clear();
    }

    /// <summary>Sets the answers of the next device polls, in order: authorization_pending, slow_down, access_denied, expired_token, or approve.</summary>
    public void ScriptDevicePolls(params IEnumerable<string> outcomes)
    {
        _devicePollScript.Clear();
        foreach (var outcome in outcomes)
        {
            _devicePollScript.Enqueue(outcome);
        }
    }

    /// <summary>Approves or denies a device grant by its user code, as a person would in the browser.</summary>
    public bool DecideDevice(string userCode, bool approve)
    {
        var grant = DeviceGrants.Values.FirstOrDefault(g => string.Equals(g.UserCode, userCode, StringComparison.OrdinalIgnoreCase));
        if (grant is null)
        {
            return false;
        }
        grant.Decision = approve ? "approve" : "access_denied";
        return true;
    }

    internal string? NextScriptedPoll() => _devicePollScript.TryDequeue(out var next) ? next : null;

    internal void Revoke(string token) => _revoked.Enqueue(token);

    internal FaultRule? TakeFault(string path, string? key)
    {
        lock (_faultGate)
        {
            for (var i = 0; i < _faults.Count; i++)
            {
                var fault = _faults[i];
                if (!path.StartsWith(fault.Rule.PathPrefix, StringComparison.OrdinalIgnoreCase) || (fault.Rule.Key is not null && fault.Rule.Key != key))
                {
                    continue;
                }
                if (fault.Pass > 0)
                {
                    fault.Pass--;
                    continue;
                }
                fault.Fired++;
                if (fault.Left is { } n)
                {
                    fault.Left = n - 1;
                    if (n <= 1)
                    {
                        fault.Active = false;
                        _faults.RemoveAt(i);
                    }
                }
                return fault.Rule;
            }
            return null;
        }
    }

    internal void Record(RecordedRequest request) => _requests.Enqueue(request);

    internal void Enter(string key)
    {
        var now = _inFlight.AddOrUpdate(key, 1, (_, n) => n + 1);
        _maxInFlight.AddOrUpdate(key, now, (_, max) => Math.Max(max, now));
    }

    internal void Leave(string key) => _inFlight.AddOrUpdate(key, 0, (_, n) => n - 1);
}

/// <summary>An access token the mock issued.</summary>
internal sealed record IssuedToken(MockUser User, DateTimeOffset ExpiresAt)
{
    public bool Revoked { get; set; }
}

/// <summary>An authorization code waiting to be exchanged.</summary>
internal sealed record AuthorizationCode(string ClientId, string RedirectUri, string Challenge, DateTimeOffset ExpiresAt);

/// <summary>A device authorization in progress.</summary>
internal sealed record DeviceGrant(string DeviceCode, string UserCode, string ClientId, DateTimeOffset ExpiresAt)
{
    public string? Decision { get; set; }

    public DateTimeOffset? LastPoll { get; set; }
}
