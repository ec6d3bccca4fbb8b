using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mediagate.Server.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Mediagate.Server.HeyGenV3;

/// <summary>
/// A <c>POST /v3/voices/clone</c> body: its members as sent, but the base64 sample decoded once into bytes (checked as base64
/// and for size) rather than held as a parsed document while the call waits for a slot; written back as HeyGen's JSON to send.
/// </summary>
/// <param name="Members">Every member but <c>audio.data</c>, as sent.</param>
/// <param name="Audio">The decoded <c>audio.data</c>, or null when the sample is not inline base64.</param>
internal sealed record CloneSample(JsonObject Members, byte[]? Audio)
{
    /// <summary>The largest request body: a sample of a few minutes, base64-encoded.</summary>
    public const long MaxBodyBytes = 32L * 1024 * 1024;

    /// <summary>The largest decoded sample.</summary>
    public const int MaxAudioBytes = 24 * 1024 * 1024;

    private const string Shape = "{voice_name, audio: {type: \"base64\", media_type, data}}";

    /// <summary>Reads and checks the body; 400 (or 413) that says what is wrong.</summary>
    public static async Task<CloneSample> ReadAsync(HttpRequest request, GatewayOptions options)
    {
        if (request.ContentLength is > MaxBodyBytes)
        {
            throw new ApiException(StatusCodes.Status413PayloadTooLarge, $"the clone request is larger than {MaxBodyBytes / (1024 * 1024)} MiB; send a shorter sample");
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = Math.Max(MaxBodyBytes, options.MaxRequestBodyBytes);
        }
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body,
                new JsonDocumentOptions { MaxDepth = options.MaxJsonDepth, AllowDuplicateProperties = false }, request.HttpContext.RequestAborted);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw ApiException.BadRequest($"the body must be a JSON object {Shape}");
            }
            var members = new JsonObject();
            byte[]? audio = null;
            foreach (var member in document.RootElement.EnumerateObject())
            {
                if (member.NameEquals("audio") && member.Value.ValueKind == JsonValueKind.Object)
                {
                    var inner = new JsonObject();
                    foreach (var part in member.Value.EnumerateObject())
                    {
                        if (part.NameEquals("data") && part.Value.ValueKind == JsonValueKind.String)
                        {
                            audio = Decode(part.Value);
                        }
                        else
                        {
                            inner[part.Name] = JsonNode.Parse(part.Value.GetRawText());
                        }
                    }
                    members[member.Name] = inner;
                }
                else
                {
                    members[member.Name] = JsonNode.Parse(member.Value.GetRawText());
                }
            }
            // A lone surrogate is a 400 here, not a failure when the body is sent upstream.
            RequestFields.CheckStrings(members);
            return new CloneSample(members, audio);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new ApiException(StatusCodes.Status413PayloadTooLarge, $"the clone request is larger than {MaxBodyBytes / (1024 * 1024)} MiB; send a shorter sample");
        }
        catch (JsonException ex) when (ex.Message.Contains("uplicate", StringComparison.Ordinal))
        {
            throw ApiException.BadRequest("the body has a key more than once; send each field once");
        }
        catch (JsonException)
        {
            throw ApiException.BadRequest($"the body is not valid JSON; send a JSON object {Shape}");
        }
    }

    /// <summary>The body to send HeyGen: the members as sent, with <c>audio.data</c> base64 again.</summary>
    public HttpContent ToContent()
    {
        var buffer = new ArrayBufferWriter<byte>((Audio?.Length ?? 0) * 4 / 3 + 4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in Members)
            {
                writer.WritePropertyName(name);
                if (name == "audio" && value is JsonObject audio && Audio is not null)
                {
                    writer.WriteStartObject();
                    foreach (var (part, inner) in audio)
                    {
                        writer.WritePropertyName(part);
                        Write(writer, inner);
                    }
                    writer.WriteBase64String("data", Audio);
                    writer.WriteEndObject();
                }
                else
                {
                    Write(writer, value);
                }
            }
            writer.WriteEndObject();
        }
        var content = new ReadOnlyMemoryContent(buffer.WrittenMemory);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        if (node is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            node.WriteTo(writer);
        }
    }

    private static byte[] Decode(JsonElement data)
    {
        if (!data.TryGetBytesFromBase64(out var bytes))
        {
            throw ApiException.BadRequest("audio.data is not valid base64; send the sample's bytes base64-encoded");
        }
        return bytes.Length <= MaxAudioBytes ? bytes
            : throw new ApiException(StatusCodes.Status413PayloadTooLarge, $"the sample is larger than {MaxAudioBytes / (1024 * 1024)} MiB; send a shorter one");
    }
}
