using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Mediagate.Server.Api;

/// <summary>
/// Reads a POST body as fields, whether it came as JSON, <c>multipart/form-data</c> or a URL-encoded form, within the size and
/// depth limits. Form values arrive as strings; <see cref="Fields"/> reads numbers from them too.
/// </summary>
internal static class RequestFields
{
    public static async Task<JsonObject> ReadAsync(HttpRequest request, GatewayOptions options)
    {
        if (request.ContentLength > options.MaxRequestBodyBytes)
        {
            throw TooLarge(options);
        }
        if (request.HasFormContentType)
        {
            return await ReadFormAsync(request, options);
        }
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        if (mediaType is not null && !mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            && !mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase) && !mediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type {mediaType} is not accepted; send application/json or multipart/form-data");
        }
        var body = await ReadLimitedAsync(request, options);
        if (body.Length == 0)
        {
            throw ApiException.BadRequest("the request body is empty; send a JSON object");
        }
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            throw ApiException.BadRequest("the body is not valid UTF-8; send JSON encoded as UTF-8");
        }
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = options.MaxJsonDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            throw ApiException.BadRequest($"the body is not valid JSON ({Short(ex.Message)}); send a JSON object");
        }
        catch (InvalidOperationException)
        {
            throw NotUtf16();
        }
        var fields = node as JsonObject ?? throw ApiException.BadRequest("the body must be a JSON object, not " + (node?.GetValueKind().ToString().ToLowerInvariant() ?? "null"));
        CheckStrings(fields);
        return fields;
    }

    /// <summary>
    /// Reads every key and string of the body once, so that a duplicate key or an escaped lone surrogate (<c>"\ud800"</c>, which
    /// is valid JSON text but no string) is a 400 here rather than an exception wherever a field is first read.
    /// </summary>
    internal static void CheckStrings(JsonNode root)
    {
        var pending = new Stack<JsonNode>();
        pending.Push(root);
        while (pending.TryPop(out var node))
        {
            try
            {
                switch (node)
                {
                    case JsonObject obj:
                        foreach (var (_, child) in obj)
                        {
                            if (child is not null)
                            {
                                pending.Push(child);
                            }
                        }
                        break;
                    case JsonArray array:
                        foreach (var child in array)
                        {
                            if (child is not null)
                            {
                                pending.Push(child);
                            }
                        }
                        break;
                    case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                        _ = value.GetValue<string>();
                        break;
                }
            }
            catch (ArgumentException ex) when (DuplicateKey(ex) is { } key)
            {
                throw ApiException.BadRequest($"the body has the key '{key}' more than once; send each field once");
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
            {
                throw NotUtf16();
            }
        }
    }

    private static ApiException NotUtf16() =>
        ApiException.BadRequest("the body has a key or string that is not valid UTF-16 (a lone surrogate such as \\ud800); send each character whole");

    private static string? DuplicateKey(ArgumentException ex) =>
        ex.Message.LastIndexOf("Key: ", StringComparison.Ordinal) is var at and >= 0 ? Short(ex.Message[(at + 5)..].Trim()) : ex.Message.Contains("same key", StringComparison.OrdinalIgnoreCase) ? "?" : null;

    private static async Task<JsonObject> ReadFormAsync(HttpRequest request, GatewayOptions options)
    {
        var limits = new FormOptions
        {
            MultipartBodyLengthLimit = options.MaxRequestBodyBytes,
            ValueLengthLimit = (int)Math.Min(int.MaxValue, options.MaxRequestBodyBytes),
            ValueCountLimit = 64,
            KeyLengthLimit = 256,
            MultipartHeadersCountLimit = 16,
        };
        IFormCollection form;
        try
        {
            request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, limits));
            form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or FormatException && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            throw ApiException.BadRequest($"the form body is malformed ({Short(ex.Message)}); send valid multipart/form-data or JSON");
        }
        if (form.Files.Count > 0)
        {
            throw ApiException.BadRequest($"file parts are not accepted (got '{form.Files[0].Name}'); send each field as a plain value");
        }
        var fields = new JsonObject();
        foreach (var (key, value) in form)
        {
            if (value.Count > 1)
            {
                throw ApiException.BadRequest($"{key} is given {value.Count} times; send it once");
            }
            fields[key] = value.ToString();
        }
        return fields;
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpRequest request, GatewayOptions options)
    {
        using var buffer = new MemoryStream();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > options.MaxRequestBodyBytes)
                {
                    throw TooLarge(options);
                }
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.ToArray();
    }

    private static ApiException TooLarge(GatewayOptions options) => new(StatusCodes.Status413PayloadTooLarge,
        $"the request body is larger than {options.MaxRequestBodyBytes} bytes; send less (the limit is Gateway:MaxRequestBodyBytes)");

    private static string Short(string message) => message.Length <= 160 ? message : message[..160] + "…";
}
