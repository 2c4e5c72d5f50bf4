using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Provisioner.Messaging.Schema;

public static class MessagingModelBuilderExtensions
{
    /// <summary>
    /// Adds the inbox, outbox, scheduler and saga tables to a service's model (schema <c>messaging</c>); the
    /// service's own migrations then create them in its own database.
    /// </summary>
    public static ModelBuilder AddMessagingTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<InboxState>(e =>
        {
            e.ToTable(MessagingSchema.InboxState, MessagingSchema.Name);
            e.HasKey(x => x.Id);
            e.HasAlternateKey(x => new { x.MessageId, x.ConsumerId });
            e.HasIndex(x => x.Delivered);
            SnakeCaseColumns(e);
        });

        modelBuilder.Entity<OutboxState>(e =>
        {
            e.ToTable(MessagingSchema.OutboxState, MessagingSchema.Name);
            e.HasKey(x => x.OutboxId);
            e.Property(x => x.OutboxId).ValueGeneratedNever();
            e.HasIndex(x => x.Created);
            SnakeCaseColumns(e);
        });

        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable(MessagingSchema.OutboxMessage, MessagingSchema.Name);
            e.HasKey(x => x.SequenceNumber);
            e.Property(x => x.SequenceNumber).UseIdentityByDefaultColumn();
            e.HasIndex(x => new { x.OutboxId, x.SequenceNumber });
            e.HasIndex(x => new { x.InboxMessageId, x.InboxConsumerId, x.SequenceNumber });
            e.HasIndex(x => x.EnqueueTime);
            e.HasOne<OutboxState>().WithMany().HasForeignKey(x => x.OutboxId);
            e.HasOne<InboxState>().WithMany()
                .HasForeignKey(x => new { x.InboxMessageId, x.InboxConsumerId })
                .HasPrincipalKey(x => new { x.MessageId, x.ConsumerId });
            MessageColumns(e);
            SnakeCaseColumns(e);
        });

        modelBuilder.Entity<ScheduledMessage>(e =>
        {
            e.ToTable(MessagingSchema.ScheduledMessage, MessagingSchema.Name);
            e.HasKey(x => x.TokenId);
            e.Property(x => x.TokenId).ValueGeneratedNever();
            e.HasIndex(x => x.ScheduledTime);
            MessageColumns(e);
            SnakeCaseColumns(e);
        });

        modelBuilder.Entity<SagaInstance>(e =>
        {
            e.ToTable(MessagingSchema.SagaInstance, MessagingSchema.Name);
            e.HasKey(x => new { x.SagaType, x.CorrelationId });
            e.Property(x => x.SagaType).HasMaxLength(256);
            e.Property(x => x.Data).HasColumnType("jsonb");
            SnakeCaseColumns(e);
        });

        return modelBuilder;
    }

    private static void MessageColumns<T>(EntityTypeBuilder<T> e) where T : StoredMessage
    {
        e.Property(x => x.ContentType).HasMaxLength(256);
        e.Property(x => x.SourceAddress).HasMaxLength(256);
        e.Property(x => x.DestinationAddress).HasMaxLength(256);
        e.Property(x => x.ResponseAddress).HasMaxLength(256);
        e.Property(x => x.FaultAddress).HasMaxLength(256);
    }

    // The raw SQL in this library spells columns in snake_case; setting the names here keeps them independent of
    // whatever naming convention the service's own DbContext uses.
    private static void SnakeCaseColumns(EntityTypeBuilder e)
    {
        foreach (var property in e.Metadata.GetDeclaredProperties().Concat(e.Metadata.GetProperties()).Distinct())
        {
            e.Property(property.Name).HasColumnName(ToSnakeCase(property.Name));
        }
    }

    internal static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(name[i]));
        }

        return sb.ToString();
    }
}
