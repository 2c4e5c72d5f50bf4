using Provisioner.GhlClient.Http;
using Provisioner.GhlClient.Models;

namespace Provisioner.GhlClient.Apis;

/// <summary>locations.json customValues: location token only (<c>bearer</c> scheme).</summary>
public sealed class GhlCustomValuesApi(GhlConnection connection)
{
    public async Task<IReadOnlyList<GhlCustomValue>> ListAsync(string locationId, CancellationToken cancellationToken = default)
    {
        var envelope = await connection.GetAsync<GhlCustomValuesEnvelope>(
            Operation("customValues.list", locationId, GhlRetryMode.Idempotent), Base(locationId), cancellationToken);
        return envelope.CustomValues ?? [];
    }

    /// <summary>POST creates a second value with the same name if repeated: never re-sent after a timeout or 5xx.</summary>
    public async Task<GhlCustomValue> CreateAsync(string locationId, GhlCustomValueRequest request, CancellationToken cancellationToken = default)
    {
        var operation = Operation("customValues.create", locationId, GhlRetryMode.CreateOnce);
        var envelope = await connection.SendJsonAsync<GhlCustomValueRequest, GhlCustomValueEnvelope>(
            operation, HttpMethod.Post, Base(locationId), request, cancellationToken);
        return envelope.CustomValue ?? throw GhlCompaniesApi.MissingField(operation, "customValue");
    }

    public async Task<GhlCustomValue> GetAsync(string locationId, string customValueId, CancellationToken cancellationToken = default)
    {
        var operation = Operation("customValues.get", locationId, GhlRetryMode.Idempotent);
        var envelope = await connection.GetAsync<GhlCustomValueEnvelope>(operation, Item(locationId, customValueId), cancellationToken);
        return envelope.CustomValue ?? throw GhlCompaniesApi.MissingField(operation, "customValue");
    }

    /// <summary>PUT needs both name and value (BRIEF §3.7).</summary>
    public async Task<GhlCustomValue> UpdateAsync(string locationId, string customValueId, GhlCustomValueRequest request, CancellationToken cancellationToken = default)
    {
        var operation = Operation("customValues.update", locationId, GhlRetryMode.Idempotent);
        var envelope = await connection.SendJsonAsync<GhlCustomValueRequest, GhlCustomValueEnvelope>(
            operation, HttpMethod.Put, Item(locationId, customValueId), request, cancellationToken);
        return envelope.CustomValue ?? throw GhlCompaniesApi.MissingField(operation, "customValue");
    }

    public Task<GhlCustomValueDeleted> DeleteAsync(string locationId, string customValueId, CancellationToken cancellationToken = default) =>
        connection.DeleteAsync<GhlCustomValueDeleted>(
            Operation("customValues.delete", locationId, GhlRetryMode.Idempotent), Item(locationId, customValueId), cancellationToken);

    private static GhlOperation Operation(string name, string locationId, GhlRetryMode mode) =>
        new(name, GhlTokenRequest.Location(locationId), mode);

    private static string Base(string locationId) => $"locations/{GhlPath.Segment(locationId)}/customValues";

    private static string Item(string locationId, string id) => $"{Base(locationId)}/{GhlPath.Segment(id)}";
}
