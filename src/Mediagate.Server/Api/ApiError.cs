using System.Text.Json.Serialization;

namespace Mediagate.Server.Api;

/// <summary>The useapi.net error body: <c>{"error": …, "code": N}</c>.</summary>
/// <remarks>A few useapi.net 400s carry no <c>code</c> (a refused login), so it is left out when null.</remarks>
/// <param name="Error">What is wrong and how to fix it.</param>
/// <param name="Code">The HTTP status, repeated in the body.</param>
internal sealed record ApiError(string Error, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Code);
