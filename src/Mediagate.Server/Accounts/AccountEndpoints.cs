using System.Net.Mail;
using Mediagate.Credentials;
using Mediagate.Http;
using Mediagate.Server.Api;
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
            .WithSummary("Add or update a HeyGen account: {email, password, maxJobs 1-10}, or {email?, apiKey, maxJobs}; verified upstream before it is saved.");
        accounts.MapGet("/", ListAsync).WithSummary("Every account, keyed by email, secrets masked.");
        accounts.MapGet("/{email}", GetAsync).WithSummary("One account, secrets masked.");
        accounts.MapDelete("/{email}", DeleteAsync).WithSummary("Delete an account; its running jobs finish.");
        return accounts;
    }

    private static async Task<Results<Created<AccountView>, BadRequest<ApiError>, BadGateway>> SaveAsync(HttpRequest request, GatewayOptions options, AccountStore store, Upstream upstream, ILogger<AccountStore> log)
    {
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
        if (apiKey is null)
        {
            Providers.HeyGen.HeyGenWebSession session;
            try
            {
                session = await upstream.Login.LoginAsync(email!, password!, cancel);
            }
            catch (ProviderException ex) when (ex.Failure is ProviderFailure.KeyRejected or ProviderFailure.Refused)
            {
                return TypedResults.BadRequest(new ApiError(LoginRejected, null));
            }
            catch (ProviderException ex)
            {
                return UpstreamDown(ex, log);
            }
            return TypedResults.Created((string?)null, AccountView.Of(await store.SaveWebAsync(email!, password!, maxJobs, session, cancel)));
        }
        Providers.HeyGen.HeyGenAccount account;
        try
        {
            account = await upstream.Identity.GetAccountAsync(new HeyGenCredential(CredentialSource.Env, CredentialType.ApiKey, apiKey, "new gateway account"), cancel);
        }
        catch (ProviderException ex) when (ex.Failure is ProviderFailure.KeyRejected or ProviderFailure.Refused)
        {
            return TypedResults.BadRequest(new ApiError("HeyGen rejected the API key; check it, or create a new one in HeyGen's settings", null));
        }
        catch (ProviderException ex)
        {
            return UpstreamDown(ex, log);
        }
        var owner = email ?? account.Email;
        if (owner is null || !IsEmail(owner))
        {
            throw ApiException.BadRequest("HeyGen did not say which email the API key belongs to; send email with it");
        }
        return TypedResults.Created((string?)null, AccountView.Of(await store.SaveApiKeyAsync(owner, apiKey, maxJobs, cancel)));
    }

    private static async Task<Results<PreSerialized<Dictionary<string, AccountView>>, NotFound<ApiError>>> ListAsync(AccountStore store, HttpContext http) =>
        await store.ListingAsync(http.RequestAborted) is { } json ? new PreSerialized<Dictionary<string, AccountView>>(json) : ApiErrors.NotFound(NoAccounts);

    private static async Task<Results<Ok<AccountView>, NotFound<ApiError>>> GetAsync(string email, AccountStore store, HttpContext http) =>
        await store.FindAsync(email, http.RequestAborted) is { } row ? TypedResults.Ok(AccountView.Of(row)) : ApiErrors.NotFound(Unknown(email));

    private static async Task<Results<Ok<AccountDeleted>, NotFound<ApiError>>> DeleteAsync(string email, AccountStore store, HttpContext http) =>
        await store.DeleteAsync(email, http.RequestAborted) is { } remaining
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
