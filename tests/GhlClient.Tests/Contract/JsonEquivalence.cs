using Newtonsoft.Json.Linq;
using Xunit.Sdk;

namespace Provisioner.GhlClient.Tests.Contract;

/// <summary>Deep JSON comparison that names the first differing path.</summary>
internal static class JsonEquivalence
{
    public static void AssertEquivalent(JToken expected, JToken actual, string path = "$")
    {
        // GHL's spec types user.scopes as one string while the API is seen to send arrays; the model reads both and
        // writes an array, so "x" and ["x"] are the same value here.
        if (expected.Type == JTokenType.String && actual is JArray { Count: 1 } single)
        {
            actual = single[0];
        }

        switch (expected)
        {
            case JObject expectedObject:
                var actualObject = actual as JObject ?? throw new XunitException($"{path}: expected an object, got {actual.Type}");
                foreach (var (name, value) in expectedObject)
                {
                    if (!actualObject.TryGetValue(name, out var actualValue))
                    {
                        throw new XunitException($"{path}.{name}: missing (the model lacks this spec field)");
                    }

                    AssertEquivalent(value!, actualValue, $"{path}.{name}");
                }

                var extra = actualObject.Properties().Select(p => p.Name).Except(expectedObject.Properties().Select(p => p.Name)).ToList();
                if (extra.Count > 0)
                {
                    throw new XunitException($"{path}: unexpected fields {string.Join(", ", extra)}");
                }

                break;
            case JArray expectedArray:
                var actualArray = actual as JArray ?? throw new XunitException($"{path}: expected an array, got {actual.Type}");
                Assert.True(expectedArray.Count == actualArray.Count, $"{path}: {expectedArray.Count} items expected, {actualArray.Count} found");
                for (var i = 0; i < expectedArray.Count; i++)
                {
                    AssertEquivalent(expectedArray[i], actualArray[i], $"{path}[{i}]");
                }

                break;
            default:
                if (!JToken.DeepEquals(expected, actual) && expected.ToString() != actual.ToString())
                {
                    throw new XunitException($"{path}: expected {expected.ToString(Newtonsoft.Json.Formatting.None)}, got {actual.ToString(Newtonsoft.Json.Formatting.None)}");
                }

                break;
        }
    }
}
