using System.Reflection;

namespace Provisioner.AuditService.Ingestion;

/// <summary>
/// Finds the message types to audit: every public, concrete record class of the contract assemblies whose namespace
/// is under one of the contract namespaces. Nothing is listed by hand, so a new contract is audited the day it is added.
/// </summary>
public static class ContractCatalog
{
    public static IReadOnlyList<Type> Discover(AuditIngestionOptions options)
    {
        // Distinct: configuration binding appends to the default array, so "Contracts" can be listed twice.
        var assemblies = options.ContractAssemblies.Distinct(StringComparer.Ordinal).Select(name => Assembly.Load(new AssemblyName(name)));
        return [.. assemblies
            .SelectMany(a => a.GetExportedTypes())
            .Where(IsMessageRecord)
            .Where(t => options.ContractNamespaces.Any(ns => IsUnder(t.Namespace, ns)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)];
    }

    /// <summary>
    /// A record class is recognised by the compiler-generated <c>&lt;Clone&gt;$</c> method, the one member every record
    /// class has and no ordinary class can declare.
    /// </summary>
    public static bool IsMessageRecord(Type type) =>
        type is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false, IsVisible: true }
        && type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null;

    private static bool IsUnder(string? typeNamespace, string prefix) =>
        typeNamespace is not null
        && (typeNamespace == prefix || typeNamespace.StartsWith(prefix + ".", StringComparison.Ordinal));
}
