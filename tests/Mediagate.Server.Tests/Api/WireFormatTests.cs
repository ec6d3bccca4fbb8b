using System.Text.Json;
using Mediagate.Server.Accounts;
using Mediagate.Server.Api;
using Mediagate.Server.Jobs;
using Mediagate.Server.Storage;

namespace Mediagate.Server.Tests.Api;

/// <summary>The response records write what the JsonObjects they replaced wrote, byte for byte, including which empty fields are left out.</summary>
public sealed class WireFormatTests
{
    private static string Json<T>(T value) => JsonSerializer.Serialize(value, GatewayJson.Options);

    [Fact]
    public void AWebAccountShowsItsSessionWithEverySecretMaskedAndItsErrorWhenOutOfService()
    {
        var row = new AccountRow
        {
            Email = "a@example.com",
            Kind = AccountKinds.Web,
            MaxJobs = 2,
            Session = """{"ExpireTime":1767225600000,"ExpireTimeUTC":"2026-01-01T00:00:00.000Z","space_id":null,"username":"demo","ack_agreement":true,"internal":false,"need_mfa":false}""",
            Error = "Re-login failed",
        };
        Assert.Equal(
            """{"email":"a@example.com","session":{"heygen_session":"…secured…","ExpireTime":1767225600000,"ExpireTimeUTC":"2026-01-01T00:00:00.000Z","access_token":"…secured…","session_token":"…secured…","space_id":null,"token":"…secured…","username":"demo","ack_agreement":true,"internal":false,"need_mfa":false},"maxJobs":2,"password":"…secured…","error":"Re-login failed"}""",
            Json(AccountView.Of(row)));
    }

    [Fact]
    public void AWebAccountWithoutASessionShowsItsSessionFieldsAsNull()
    {
        var row = new AccountRow { Email = "a@example.com", Kind = AccountKinds.Web, MaxJobs = 1 };
        Assert.Equal(
            """{"email":"a@example.com","session":{"heygen_session":"…secured…","ExpireTime":null,"ExpireTimeUTC":null,"access_token":"…secured…","session_token":"…secured…","space_id":null,"token":"…secured…","username":null,"ack_agreement":null,"internal":null,"need_mfa":null},"maxJobs":1,"password":"…secured…"}""",
            Json(AccountView.Of(row)));
    }

    [Fact]
    public void AnApiKeyAccountShowsItsKeyMaskedAndNoSessionOrPassword()
    {
        var row = new AccountRow { Email = "k@example.com", Kind = AccountKinds.ApiKey, MaxJobs = 3 };
        Assert.Equal("""{"email":"k@example.com","apiKey":"…secured…","maxJobs":3}""", Json(AccountView.Of(row)));
    }

    [Fact]
    public void AFailedJobWritesItsCodeWithItsErrorEvenWhenTheCodeIsUnknown()
    {
        var job = new JobRow { JobId = "j1", Kind = "tts", Status = "failed", Request = """{"prompt":"“hi” <&>"}""", Error = "boom" };
        Assert.Equal(
            """{"jobid":"j1","verb":"tts","status":"failed","created":"1970-01-01T00:00:00.000Z","updated":"1970-01-01T00:00:00.000Z","email":null,"request":{"prompt":"“hi” <&>"},"error":"boom","code":null}""",
            Json(JobView.Of(job)));
        job.Error = null;
        Assert.DoesNotContain("code", Json(JobView.Of(job)), StringComparison.Ordinal);
    }

    [Fact]
    public void ASchedulerEntryWritesReplyRefExactlyWhenItHasAReplyUrl()
    {
        Assert.Equal(
            """{"jobid":"j1","verb":"tts","status":"started","started":"s","elapsed":"00:01","elapsedSeconds":1.5,"replyUrl":"http://h/","replyRef":null}""",
            Json(new RunningJob("j1", "tts", "started", "s", "00:01", 1.5, "http://h/", null)));
        Assert.Equal(
            """{"jobid":"j1","verb":"tts","status":"started","started":"s","elapsed":"00:01","elapsedSeconds":1.5}""",
            Json(new RunningJob("j1", "tts", "started", "s", "00:01", 1.5, null, "ignored without a replyUrl")));
    }

    [Fact]
    public void ARefusedLoginHasNoCodeLikeUseapis()
    {
        Assert.Equal("""{"error":"Account does not exist or password is incorrect"}""", Json(new ApiError(AccountEndpoints.LoginRejected, null)));
        Assert.Equal("""{"error":"Unauthorized","code":401}""", Json(new ApiError("Unauthorized", 401)));
    }
}
