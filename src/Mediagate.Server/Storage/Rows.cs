namespace Mediagate.Server.Storage;

// The tables. Times are Unix milliseconds (UTC), which sort and compare the same way on SQLite and PostgreSQL.

/// <summary>A tenant: one configuration of accounts and jobs, which all its tokens share and no other token sees.</summary>
internal sealed class TenantRow
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    public long CreatedAt { get; set; }
}

/// <summary>An API token: its hash, never the token itself.</summary>
internal sealed class ApiTokenRow
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The tenant whose accounts and jobs the token reaches.</summary>
    public long TenantId { get; set; }

    /// <summary>SHA-256 of the token's secret part.</summary>
    public byte[] SecretHash { get; set; } = [];

    /// <summary>The webhook signing secret, encrypted with Data Protection.</summary>
    public string WebhookSecret { get; set; } = "";

    public long CreatedAt { get; set; }

    public long? ExpiresAt { get; set; }

    public long? RevokedAt { get; set; }
}

/// <summary>An upstream HeyGen account and its slot counter.</summary>
internal sealed class AccountRow
{
    /// <summary>The row's identity: a job holding a slot names it, so its release frees this row's slot and no other's.</summary>
    public long Id { get; set; }

    public long TenantId { get; set; }

    /// <summary>The email in lower case: unique within the tenant.</summary>
    public string Key { get; set; } = "";

    /// <summary>The email as the user wrote it.</summary>
    public string Email { get; set; } = "";

    /// <summary><see cref="AccountKinds.Web"/> or <see cref="AccountKinds.ApiKey"/>.</summary>
    public string Kind { get; set; } = AccountKinds.Web;

    public int MaxJobs { get; set; }

    /// <summary>Jobs holding one of this account's slots; changed only together with the job rows, in one transaction.</summary>
    public int Running { get; set; }

    /// <summary>The password, API key and session tokens, encrypted with Data Protection.</summary>
    public string Secrets { get; set; } = "";

    /// <summary>The session's public fields as JSON (expiry, space, username, flags).</summary>
    public string? Session { get; set; }

    public long? SessionExpiresAt { get; set; }

    /// <summary>Why the account is out of service (a failed re-login), or null.</summary>
    public string? Error { get; set; }

    /// <summary>
    /// When the account was deleted. The row stays, out of every list and pick, while jobs still hold its slots, so adding the
    /// account again brings back the same row and its <c>Running</c>; the sweeper removes it once nothing runs on it.
    /// </summary>
    public long? DeletedAt { get; set; }

    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }
}

/// <summary>The kinds of account.</summary>
internal static class AccountKinds
{
    public const string Web = "web";
    public const string ApiKey = "apiKey";
}

/// <summary>One piece of work: a sync or async TTS call, or an OpenAI speech call.</summary>
internal sealed class JobRow
{
    public string JobId { get; set; } = "";

    public long TokenId { get; set; }

    /// <summary>The tenant of the token that made it; every token of that tenant sees it.</summary>
    public long TenantId { get; set; }

    public string Kind { get; set; } = "";

    /// <summary>The account key (email in lower case) the job runs on.</summary>
    public string? Email { get; set; }

    /// <summary>The account row whose slot the job took.</summary>
    public long? AccountId { get; set; }

    public string Status { get; set; } = JobStatus.Created;

    public bool Async { get; set; }

    public string Request { get; set; } = "{}";

    public string? Response { get; set; }

    public string? Error { get; set; }

    public int? ErrorCode { get; set; }

    public string? ReplyUrl { get; set; }

    public string? ReplyRef { get; set; }

    /// <summary>The process running it.</summary>
    public string? Instance { get; set; }

    /// <summary>True while the job counts against its account's <c>Running</c>.</summary>
    public bool HoldsSlot { get; set; }

    /// <summary>null, pending, delivered or failed.</summary>
    public string? Webhook { get; set; }

    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }

    public long? StartedAt { get; set; }

    /// <summary>The characters the job asked to be spoken (speech jobs), for metering.</summary>
    public int? Characters { get; set; }

    /// <summary>The seconds of audio the job made (speech jobs that completed), for metering.</summary>
    public double? AudioSeconds { get; set; }
}

/// <summary>A voice cloned through the gateway's <c>POST /v3/voices/clone</c>: the tenant that owns it and the account it lives on.</summary>
/// <remarks>A clone exists on one HeyGen account only, so its speech, status and deletion must go to that account, and no other tenant may see it.</remarks>
internal sealed class VoiceCloneRow
{
    /// <summary>HeyGen's <c>voice_clone_id</c> (also the voice id).</summary>
    public string VoiceId { get; set; } = "";

    public long TenantId { get; set; }

    /// <summary>The account row the clone was made on.</summary>
    public long AccountId { get; set; }

    public string Name { get; set; } = "";

    public long CreatedAt { get; set; }
}

/// <summary>The job statuses of the useapi.net contract.</summary>
internal static class JobStatus
{
    public const string Created = "created";
    public const string Started = "started";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

/// <summary>One attempt to deliver a job's webhook.</summary>
internal sealed class DeliveryRow
{
    public long Id { get; set; }

    public string JobId { get; set; } = "";

    public int Attempt { get; set; }

    public long At { get; set; }

    public int? StatusCode { get; set; }

    public string? Error { get; set; }
}

/// <summary>A running gateway process, kept alive by its heartbeat.</summary>
internal sealed class InstanceRow
{
    public string Id { get; set; } = "";

    public string Host { get; set; } = "";

    public int Pid { get; set; }

    public long StartedAt { get; set; }

    public long HeartbeatAt { get; set; }
}
