using System.Text;

namespace Oversight.Worker.Service.Apis;

/// <summary>A request body read as text, or the problem that stopped it.</summary>
internal readonly record struct Body(string? Text, ProblemHttpResult? Problem);

/// <summary>Reads a request body as UTF-8 text, refusing bodies over the limit (413) and bytes that are not UTF-8 (400).</summary>
internal static class Bodies
{
    /// <summary>For JSON bodies read into records: web defaults, and a key given twice is an error rather than a silent choice.</summary>
    public static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web) { AllowDuplicateProperties = false };

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<Body> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return TooLarge(limit);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server's own limit stopped a body sent without a length (chunked).
            return TooLarge(limit);
        }

        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        try
        {
            return new Body(Strict.GetString(bytes), null);
        }
        catch (DecoderFallbackException e)
        {
            var at = e.Index >= 0 ? $" at byte {e.Index + 1:N0}" : string.Empty;
            return new Body(null, Problems.Status(StatusCodes.Status400BadRequest, "The request body is not valid UTF-8", $"The body has a byte sequence that is not UTF-8{at}; send JSON encoded as UTF-8."));
        }
    }

    private static Body TooLarge(long limit) =>
        new(null, Problems.Status(StatusCodes.Status413PayloadTooLarge, "The request body is too large", $"The limit is {limit:N0} bytes."));
}
