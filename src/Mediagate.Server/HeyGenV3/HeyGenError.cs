using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Mediagate.Server.HeyGenV3;

/// <summary>HeyGen's error envelope, <c>{"data": null, "error": {"code", "message"}}</c>, as HeyGen and <c>mediagate mock</c> answer it.</summary>
/// <param name="data">Always null.</param>
/// <param name="error">What went wrong.</param>
#pragma warning disable IDE1006 // The names are the wire names.
internal sealed record HeyGenError([property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] object? data, HeyGenErrorDetail error)
{
    /// <summary>The answer for <paramref name="status"/>, with HeyGen's code for it and <paramref name="message"/>.</summary>
    public static IResult Result(int status, string message) =>
        TypedResults.Json(new HeyGenError(null, new HeyGenErrorDetail(CodeOf(status), message)), statusCode: status);

    /// <summary>HeyGen's error code for a status.</summary>
    public static string CodeOf(int status) => status switch
    {
        400 => "invalid_parameter",
        401 => "unauthorized",
        402 => "payment_required",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        409 => "conflict",
        410 => "gone",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        424 => "no_account",
        429 => "rate_limit_exceeded",
        502 => "upstream_error",
        503 => "service_unavailable",
        _ => "internal_error",
    };
}

/// <summary>The <c>error</c> member of <see cref="HeyGenError"/>.</summary>
/// <param name="code">A machine-readable code (<c>invalid_parameter</c>, <c>not_found</c>, <c>rate_limit_exceeded</c>…).</param>
/// <param name="message">What is wrong and how to fix it.</param>
internal sealed record HeyGenErrorDetail(string code, string message);
#pragma warning restore IDE1006
