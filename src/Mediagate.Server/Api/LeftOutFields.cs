using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Mediagate.Server.Api;

/// <summary>
/// Takes the fields a body can leave out (<c>JsonIgnore(WhenWritingNull)</c>, <see cref="WrittenWithAttribute"/>) off their
/// schema's <c>required</c> list; every other field of a response record is always written, null or not.
/// </summary>
internal sealed class LeftOutFields : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is null && schema.Required is { Count: > 0 } required)
        {
            foreach (var property in context.JsonTypeInfo.Properties)
            {
                if (property.ShouldSerialize is not null)
                {
                    required.Remove(property.Name);
                }
            }
        }
        return Task.CompletedTask;
    }
}
