using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provisioner.GhlClient.Models;

// Hand-written from the vendored OpenAPI specs (specs/ghl/apps), one record per component schema; the contract tests
// in tests/GhlClient.Tests check every field against the spec.

/// <summary>locations.json › customValuesDTO.</summary>
public sealed record GhlCustomValueRequest
{
    public required string Name { get; init; }
    public required string Value { get; init; }
}

/// <summary>locations.json › CustomValueSchema.</summary>
public sealed record GhlCustomValue
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? FieldKey { get; init; }
    public string? Value { get; init; }
    public string? LocationId { get; init; }
}

/// <summary>locations.json › CustomValuesListSuccessfulResponseDto.</summary>
internal sealed record GhlCustomValuesEnvelope
{
    public IReadOnlyList<GhlCustomValue>? CustomValues { get; init; }
}

/// <summary>locations.json › CustomValueIdSuccessfulResponseDto.</summary>
internal sealed record GhlCustomValueEnvelope
{
    public GhlCustomValue? CustomValue { get; init; }
}

/// <summary>locations.json › CustomValueDeleteSuccessfulResponseDto.</summary>
public sealed record GhlCustomValueDeleted
{
    public bool? Succeded { get; init; }
}

