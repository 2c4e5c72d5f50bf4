using Provisioner.AuthService.Internal;

namespace Provisioner.AuthService.Tests;

public sealed class InternalKeyAuthenticationTests
{
    private const string Old = "old-internal-key-0123456789abcdefghijklmnop";
    private const string New = "new-internal-key-0123456789abcdefghijklmnop";

    [Theory]
    [InlineData(Old, true)]
    [InlineData(New, true)]
    [InlineData("new-internal-key-0123456789abcdefghijklmno", false)]
    [InlineData("new-internal-key-0123456789abcdefghijklmnopq", false)]
    [InlineData("", false)]
    public void Matches_DuringRotation_AcceptsEveryConfiguredKeyAndNothingElse(string presented, bool expected) =>
        Assert.Equal(expected, InternalKeyAuthenticationHandler.Matches(presented, [Old, New]));

    [Fact]
    public void Matches_NoConfiguredKeys_RejectsEverything() =>
        Assert.False(InternalKeyAuthenticationHandler.Matches(Old, []));
}
