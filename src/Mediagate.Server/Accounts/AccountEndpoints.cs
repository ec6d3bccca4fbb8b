using System.Net.Mail;
using Mediagate.Credentials;
using Mediagate.Http;
using Mediagate.Server.Api;
using Mediagate.Server.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Mediagate.Server.Accounts;

/// <summary><c>/v1/heygen/accounts</c>: add or update (verified upstream first), list, get and delete pooled accounts.</summary>
internal static class AccountEndpoints
{
    public const string LoginRejected = "Account does not exist or password is incorrect";

    public static RouteGroupBuilder MapAccounts(this RouteGroupBuilder v1)
    {
        var accounts = v1.MapGroup("/heygen/accounts").WithTags("Accounts");
        accounts.MapPost("/", SaveAsync)
            .Accepts<AccountInput>("application/json", "multipart/form-data", "application/x-www-form-urlencoded")
            .ProducesErrors(StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Add or update one of the tenant's HeyGen accounts: {email, password, maxJobs 1-10}, or {email?, apiKey, maxJobs} named by the key's own email; verified upstream before it is saved.");
        accounts.MapGet("/", ListAsync).WithSummary("Every account, keyed by email, secrets masked.");
        accounts.MapGet("/{email}", GetAsync).WithSummary("One account, secrets masked.");
        accounts.MapDelete("/{email}", DeleteAsync).WithSummary("Delete an account; its running jobs finish.");
        return accounts;
    }

    private static async Task<Results<Created<AccountView>, BadRequest<ApiError>, JsonHttpResult<ApiError>, BadGateway>> SaveAsync(
        HttpRequest request, GatewayOptions options, AccountStore store, Upstream upstream, LoginLimiter limiter, ILogger<AccountStore> log)
    {
        var tenant = request.HttpContext.Caller().TenantId;
        var fields = await RequestFields.ReadAsync(request, options);
        var email = Fields.Text(fields, "email", 320)?.Trim();
        var password = Fields.Text(fields, "password", 1024);
        var apiKey = Fields.Text(fields, "apiKey", 1024)?.Trim();
        if (email is not null && !IsEmail(email))
        {
            throw ApiException.BadRequest($"email '{email}' is not a well-formed email address");
        }
        if (apiKey is null)
        {
            if (email is null)
            {
                throw ApiException.BadRequest("email is required");
            }
            if (password is null)
            {
                throw ApiException.BadRequest("password is required (or send apiKey for a HeyGen API-key account)");
            }
        }
        else if (password is not null)
        {
            throw ApiException.BadRequest("send either password or apiKey, not both");
        }
        var maxJobs = Fields.Integer(fields, "maxJobs", 1, 10) ?? throw ApiException.BadRequest("maxJobs is required: an integer from 1 to 10");
        var cancel = request.HttpContext.RequestAborted;
        if (limiter.RetryAfter(tenant, email) is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiErrors.Error(StatusCodes.Status429TooManyRequests,
                $"too many failed HeyGen logins for this tenant or email in the last minute; check the password or key, then retry in {seconds} s");
        }
        if (apiKey is null)
        {
            Providers.HeyGen.HeyGenWebSession session;
            try
            {
                // Every save logs in, an update too: only the account's password can change its configuration.
                session = await upstream.Login.LoginAsync(email!, password!, cancel);
            }
            catch (ProviderException ex) when (ex.Failure is ProviderFailure.KeyRejected or ProviderFailure.Refused)
            {
                limiter.Failed(tenant, email);
                return TypedResults.BadRequest(new ApiError(LoginRejected, null));
            }
            catch (ProviderException ex)
            {
                return UpstreamDown(ex, log);
            }
            return TypedResults.Created((string?)null, AccountView.Of(await store.SaveWebAsync(tenant, email!, password!, maxJobs, session, cancel)));
        }
        Providers.HeyGen.HeyGenAccount account;
        try
        {
            account = await upstream.Identity.GetAccountAsync(new HeyGenCredential(CredentialSource.Env, CredentialType.ApiKey, apiKey, "new gateway account"), cancel);
        }
        catch (ProviderException ex) when (ex.Failure is ProviderFailure.KeyRejected or ProviderFailure.Refused)
        {
            limiter.Failed(tenant, email);
            return TypedResults.BadRequest(new ApiError("HeyGen rejected the API key; check it, or create a new one in HeyGen's settings", null));
        }
        catch (ProviderException ex)
        {
            return UpstreamDown(ex, log);
        }
        // The account is the one HeyGen says the key belongs to, never the one the caller names: a key of one account must
        // not replace another account's configuration.
        var owner = account.Email?.Trim();
        if (owner is null || !IsEmail(owner))
        {
            throw ApiException.BadRequest("HeyGen did not say which account the API key belongs to (GET /v3/users/me has no email), so it cannot be added; use the account's email and password instead");
        }
        if (email is not null && AccountStore.KeyOf(email) != AccountStore.KeyOf(owner))
        {
            throw ApiException.BadRequest($"the API key belongs to HeyGen account {owner}, not {email}; leave email out, or send the key of {email}");
        }
        return TypedResults.Created((string?)null, AccountView.Of(await store.SaveApiKeyAsync(tenant, owner, apiKey, maxJobs, cancel)));
    }

    private static async Task<Results<PreSerialized<Dictionary<string, AccountView>>, NotFound<ApiError>>> ListAsync(AccountStore store, HttpContext http) =>
        await store.ListingAsync(http.Caller().TenantId, http.RequestAborted) is { } json ? new PreSerialized<Dictionary<string, AccountView>>(json) : ApiErrors.NotFound(NoAccounts);

    private static async Task<Results<Ok<AccountView>, NotFound<ApiError>>> GetAsync(string email, AccountStore store, HttpContext http) =>
        await store.FindAsync(http.Caller().TenantId, email, http.RequestAborted) is { } row ? TypedResults.Ok(AccountView.Of(row)) : ApiErrors.NotFound(Unknown(email));

    private static async Task<Results<Ok<AccountDeleted>, NotFound<ApiError>>> DeleteAsync(string email, AccountStore store, HttpContext http) =>
        await store.DeleteAsync(http.Caller().TenantId, email, http.RequestAborted) is { } remaining
            ? TypedResults.Ok(new AccountDeleted(email, true, remaining))
            : ApiErrors.NotFound(Unknown(email));

    public const string NoAccounts = "configuration not found: no HeyGen account is configured; add one with POST /v1/heygen/accounts";

    public static string Unknown(string email) => $"Unable to find configuration for account {email}; list them with GET /v1/heygen/accounts";

    private static BadGateway UpstreamDown(ProviderException ex, ILogger log) => new(
        $"HeyGen could not verify the account, so nothing was saved: {UpstreamFailure.ForClient(ex, log)}");

    private static bool IsEmail(string text) =>
        MailAddress.TryCreate(text, out var address) && address.Address == text && address.Host.Contains('.') && !text.Contains(' ');
}

/// <summary>The body of POST /v1/heygen/accounts (for the OpenAPI document).</summary>
/// <param name="Email">The HeyGen login email.</param>
/// <param name="Password">The HeyGen password (web accounts).</param>
/// <param name="ApiKey">A HeyGen API key (API-key accounts), instead of a password.</param>
/// <param name="MaxJobs">At most this many concurrent jobs on the account: 1 to 10.</param>
internal sealed record AccountInput(string? Email, string? Password, string? ApiKey, int MaxJobs);
