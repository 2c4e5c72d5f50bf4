using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Provisioner.ProvisioningService.Intake;

namespace Provisioner.ProvisioningService.Jobs;

/// <summary>
/// The stored JSON of a validated intake and its SHA-256. The intake is normalised (trimmed, E.164, sorted custom
/// values) before hashing, so two requests that mean the same job hash the same even if formatted differently.
/// </summary>
public static class IntakeHash
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(ValidatedIntake intake) => JsonSerializer.Serialize(intake, Json);

    public static ValidatedIntake Deserialize(string json) =>
        JsonSerializer.Deserialize<ValidatedIntake>(json, Json) ?? throw new InvalidOperationException("A stored intake is empty.");

    public static string Of(string serializedIntake) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(serializedIntake)));
}
