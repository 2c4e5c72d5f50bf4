using System.ComponentModel.DataAnnotations;

namespace Provisioner.SnapshotAdvisor.Advice;

/// <summary>
/// Section <c>AdvisorModelOptions</c>: an OpenAI-compatible chat model. The model path is on only when
/// <see cref="Endpoint"/> and <see cref="Model"/> are both set; otherwise every answer comes from the local ranker.
/// </summary>
public sealed class AdvisorModelOptions : IValidatableObject
{
    /// <summary>Base URL of an OpenAI-compatible API, e.g. https://api.openai.com/v1 or a local server.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Sent as the bearer key; never logged. Local servers may need none.</summary>
    public string? ApiKey { get; set; }

    public string? Model { get; set; }

    /// <summary>After this the local ranker answers instead (fallback reason <c>timeout</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    public bool IsConfigured => Endpoint is not null && !string.IsNullOrWhiteSpace(Model);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if ((Endpoint is null) != string.IsNullOrWhiteSpace(Model))
        {
            yield return new ValidationResult("Set both Endpoint and Model to use a chat model, or neither.", [nameof(Endpoint), nameof(Model)]);
        }

        if (Endpoint is { IsAbsoluteUri: false })
        {
            yield return new ValidationResult("Endpoint must be an absolute URL.", [nameof(Endpoint)]);
        }
    }
}
