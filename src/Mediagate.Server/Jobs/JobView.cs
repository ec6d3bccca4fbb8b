using System.Globalization;
using System.Text.Json.Nodes;
using Mediagate.Server.Storage;

namespace Mediagate.Server.Jobs;

/// <summary>A job as <c>GET /v1/heygen/jobs/{jobid}</c> and its webhook show it.</summary>
internal static class JobView
{
    public static JsonObject ToJson(JobRow job, IEnumerable<DeliveryRow>? deliveries = null)
    {
        var view = new JsonObject
        {
            ["jobid"] = job.JobId,
            ["verb"] = job.Kind,
            ["status"] = job.Status,
            ["created"] = Iso(job.CreatedAt),
            ["updated"] = Iso(job.UpdatedAt),
            ["email"] = job.Email,
            ["request"] = JsonNode.Parse(job.Request),
        };
        if (job.Response is { } response)
        {
            view["response"] = JsonNode.Parse(response);
        }
        if (job.Error is { } error)
        {
            view["error"] = error;
            view["code"] = job.ErrorCode;
        }
        if (job.ReplyUrl is { } replyUrl)
        {
            view["replyUrl"] = replyUrl;
        }
        if (job.ReplyRef is { } replyRef)
        {
            view["replyRef"] = replyRef;
        }
        if (deliveries is not null && job.ReplyUrl is not null)
        {
            view["webhook"] = new JsonObject
            {
                ["state"] = job.Webhook,
                ["attempts"] = new JsonArray([.. deliveries.OrderBy(d => d.Attempt).Select(d => (JsonNode)new JsonObject
                {
                    ["attempt"] = d.Attempt,
                    ["at"] = Iso(d.At),
                    ["status"] = d.StatusCode,
                    ["error"] = d.Error,
                })]),
            };
        }
        return view;
    }

    public static string Iso(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
