using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Provisioner.ProvisioningService.Bulk;

/// <summary>
/// Reads the CSV of a bulk upload from the request: a <c>text/csv</c> body, or the <c>file</c> field of a
/// <c>multipart/form-data</c> form. At most <see cref="BulkProvisionOptions.MaxUploadBytes"/> are read; a larger file is
/// refused with 413 as soon as that is known (from Content-Length, or while reading).
/// </summary>
internal static class BulkUploadReader
{
    public const string FileField = "file";

    // A form's boundaries and part headers around the file; Content-Length of a form is allowed this much more.
    private const int MultipartOverhead = 16 * 1024;

    private static readonly string[] CsvTypes = ["text/csv", "application/csv", "text/plain", "application/vnd.ms-excel"];

    public static async Task<(byte[]? Csv, BulkInputError? Error)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
        {
            return (null, Unsupported(request.ContentType));
        }

        var mediaType = contentType.MediaType.Value ?? string.Empty;
        if (mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            if (request.ContentLength > maxBytes + MultipartOverhead)
            {
                return (null, TooLarge(maxBytes));
            }

            return await ReadFileFieldAsync(request, contentType, maxBytes, cancellationToken);
        }

        if (!CsvTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return (null, Unsupported(mediaType));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        return await ReadCappedAsync(request.Body, maxBytes, cancellationToken);
    }

    private static async Task<(byte[]? Csv, BulkInputError? Error)> ReadFileFieldAsync(
        HttpRequest request, MediaTypeHeaderValue contentType, int maxBytes, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary))
        {
            return (null, new BulkInputError(StatusCodes.Status400BadRequest, FileField, "The multipart body has no boundary."));
        }

        // Parts are read one by one from the body: nothing is buffered to disk, and a part other than 'file' is skipped.
        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                && disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                && HeaderUtilities.RemoveQuotes(disposition.Name).Equals(FileField, StringComparison.Ordinal))
            {
                return await ReadCappedAsync(section.Body, maxBytes, cancellationToken);
            }
        }

        return (null, new BulkInputError(StatusCodes.Status400BadRequest, FileField, $"The form has no field named '{FileField}' holding the CSV file."));
    }

    private static async Task<(byte[]? Csv, BulkInputError? Error)> ReadCappedAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }

    private static BulkInputError TooLarge(int maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, FileField, $"The CSV file is larger than {maxBytes} bytes; split it into several uploads.");

    private static BulkInputError Unsupported(string? mediaType) =>
        new(StatusCodes.Status415UnsupportedMediaType, "Content-Type",
            $"Send the CSV as text/csv, or as the '{FileField}' field of multipart/form-data (got '{mediaType ?? "nothing"}').");
}
