using System.Text.Json.Nodes;
using Provisioner.AuditService.Ingestion;

namespace Provisioner.AuditService.Tests;

public sealed class PayloadRedactorTests
{
    [Fact]
    public void Redact_SecretNamesAtAnyDepthAndCase_ValuesMasked()
    {
        var payload = JsonNode.Parse("""
            {
              "agencyId": "a1",
              "accessToken": "t1",
              "nested": { "ClientSECRET": "s1", "list": [ { "password": "p1", "name": "kept" }, "plain" ] },
              "apiKey": { "id": 5, "value": "k1" },
              "refresh_tokens": ["r1", "r2"],
              "count": 3
            }
            """);

        PayloadRedactor.Redact(payload);
        var text = payload!.ToJsonString();

        foreach (var secret in new[] { "t1", "s1", "p1", "k1", "r1", "r2" })
        {
            Assert.DoesNotContain($"\"{secret}\"", text, StringComparison.Ordinal);
        }

        Assert.Equal("a1", payload["agencyId"]!.GetValue<string>());
        Assert.Equal("kept", payload["nested"]!["list"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("plain", payload["nested"]!["list"]![1]!.GetValue<string>());
        Assert.Equal(PayloadRedactor.Mask, payload["apiKey"]!.GetValue<string>());
        Assert.Equal(3, payload["count"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("token", true)]
    [InlineData("ApiKeyId", true)]
    [InlineData("PASSWORD", true)]
    [InlineData("clientSecret", true)]
    [InlineData("agencyId", false)]
    [InlineData("actor", false)]
    public void IsSecretName_Names_MatchesTheFourWords(string name, bool secret) =>
        Assert.Equal(secret, PayloadRedactor.IsSecretName(name));
}
