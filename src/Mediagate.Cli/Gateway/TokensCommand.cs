using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Mediagate.Cli.Output;
using Mediagate.Server;
using Mediagate.Server.Security;
using Mediagate.Server.Storage;
using Mediagate.Server.Tokens;

namespace Mediagate.Cli.Gateway;

/// <summary><c>mediagate tokens create|list|revoke</c>: the gateway's API tokens, in the same data directory or database as <c>serve</c>.</summary>
internal static class TokensCommand
{
    public static Command Create(CliHost host)
    {
        var tokens = new Command("tokens", "Create, list and revoke the gateway's API tokens.");
        tokens.Subcommands.Add(CreateCommand(host));
        tokens.Subcommands.Add(ListCommand(host));
        tokens.Subcommands.Add(RevokeCommand(host));
        return tokens;
    }

    private static Command CreateCommand(CliHost host)
    {
        var flags = new GatewayFlags();
        var name = new Option<string>("--name") { Description = "A name for people: who or what uses the token.", Required = true };
        var expires = new Option<string?>("--expires") { Description = "When it stops working: a date (2027-01-31, midnight UTC) or an ISO 8601 time." };
        var tenant = new Option<string?>("--tenant") { Description = "Join this existing tenant (name or id) and share its accounts and jobs; without it the token gets a new tenant named after it." };
        var json = new Option<bool>("--json") { Description = "Print {\"name\", \"token\", \"webhookSecret\", \"tenant\", …} and nothing else." };
        var command = new Command("create", "Create a token. It is shown once; only its hash is stored.") { name, expires, tenant, json };
        flags.AddTo(command);
        command.SetAction(parse => RunAsync(host, flags, parse, json, async (store, cancel) =>
        {
            DateTimeOffset? until = null;
            if (parse.GetValue(expires) is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                {
                    throw new UsageException($"--expires '{text}' is not a date; write it as 2027-01-31 or 2027-01-31T18:00:00Z");
                }
                until = parsed;
            }
            var created = await store.CreateAsync(parse.GetValue(name)!, until, cancel, parse.GetValue(tenant));
            if (parse.GetValue(json))
            {
                Report.Json(host, new JsonObject
                {
                    ["id"] = created.Id,
                    ["name"] = created.Name,
                    ["token"] = created.Token,
                    ["webhookSecret"] = created.WebhookSecret,
                    ["expires"] = created.ExpiresAt?.ToString("O", CultureInfo.InvariantCulture),
                    ["tenant"] = created.Tenant,
                    ["tenantId"] = created.TenantId,
                });
            }
            else
            {
                host.Out.WriteLine($"Created token '{created.Name}' (id {created.Id}, tenant '{created.Tenant}'{(created.ExpiresAt is { } at ? $", expires {at:yyyy-MM-dd HH:mm}Z" : "")}).");
                host.Out.WriteLine($"It sees only the accounts and jobs of tenant '{created.Tenant}'; give more tokens the same access with --tenant '{created.Tenant}'.");
                host.Out.WriteLine("It is shown only this once; store it now. Send it as 'Authorization: Bearer TOKEN':");
                host.Out.WriteLine("  " + created.Token);
                host.Out.WriteLine("Webhooks for this token are signed with this secret (X-Mediagate-Signature: sha256=HMAC of the body):");
                host.Out.WriteLine("  " + created.WebhookSecret);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command ListCommand(CliHost host)
    {
        var flags = new GatewayFlags();
        var json = new Option<bool>("--json") { Description = "Print a JSON array." };
        var command = new Command("list", "List the tokens: id, name, tenant, state and dates; never their secrets.") { json };
        flags.AddTo(command);
        command.SetAction(parse => RunAsync(host, flags, parse, json, async (store, cancel) =>
        {
            var all = await store.ListAsync(cancel);
            if (parse.GetValue(json))
            {
                Report.Json(host, new JsonArray([.. all.Select(t => (JsonNode)new JsonObject
                {
                    ["id"] = t.Id,
                    ["name"] = t.Name,
                    ["tenant"] = t.Tenant,
                    ["tenantId"] = t.TenantId,
                    ["state"] = State(t),
                    ["created"] = t.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
                    ["expires"] = t.ExpiresAt?.ToString("O", CultureInfo.InvariantCulture),
                    ["revoked"] = t.RevokedAt?.ToString("O", CultureInfo.InvariantCulture),
                })]));
                return ExitCodes.Ok;
            }
            if (all.Count == 0)
            {
                host.Out.WriteLine("No tokens yet. Create one with: mediagate tokens create --name NAME");
                return ExitCodes.Ok;
            }
            var width = Math.Max(4, all.Max(t => t.Name.Length));
            var tenantWidth = Math.Max(6, all.Max(t => t.Tenant.Length));
            host.Out.WriteLine($"{"ID",-5} {"NAME".PadRight(width)} {"TENANT".PadRight(tenantWidth)} {"STATE",-8} {"CREATED",-17} EXPIRES");
            foreach (var t in all)
            {
                host.Out.WriteLine($"{t.Id,-5} {t.Name.PadRight(width)} {t.Tenant.PadRight(tenantWidth)} {State(t),-8} {t.CreatedAt:yyyy-MM-dd HH:mm}Z {(t.ExpiresAt is { } e ? e.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) : "never")}");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command RevokeCommand(CliHost host)
    {
        var flags = new GatewayFlags();
        var which = new Argument<string>("name-or-id") { Description = "The token's name or id, as 'tokens list' shows them." };
        var json = new Option<bool>("--json") { Description = "Print {\"revoked\": …}." };
        var command = new Command("revoke", "Make a token inactive: its calls get 402 from then on (within the gateway's token cache time, 2 s).") { which, json };
        flags.AddTo(command);
        command.SetAction(parse => RunAsync(host, flags, parse, json, async (store, cancel) =>
        {
            var target = parse.GetValue(which)!;
            if (!await store.RevokeAsync(target, cancel))
            {
                throw new UsageException($"there is no token named or numbered '{target}'; see 'mediagate tokens list'");
            }
            if (parse.GetValue(json))
            {
                Report.Json(host, new JsonObject { ["revoked"] = target });
            }
            else
            {
                host.Out.WriteLine($"Revoked token '{target}'. Calls with it now get 402 Subscription required.");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string State(TokenListing token) => token.RevokedAt is not null ? "revoked" : token.State == TokenState.Active ? "active" : "expired";

    private static async Task<int> RunAsync(CliHost host, GatewayFlags flags, System.CommandLine.ParseResult parse, Option<bool> json, Func<TokenStore, CancellationToken, Task<int>> run)
    {
        var failure = new Failure(host, parse.GetValue(json));
        try
        {
            var options = flags.Options(parse, host);
            var store = GatewayStore.Open(options);
            await store.MigrateAsync(CancellationToken.None);
            var tokens = new TokenStore(store, SecretBox.Standalone(options.DataDirectory), host.Time, options);
            return await run(tokens, CancellationToken.None);
        }
        catch (GatewayConfigurationException ex)
        {
            return failure.With(ExitCodes.Usage, ex.Message, "fix the flag or environment variable it names");
        }
        catch (UsageException ex)
        {
            return failure.With(ExitCodes.Usage, ex.Message);
        }
        catch (TokenException ex)
        {
            return failure.With(ExitCodes.Usage, ex.Message);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            return failure.With(ExitCodes.Failure, "the gateway's database could not be opened: " + ex.Message,
                "check --data (it must be writable) or that PostgreSQL is running and --postgres is right");
        }
    }

    private sealed class UsageException(string message) : Exception(message);
}
