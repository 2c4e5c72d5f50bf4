extern alias web;

using System.Reflection;
using web::Provisioner.Web.Backend;

namespace Provisioner.Web.Tests.Contracts;

/// <summary>Every <see cref="ApiRoute"/> the portal declares: the public static fields of its <c>…Routes</c> classes.</summary>
internal static class PortalRoutes
{
    public static Assembly Portal => typeof(ApiRoute).Assembly;

    /// <summary>Routes by <c>Class.Field</c> name.</summary>
    public static IReadOnlyDictionary<string, ApiRoute> All { get; } = Portal.GetTypes()
        .Where(t => t is { IsAbstract: true, IsSealed: true })
        .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(ApiRoute))
            .Select(f => (Name: $"{t.Name}.{f.Name}", Route: (ApiRoute)f.GetValue(null)!)))
        .ToDictionary(r => r.Name, r => r.Route, StringComparer.Ordinal);

    /// <summary>The typed clients of a backend service: classes in Web/Backend constructed with an HttpClient.</summary>
    public static IEnumerable<Type> Clients() => Portal.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.Namespace == typeof(ApiRoute).Namespace)
        .Where(t => t.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(HttpClient))));
}
