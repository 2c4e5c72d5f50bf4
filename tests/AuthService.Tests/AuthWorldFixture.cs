namespace Provisioner.AuthService.Tests;

/// <summary>
/// One database, fake GHL and host shared by a test class (hosts are slow to start on a busy machine). Tests in the
/// class still own their data: each uses its own agency id and codes.
/// </summary>
public sealed class AuthWorldFixture : IAsyncLifetime
{
    public TestAgency World { get; private set; } = null!;

    public async Task InitializeAsync() => World = await TestAgency.StartAsync();

    public async Task DisposeAsync() => await World.DisposeAsync();
}
