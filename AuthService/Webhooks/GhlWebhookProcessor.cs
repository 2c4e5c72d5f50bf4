using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Provisioner.AuthService.Data;
using Provisioner.AuthService.Data.Entities;
using Provisioner.AuthService.Tokens;
using Provisioner.Contracts.Auth;

namespace Provisioner.AuthService.Webhooks;

/// <summary>Acts on a verified, fresh GHL webhook: INSTALL, UNINSTALL and LocationCreate; other types are acknowledged.</summary>
public sealed class GhlWebhookProcessor(
    AuthDbContext db, AgencyTokenService tokens, IPublishEndpoint publish, TimeProvider clock, ILogger<GhlWebhookProcessor> logger)
{
    public const string Actor = "ghl:webhook";

    /// <summary>Records the webhook id; false when it was seen before (a replay).</summary>
    public async Task<bool> TryRecordAsync(string webhookId, string type, TimeSpan keep, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // Receipts older than the accepted age can go: such a payload is rejected by its timestamp anyway.
        await db.WebhookReceipts.Where(r => r.ReceivedAt < now - keep).ExecuteDeleteAsync(cancellationToken);
        var storedType = type.Length > 64 ? type[..64] : type;
        // ON CONFLICT: a replay is an expected outcome, not an error to log; the primary key decides atomically.
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO webhook_receipts ("WebhookId", "Type", "ReceivedAt") VALUES ({webhookId}, {storedType}, {now}) ON CONFLICT DO NOTHING""",
            cancellationToken);
        return inserted == 1;
    }

    public async Task HandleAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        var type = Text(payload, "type");
        var companyId = Text(payload, "companyId");
        var locationId = Text(payload, "locationId");
        switch (type)
        {
            case "INSTALL" when companyId is not null:
                await RecordInstallAsync(companyId, Text(payload, "companyName"), cancellationToken);
                break;
            case "UNINSTALL" when locationId is null && companyId is not null:
                await tokens.DisconnectAsync(companyId, "GHL app uninstalled", Actor, cancellationToken);
                break;
            case "UNINSTALL" when locationId is not null:
                await db.LocationTokens.Where(t => t.LocationId == locationId).ExecuteDeleteAsync(cancellationToken);
                break;
            case "LocationCreate" when companyId is not null && Text(payload, "id") is { } newLocationId:
                await publish.Publish(
                    new GhlLocationCreated(companyId, newLocationId, Text(payload, "name"), Text(payload, "email"), Actor, clock.GetUtcNow()),
                    cancellationToken);

                // No entity changes here, but the bus outbox only stores (and so sends) what a SaveChanges writes.
                await db.SaveChangesAsync(cancellationToken);
                break;
            default:
                logger.LogInformation("GHL webhook {Type} acknowledged without action", type);
                break;
        }
    }

    /// <summary>
    /// INSTALL may arrive before the OAuth code exchange (GHL brief §4.3): remember the agency and its name; the
    /// tokens come with the callback.
    /// </summary>
    private async Task RecordInstallAsync(string companyId, string? companyName, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Id == companyId, cancellationToken);
        if (agency is null)
        {
            db.Agencies.Add(new Agency
            {
                Id = companyId, Name = companyName ?? companyId, State = ConnectionState.Disconnected, CreatedAt = now, UpdatedAt = now,
            });
        }
        else if (companyName is { Length: > 0 })
        {
            agency.Name = companyName;
            agency.UpdatedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public static string? Text(JsonElement payload, string property) =>
        payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
