namespace Provisioner.GhlClient.Tests.TokenProviders;

public sealed class GhlAgencyScopeTests
{
    [Fact]
    public async Task Begin_AwaitedCalls_SeeTheAgencyUntilDisposed()
    {
        string? inside;
        using (GhlAgencyScope.Begin("agency-a"))
        {
            inside = await Task.Run(async () =>
            {
                await Task.Yield();
                return GhlAgencyScope.Current;
            });
        }

        Assert.Equal("agency-a", inside);
        Assert.Null(GhlAgencyScope.Current);
    }

    [Fact]
    public async Task Begin_ConcurrentFlows_EachSeeTheirOwnAgency()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task<string?> FlowAsync(string agencyId)
        {
            using var _ = GhlAgencyScope.Begin(agencyId);
            await gate.Task;
            return GhlAgencyScope.Current;
        }

        var a = FlowAsync("agency-a");
        var b = FlowAsync("agency-b");
        gate.SetResult();

        Assert.Equal(new[] { "agency-a", "agency-b" }, await Task.WhenAll(a, b));
        Assert.Null(GhlAgencyScope.Current);
    }

    [Fact]
    public void Begin_DisposedTwice_RestoresTheOuterScopeOnce()
    {
        using var outer = GhlAgencyScope.Begin("outer");
        var inner = GhlAgencyScope.Begin("inner");
        inner.Dispose();
        using var sibling = GhlAgencyScope.Begin("sibling");
        inner.Dispose();

        Assert.Equal("sibling", GhlAgencyScope.Current);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Begin_BlankAgency_Throws(string agencyId) =>
        Assert.Throws<ArgumentException>(() => GhlAgencyScope.Begin(agencyId));
}
