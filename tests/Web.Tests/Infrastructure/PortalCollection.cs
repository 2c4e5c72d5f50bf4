namespace Provisioner.Web.Tests.Infrastructure;

/// <summary>Browser tests share one Chromium and one portal; each test opens its own browser context.</summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<PortalFixture>
{
    public const string Name = "Portal";
}
