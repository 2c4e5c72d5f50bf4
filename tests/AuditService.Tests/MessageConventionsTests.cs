using Provisioner.AuditService.Ingestion;

namespace Provisioner.AuditService.Tests;

public sealed class MessageConventionsTests
{
    public sealed record WithUserAndActor(string AgencyId, Guid UserId, string Actor);

    public sealed record WithAlternates(string CompanyId, Guid CorrelationId, string RequestedBy, DateTime Timestamp);

    public sealed record WithNothing(string Note);

    [Fact]
    public void Extract_ActorAndUserId_ActorWins()
    {
        var message = new WithUserAndActor("a1", Guid.NewGuid(), "admin-1");

        Assert.Equal("a1", MessageConventions<WithUserAndActor>.AgencyOf(message));
        Assert.Equal("admin-1", MessageConventions<WithUserAndActor>.ActorOf(message));
        Assert.Null(MessageConventions<WithUserAndActor>.JobOf(message));
    }

    [Fact]
    public void Extract_AlternateNames_UsedWhenPrimaryAbsent()
    {
        var correlation = Guid.NewGuid();
        var message = new WithAlternates("c1", correlation, "ops-1", new DateTime(2025, 5, 6, 7, 8, 9, DateTimeKind.Unspecified));

        Assert.Equal("c1", MessageConventions<WithAlternates>.AgencyOf(message));
        Assert.Equal(correlation.ToString("D"), MessageConventions<WithAlternates>.JobOf(message));
        Assert.Equal("ops-1", MessageConventions<WithAlternates>.ActorOf(message));
        Assert.Equal(new DateTimeOffset(2025, 5, 6, 7, 8, 9, TimeSpan.Zero), MessageConventions<WithAlternates>.OccurredAtOf(message));
    }

    [Fact]
    public void Extract_NoConventionProperties_AllNull()
    {
        var message = new WithNothing("n");

        Assert.Null(MessageConventions<WithNothing>.AgencyOf(message));
        Assert.Null(MessageConventions<WithNothing>.ActorOf(message));
        Assert.Null(MessageConventions<WithNothing>.OccurredAtOf(message));
    }
}
