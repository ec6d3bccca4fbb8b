using System.Text.Json.Nodes;
using Mediagate.Models;

namespace Mediagate.Cli.Models;

/// <summary>The JSON shapes and status words of <c>mediagate models</c>, one wording for text and <c>--json</c>.</summary>
internal static class ModelsJson
{
    public static JsonNode Model(ModelState state) => new JsonObject
    {
        ["name"] = state.Model.Name,
        ["description"] = state.Model.Description,
        ["default"] = state.Model.Name == ModelManifest.DefaultModel,
        ["size"] = state.Model.Size,
        ["licence"] = state.Model.Licences,
        ["ready"] = state.IsReady,
        ["reason"] = state.Reason,
        ["files"] = new JsonArray(state.Files.Select(File).ToArray()),
    };

    public static JsonNode File(ModelFileState state) => new JsonObject
    {
        ["name"] = state.File.FileName,
        ["url"] = state.File.Url.ToString(),
        ["size"] = state.File.Size,
        ["sha256"] = state.File.Sha256,
        ["licence"] = state.File.Licence,
        ["path"] = state.Path,
        ["status"] = state.Status.ToString().ToLowerInvariant(),
        ["bytes_on_disk"] = state.BytesOnDisk,
        ["verified"] = state.IsUsable,
    };

    public static JsonNode Pulled(PullResult result)
    {
        var node = (JsonObject)File(result.State);
        node["downloaded"] = !result.AlreadyInstalled;
        node["resumed_from"] = result.ResumedFrom;
        node["range_ignored"] = result.RangeIgnored;
        node["source"] = result.Source?.ToString();
        return node;
    }

    /// <summary>A file's state in words.</summary>
    public static string Status(ModelFileState state) => state.Status switch
    {
        ModelFileStatus.Verified => "verified",
        ModelFileStatus.Missing => "not installed",
        ModelFileStatus.Partial => $"partly downloaded ({state.BytesOnDisk:N0} bytes; pull resumes it)",
        ModelFileStatus.WrongSize => $"wrong size ({state.BytesOnDisk:N0} bytes)",
        ModelFileStatus.Corrupt => "SHA-256 does not match the pin",
        _ => "not verified yet (run mediagate models verify)",
    };
}
