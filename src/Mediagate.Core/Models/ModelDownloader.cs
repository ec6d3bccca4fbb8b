using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Mediagate.Platform;

namespace Mediagate.Models;

/// <summary>Downloads pinned files into a <see cref="ModelStore"/>: resumable into <c>FILE.part</c>, size and SHA-256 checked before an atomic rename.</summary>
/// <remarks>
/// A part file is kept when the connection drops or the server stalls, so the next pull resumes with HTTP Range; it is deleted
/// when the bytes are proven wrong (size or hash) or the disk fills, so a bad file is never used and never left in place.
/// </remarks>
public sealed class ModelDownloader(HttpClient http, ModelStore store, ModelDownloadOptions options)
{
    private const int BufferSize = 1 << 16;

    /// <summary>Installs every file of <paramref name="modelName"/> that is not yet installed and verified.</summary>
    /// <exception cref="ModelException">Unknown model, or a file could not be fetched; the message says which and the fix.</exception>
    public async Task<IReadOnlyList<PullResult>> PullAsync(string modelName, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var model = store.Require(modelName);
        var results = new List<PullResult>();
        foreach (var file in model.Files)
        {
            results.Add(await PullAsync(file, progress, cancellationToken));
        }
        return results;
    }

    /// <summary>Installs one file unless it is already installed and verified.</summary>
    public async Task<PullResult> PullAsync(ModelFile file, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var state = store.State(file);
        if (state.Status == ModelFileStatus.Unverified)
        {
            state = await store.VerifyAsync(file, cancellationToken);
        }
        if (state.Status == ModelFileStatus.Verified)
        {
            return new PullResult(state, AlreadyInstalled: true, 0, false, null);
        }
        if (state.Status is ModelFileStatus.Corrupt or ModelFileStatus.WrongSize)
        {
            // A file that fails its pin is never used: replace it.
            File.Delete(state.Path);
            File.Delete(state.Path + ".verified");
        }
        Directory.CreateDirectory(store.Directory.Path);
        var part = store.PartPathOf(file);
        var offset = File.Exists(part) ? new FileInfo(part).Length : 0;
        if (offset > file.Size)
        {
            File.Delete(part);
            offset = 0;
        }
        if (options.FreeSpace(store.Directory.Path) is { } free && free < file.Size - offset)
        {
            throw new ModelException($"the disk holding {store.Directory.Path} has {free:N0} bytes free; {file.FileName} needs {file.Size - offset:N0} more",
                "free some space there, or set MEDIAGATE_MODELS_DIR to a directory on a larger disk, then run the command again");
        }
        var resumedFrom = offset;
        var rangeIgnored = false;
        for (var attempt = 0; ; attempt++)
        {
            using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stall.CancelAfter(options.StallTimeout);
            var (response, source) = await SendAsync(file, offset, stall, cancellationToken);
            using (response)
            {
                if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && attempt == 0)
                {
                    // The part is as long as the file, or the server disagrees about its length: check it, or start again.
                    if (offset != file.Size)
                    {
                        File.Delete(part);
                        offset = resumedFrom = 0;
                        continue;
                    }
                    return Install(file, part, await ModelStore.HashAsync(part, cancellationToken), source, resumedFrom, rangeIgnored);
                }
                ThrowUnlessSuccess(file, response, source);
                if (offset > 0 && !IsResumeOf(response, offset, file.Size))
                {
                    rangeIgnored = response.StatusCode == HttpStatusCode.OK;
                    offset = resumedFrom = 0;
                }
                var expected = response.Content.Headers.ContentLength;
                if (expected is { } length && offset + length != file.Size)
                {
                    File.Delete(part);
                    throw WrongSize(file, source, offset + length);
                }
                var hash = await DownloadAsync(file, part, offset, response, source, stall, progress, resumedFrom, cancellationToken);
                return Install(file, part, hash, source, resumedFrom, rangeIgnored);
            }
        }
    }

    private async Task<(HttpResponseMessage, Uri)> SendAsync(ModelFile file, long offset, CancellationTokenSource stall, CancellationToken cancellationToken)
    {
        var url = file.Source(options.Mirror);
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (offset > 0)
            {
                request.Headers.Range = new RangeHeaderValue(offset, null);
            }
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stall.Token);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw Stalled(file, url, offset, ex);
            }
            catch (HttpRequestException ex)
            {
                throw new ModelException($"cannot reach {url.GetLeftPart(UriPartial.Authority)} for {file.FileName}: {ex.Message}",
                    options.Mirror is null
                        ? "check the network (a proxy needs HTTPS_PROXY), or fetch the file by another route and run `mediagate models add`"
                        : "check the mirror named by MEDIAGATE_MODELS_URL, or unset it to use upstream", ex);
            }
            if ((int)response.StatusCode is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location && hop < options.MaxRedirects)
            {
                response.Dispose();
                url = location.IsAbsoluteUri ? location : new Uri(url, location);
                continue;
            }
            return (response, url);
        }
    }

    private static bool IsResumeOf(HttpResponseMessage response, long offset, long size) =>
        response.StatusCode == HttpStatusCode.PartialContent
        && response.Content.Headers.ContentRange is { From: { } from } range
        && from == offset
        && (range.Length is null || range.Length == size);

    private void ThrowUnlessSuccess(ModelFile file, HttpResponseMessage response, Uri source)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            throw new ModelException($"{source} answered {status}: there is no {file.FileName} there",
                options.Mirror is null
                    ? $"the upstream release may have moved; fetch {file.FileName} by another route and run `mediagate models add {file.FileName} FILE`"
                    : $"copy {file.FileName} to the mirror under {options.Mirror}, or unset MEDIAGATE_MODELS_URL to download from upstream");
        }
        throw new ModelException($"{source} answered {status} for {file.FileName}",
            "run the command again later; if it persists, fetch the file by another route and run `mediagate models add`");
    }

    private async Task<string> DownloadAsync(ModelFile file, string part, long offset, HttpResponseMessage response, Uri source,
        CancellationTokenSource stall, IProgress<DownloadProgress>? progress, long resumedFrom, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (offset > 0)
        {
            await HashPrefixAsync(part, offset, sha, cancellationToken);
        }
        var received = offset;
        var buffer = new byte[BufferSize];
        try
        {
            await using var output = options.OpenPart(part);
            output.SetLength(offset);
            output.Position = offset;
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            progress?.Report(new DownloadProgress(file, received, resumedFrom));
            while (true)
            {
                stall.CancelAfter(options.StallTimeout);
                int read;
                try
                {
                    read = await body.ReadAsync(buffer, stall.Token);
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    throw Stalled(file, source, received, ex);
                }
                catch (Exception ex) when (ex is IOException or HttpRequestException)
                {
                    throw Interrupted(file, received, ex.Message, ex);
                }
                if (read == 0)
                {
                    break;
                }
                if (received + read > file.Size)
                {
                    await output.DisposeAsync();
                    File.Delete(part);
                    throw WrongSize(file, source, received + read, atLeast: true);
                }
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                sha.AppendData(buffer, 0, read);
                received += read;
                progress?.Report(new DownloadProgress(file, received, resumedFrom));
            }
            if (output is FileStream stream)
            {
                stream.Flush(flushToDisk: true);
            }
        }
        catch (IOException ex) when (DiskFull.Is(ex))
        {
            File.Delete(part);
            throw DiskFull.Explain(store.Directory.Path, file.Size - received, ex);
        }
        if (received < file.Size)
        {
            throw Interrupted(file, received, "the server closed the connection early", null);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private PullResult Install(ModelFile file, string part, string hash, Uri source, long resumedFrom, bool rangeIgnored)
    {
        if (!string.Equals(hash, file.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(part);
            throw ModelStore.WrongHash(file, source.ToString(), hash);
        }
        var target = store.PathOf(file);
        File.Move(part, target, overwrite: true);
        Libc.FsyncDirectory(store.Directory.Path);
        ModelStore.WriteSidecar(target, hash);
        return new PullResult(store.State(file), AlreadyInstalled: false, resumedFrom, rangeIgnored, source);
    }

    private static async Task HashPrefixAsync(string path, long length, IncrementalHash sha, CancellationToken cancellationToken)
    {
        await using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var buffer = new byte[BufferSize];
        var left = length;
        while (left > 0)
        {
            var read = await input.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken);
            if (read == 0)
            {
                throw new IOException($"{path} shrank while it was being read");
            }
            sha.AppendData(buffer, 0, read);
            left -= read;
        }
    }

    private static ModelException WrongSize(ModelFile file, Uri source, long actual, bool atLeast = false) =>
        new($"{source} serves {(atLeast ? "at least " : "")}{actual:N0} bytes for {file.FileName}, not the pinned {file.Size:N0}; nothing was installed",
            "the server has a different file under that name: if it is a mirror (MEDIAGATE_MODELS_URL), ask its owner to replace it with the upstream release's");

    private ModelException Stalled(ModelFile file, Uri source, long received, Exception inner) =>
        new($"{source.GetLeftPart(UriPartial.Authority)} sent nothing for {options.StallTimeout.TotalSeconds:0.#} s while downloading {file.FileName} ({received:N0} of {file.Size:N0} bytes kept)",
            "run the same command again to resume; on a slow link raise MEDIAGATE_HTTP_TIMEOUT (seconds, up to 600)", inner);

    private static ModelException Interrupted(ModelFile file, long received, string why, Exception? inner) =>
        new($"the download of {file.FileName} was interrupted after {received:N0} of {file.Size:N0} bytes ({why})",
            "run the same command again: it resumes from where it stopped", inner);
}
