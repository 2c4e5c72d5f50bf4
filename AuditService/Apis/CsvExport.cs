using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace Provisioner.AuditService.Apis;

/// <summary>Writes entries as RFC 4180 CSV while they are read, so an export never sits whole in memory.</summary>
public static class CsvExport
{
    public static readonly string[] Header =
        ["id", "sequence", "occurredAt", "receivedAt", "type", "agencyId", "jobId", "actor", "payload", "previousHash", "hash", "archived"];

    // Cells starting with = + - @ are escaped: an export is opened in spreadsheets and payloads hold user input.
    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape };

    public static async Task WriteAsync(IQueryable<AuditView> entries, Stream output, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        csv.WriteHeader(Header);
        await foreach (var e in entries.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            // WriteRecordAsync flushes to the response whenever its buffer fills: the export streams.
            await csv.WriteRecordAsync(
            [
                e.MessageId.ToString("D"),
                e.Sequence.ToString(CultureInfo.InvariantCulture),
                e.OccurredAt.ToString("O", CultureInfo.InvariantCulture),
                e.ReceivedAt.ToString("O", CultureInfo.InvariantCulture),
                e.MessageType,
                e.AgencyId,
                e.JobId,
                e.Actor,
                e.Payload,
                e.PreviousHash,
                e.Hash,
                e.Archived ? "true" : "false",
            ], cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }
}
