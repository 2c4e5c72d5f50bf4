namespace Provisioner.GhlSandbox.Tests;

/// <summary>The schema loader itself must catch violations, or every contract test would pass vacuously.</summary>
public sealed class SpecSchemasTests
{
    [Fact]
    public async Task ValidateAsync_WrongTypesAgainstSpec_ReportsViolations()
    {
        var errors = await SpecSchemas.ValidateAsync("oauth.json", "GetAccessCodeSuccessfulResponseDto", """{"access_token": 5, "expires_in": "soon"}""");

        Assert.Contains(errors, e => e.Contains("access_token", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("userId", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidateAsync_NestedRefIntoSameFile_IsResolved()
    {
        var errors = await SpecSchemas.ValidateAsync("locations.json", "GetLocationByIdSuccessfulResponseDto", """{"location": {"id": 7}}""");

        Assert.Contains(errors, e => e.Contains("id", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidateResponseAsync_ErrorResponseRefIntoCommonFile_IsResolved()
    {
        var errors = await SpecSchemas.ValidateResponseAsync("locations.json", "GET", "/locations/{locationId}", 401, """{"statusCode": "401"}""");

        Assert.Contains(errors, e => e.Contains("statusCode", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidateResponseAsync_UndocumentedStatus_Throws()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            SpecSchemas.ValidateResponseAsync("locations.json", "POST", "/locations/", 404, "{}"));
    }
}
