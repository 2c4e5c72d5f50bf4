namespace Provisioner.Portal.EndToEnd.Tests.Infrastructure;

/// <summary>Every test shares one system and one Chromium; xunit runs a collection's tests one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PortalSystemCollection : ICollectionFixture<PortalSystemFixture>
{
    public const string Name = "Portal system";
}
