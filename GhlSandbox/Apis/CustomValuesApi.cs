using Microsoft.AspNetCore.Http.HttpResults;
using Provisioner.GhlSandbox.Infrastructure;
using Provisioner.GhlSandbox.Model;
using Provisioner.GhlSandbox.Security;
using Provisioner.GhlSandbox.State;

namespace Provisioner.GhlSandbox.Apis;

/// <summary>locations.json customValues: security <c>bearer</c>, i.e. a Location token only.</summary>
public static class CustomValuesApi
{
    public static IEndpointRouteBuilder MapCustomValuesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/locations/{locationId}/customValues").AddEndpointFilter<VersionHeaderFilter>();
        api.MapGet("/", List);
        api.MapPost("/", Create);
        api.MapGet("/{id}", Get);
        api.MapPut("/{id}", Update);
        api.MapDelete("/{id}", Delete);
        return app;
    }

    public static Results<Ok<CustomValueList>, GhlError> List(string locationId, GhlCaller caller, SandboxStore store, TimeProvider time) =>
        InLocation<Ok<CustomValueList>>(locationId, caller, "locations/customValues.readonly", store, time, state =>
            TypedResults.Ok(new CustomValueList([.. state.CustomValues.Where(c => c.LocationId == locationId).Select(CustomValue.From)])));

    public static Results<Created<CustomValueEnvelope>, GhlError> Create(
        string locationId, CustomValueBody body, GhlCaller caller, SandboxStore store, TimeProvider time)
    {
        if (Validate(body) is { } invalid)
        {
            return invalid;
        }

        return InLocation<Created<CustomValueEnvelope>>(locationId, caller, "locations/customValues.write", store, time, state =>
        {
            if (state.CustomValues.Any(c => c.LocationId == locationId && string.Equals(c.Name, body.Name, StringComparison.OrdinalIgnoreCase)))
            {
                return GhlError.BadRequest($"Custom value with name {body.Name} already exists");
            }

            var created = new CustomValueRecord
            {
                Id = Ids.NewId(), LocationId = locationId, Name = body.Name!, FieldKey = Ids.FieldKey(body.Name!), Value = body.Value!,
            };
            state.CustomValues.Add(created);
            return TypedResults.Created($"/locations/{locationId}/customValues/{created.Id}", new CustomValueEnvelope(CustomValue.From(created)));
        });
    }

    public static Results<Ok<CustomValueEnvelope>, GhlError> Get(string locationId, string id, GhlCaller caller, SandboxStore store, TimeProvider time) =>
        InLocation<Ok<CustomValueEnvelope>>(locationId, caller, "locations/customValues.readonly", store, time, state =>
            Find(state, locationId, id) is { } found
                ? TypedResults.Ok(new CustomValueEnvelope(CustomValue.From(found)))
                : (Results<Ok<CustomValueEnvelope>, GhlError>)NotFound());

    public static Results<Ok<CustomValueEnvelope>, GhlError> Update(
        string locationId, string id, CustomValueBody body, GhlCaller caller, SandboxStore store, TimeProvider time)
    {
        if (Validate(body) is { } invalid)
        {
            return invalid;
        }

        return InLocation<Ok<CustomValueEnvelope>>(locationId, caller, "locations/customValues.write", store, time, state =>
        {
            if (Find(state, locationId, id) is not { } found)
            {
                return NotFound();
            }

            (found.Name, found.Value, found.FieldKey) = (body.Name!, body.Value!, Ids.FieldKey(body.Name!));
            return TypedResults.Ok(new CustomValueEnvelope(CustomValue.From(found)));
        });
    }

    public static Results<Ok<DeletedResponse>, GhlError> Delete(string locationId, string id, GhlCaller caller, SandboxStore store, TimeProvider time) =>
        InLocation<Ok<DeletedResponse>>(locationId, caller, "locations/customValues.write", store, time, state =>
            state.CustomValues.RemoveAll(c => c.LocationId == locationId && c.Id == id) > 0
                ? TypedResults.Ok(new DeletedResponse(true))
                : (Results<Ok<DeletedResponse>, GhlError>)NotFound());

    /// <summary>Checks the Location token and its location, brings snapshot loads up to date, then runs the action.</summary>
    private static Results<T, GhlError> InLocation<T>(
        string locationId, GhlCaller caller, string scope, SandboxStore store, TimeProvider time, Func<SandboxState, Results<T, GhlError>> action)
        where T : IResult
    {
        if (caller.Require(Access.Location, scope) is { } denied)
        {
            return denied;
        }

        var now = time.GetUtcNow();
        return store.Write(state =>
        {
            var location = state.Locations.FirstOrDefault(l => l.Id == locationId);
            if (location is null || caller.CanAccessLocation(location) is not null)
            {
                return location is null ? GhlError.BadRequest("Location not found") : caller.CanAccessLocation(location)!;
            }

            SnapshotProgress.ApplyDue(state, now);
            return action(state);
        });
    }

    private static CustomValueRecord? Find(SandboxState state, string locationId, string id) =>
        state.CustomValues.FirstOrDefault(c => c.LocationId == locationId && c.Id == id);

    private static GhlError NotFound() => GhlError.BadRequest("Custom value not found");

    private static GhlError? Validate(CustomValueBody body)
    {
        var missing = new[] { ("name", body.Name), ("value", body.Value) }.Where(f => f.Item2 is null).Select(f => $"{f.Item1} must be a string").ToArray();
        return missing.Length > 0 ? GhlError.Unprocessable(missing) : null;
    }
}

/// <summary>customValuesDTO: name and value, both required on create and update.</summary>
public sealed record CustomValueBody(string? Name, string? Value);

public sealed record CustomValue(string Id, string Name, string FieldKey, string Value, string LocationId)
{
    public static CustomValue From(CustomValueRecord c) => new(c.Id, c.Name, c.FieldKey, c.Value, c.LocationId);
}

public sealed record CustomValueList(IReadOnlyList<CustomValue> CustomValues);

public sealed record CustomValueEnvelope(CustomValue CustomValue);

/// <summary>CustomValueDeleteSuccessfulResponseDto / DeleteUserSuccessfulResponseDto: "succeded" is the spec's spelling.</summary>
public sealed record DeletedResponse(bool Succeded, string? Message = null);
