using System.Net;
using System.Text.Json.Nodes;
using Mediagate.Server.Tests.Harness;

namespace Mediagate.Server.Tests.Api;

/// <summary>The OpenAPI document against the useapi.net contract (shared/reference/useapi-contract.md).</summary>
public sealed class OpenApiContractTests
{
    /// <summary>
    /// Method, route, status, and the fields the contract documents for that answer. <c>a.b</c> is a nested field, <c>[]</c>
    /// the items of an array, <c>*</c> the values of an object keyed by email. Where the HeyGen page is missing, the row follows
    /// the shared template the contract infers it from (named in the comment).
    /// </summary>
    private const string Contract = """
        # 1.1 POST /accounts
        POST   /v1/heygen/accounts          201  email session.heygen_session session.ExpireTime session.ExpireTimeUTC session.access_token session.session_token session.space_id session.token session.username session.ack_agreement session.internal session.need_mfa maxJobs password
        POST   /v1/heygen/accounts          400  error
        POST   /v1/heygen/accounts          401  error code
        POST   /v1/heygen/accounts          402  error code
        # 1.2 GET /accounts: keyed by email, each value the 201 shape
        GET    /v1/heygen/accounts          200  *.email *.session.heygen_session *.session.ExpireTime *.session.ExpireTimeUTC *.session.access_token *.session.session_token *.session.space_id *.session.token *.session.username *.session.ack_agreement *.session.internal *.session.need_mfa *.maxJobs *.password
        GET    /v1/heygen/accounts          401  error code
        GET    /v1/heygen/accounts          404  error
        # 1.3 GET and DELETE /accounts/{email} (inferred from Kling v1 and the newer DELETE: {account, deleted, remaining}, the account being the email here)
        GET    /v1/heygen/accounts/{email}  200  email session.heygen_session session.ExpireTime session.ExpireTimeUTC session.access_token session.session_token session.space_id session.token session.username session.ack_agreement session.internal session.need_mfa maxJobs password
        GET    /v1/heygen/accounts/{email}  401  error code
        GET    /v1/heygen/accounts/{email}  404  error
        DELETE /v1/heygen/accounts/{email}  200  email deleted remaining
        DELETE /v1/heygen/accounts/{email}  401  error code
        DELETE /v1/heygen/accounts/{email}  404  error
        # 1.4 POST /tts/create; 201 {jobid} with async (2, async mode); 429 when every slot is busy (4)
        POST   /v1/heygen/tts/create        200  audio_url duration is_pass job_id word_timestamps[].word word_timestamps[].start word_timestamps[].end
        POST   /v1/heygen/tts/create        201  jobid
        POST   /v1/heygen/tts/create        400  error
        POST   /v1/heygen/tts/create        401  error code
        POST   /v1/heygen/tts/create        402  error code
        POST   /v1/heygen/tts/create        412  error code
        POST   /v1/heygen/tts/create        429  error code
        POST   /v1/heygen/tts/create        596  error code
        # 1.5 GET /tts/voices (?voice_id= gives one) and /tts/languages
        GET    /v1/heygen/tts/voices        200  [].voice_id [].voice_engines [].default_voice_engine [].settings.clone_emotions[].name voice_id voice_engines default_voice_engine settings.clone_emotions[].name
        GET    /v1/heygen/tts/voices        401  error code
        GET    /v1/heygen/tts/languages     200  [].language_code
        GET    /v1/heygen/tts/languages     401  error code
        # 3.4 GET /jobs/{jobid} (Mureka's: jobid, verb, status, created, updated, request, response, error; 404 after 7 days)
        GET    /v1/heygen/jobs/{jobid}      200  jobid verb status created updated request response error
        GET    /v1/heygen/jobs/{jobid}      401  error code
        GET    /v1/heygen/jobs/{jobid}      404  error code
        # 4 GET /scheduler (Dreamina's: {executing: {account: [{jobid, elapsedSeconds, replyUrl?}]}, total}; Kling's entries add elapsed and replyRef)
        GET    /v1/heygen/scheduler         200  executing.*[].jobid executing.*[].elapsed executing.*[].elapsedSeconds executing.*[].replyUrl executing.*[].replyRef total
        GET    /v1/heygen/scheduler         401  error code
        """;

    public static TheoryData<string, string, int, string> Rows()
    {
        var rows = new TheoryData<string, string, int, string>();
        foreach (var line in Contract.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var cells = line.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            rows.Add(cells[0], cells[1], int.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture), cells.Length > 3 ? cells[3] : "");
        }
        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task EveryDocumentedAnswerHasASchemaWithTheDocumentedFields(string method, string path, int status, string fields)
    {
        var document = await DocumentAsync();
        var operation = document["paths"]?[path]?[method.ToLowerInvariant()];
        Assert.True(operation is not null, $"the OpenAPI document has no {method} {path}");
        var response = operation["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        Assert.True(response is not null, $"{method} {path} declares no {status} response");
        var schema = response["content"]?["application/json"]?["schema"];
        Assert.True(schema is not null, $"{method} {path} {status} has no application/json schema");
        var missing = fields.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(field => !Has(document, schema, Segments(field))).ToList();
        Assert.True(missing.Count == 0, $"{method} {path} {status}: the schema lacks {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task EveryAnswerOfEveryRouteHasASchema()
    {
        var document = await DocumentAsync();
        var bare = new List<string>();
        foreach (var (path, methods) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in methods!.AsObject())
            {
                foreach (var (status, response) in operation!["responses"]!.AsObject())
                {
                    if (response!["content"] is not JsonObject content || content.Count == 0 || content.Any(c => c.Value?["schema"] is null))
                    {
                        bare.Add($"{method.ToUpperInvariant()} {path} {status}");
                    }
                }
            }
        }
        Assert.Empty(bare);
    }

    [Fact]
    public async Task ErrorsHaveTheUseapiShape()
    {
        var document = await DocumentAsync();
        var error = document["components"]!["schemas"]!["ApiError"]!;
        Assert.Equal(["error", "code"], error["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["error"], error["required"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    private static async Task<JsonObject> DocumentAsync()
    {
        await using var gateway = await TestGateway.StartAsync();
        var response = await gateway.Anonymous().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await TestGateway.JsonAsync(response);
    }

    /// <summary><c>a.b[].c</c> and <c>*.d</c> as [a, b, [], c] and [*, d].</summary>
    private static List<string> Segments(string field) =>
        [.. field.Replace("[]", ".[].", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Whether the schema (following $ref, and any branch of oneOf/anyOf/allOf) has the field.</summary>
    private static bool Has(JsonObject document, JsonNode schema, List<string> segments)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            schema = document["components"]!["schemas"]![reference["#/components/schemas/".Length..]]!;
        }
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema[combinator] is JsonArray branches && branches.Any(b => b is not null && Has(document, b, segments)))
            {
                return true;
            }
        }
        if (segments.Count == 0)
        {
            return true;
        }
        var next = segments[0] switch
        {
            "[]" => schema["items"],
            "*" => schema["additionalProperties"],
            var name => schema["properties"]?[name],
        };
        return next is not null && Has(document, next, segments[1..]);
    }
}
