using System.Text.Json.Nodes;

namespace Provisioner.AuditService.Ingestion;

/// <summary>
/// Replaces the value of every property whose name holds token, key, password or secret (any case, at any depth,
/// inside arrays too) with <see cref="Mask"/>, whatever the value's type, so no secret reaches the audit table.
/// </summary>
public static class PayloadRedactor
{
    public const string Mask = "***";

    private static readonly string[] SecretWords = ["token", "key", "password", "secret"];

    public static bool IsSecretName(string name) =>
        SecretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));

    public static void Redact(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (IsSecretName(name))
                    {
                        obj[name] = Mask;
                    }
                    else
                    {
                        Redact(obj[name]);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Redact(item);
                }

                break;
        }
    }
}
