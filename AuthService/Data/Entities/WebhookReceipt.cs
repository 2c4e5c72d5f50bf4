namespace Provisioner.AuthService.Data.Entities;

/// <summary>A GHL webhook id already processed: the primary key makes a replay fail on insert.</summary>
public sealed class WebhookReceipt
{
    public required string WebhookId { get; set; }

    public required string Type { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}
