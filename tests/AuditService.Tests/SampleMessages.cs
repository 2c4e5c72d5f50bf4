using System.Reflection;
using System.Runtime.CompilerServices;

namespace Provisioner.AuditService.Tests;

/// <summary>Builds an instance of any message record through its widest constructor, with plausible values.</summary>
internal static class SampleMessages
{
    public static object Create(Type type, string agency)
    {
        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault();
        if (constructor is null)
        {
            return RuntimeHelpers.GetUninitializedObject(type);
        }

        var arguments = constructor.GetParameters().Select(p => ValueFor(p, agency)).ToArray();
        return constructor.Invoke(arguments);
    }

    private static object? ValueFor(ParameterInfo parameter, string agency)
    {
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        return type switch
        {
            _ when type == typeof(string) && parameter.Name is "AgencyId" or "CompanyId" => agency,
            _ when type == typeof(string) => $"sample-{parameter.Name}",
            _ when type == typeof(Guid) => Guid.NewGuid(),
            _ when type == typeof(DateTimeOffset) => DateTimeOffset.UtcNow,
            _ when type == typeof(DateTime) => DateTime.UtcNow,
            _ when type == typeof(int) => 1,
            _ when type == typeof(long) => 1L,
            _ when type == typeof(decimal) => 1m,
            _ when type == typeof(double) => 1d,
            _ when type == typeof(bool) => true,
            _ when type == typeof(TimeSpan) => TimeSpan.FromSeconds(1),
            _ when type.IsEnum => Enum.GetValues(type).GetValue(0),
            _ when type.IsArray => Array.CreateInstance(type.GetElementType()!, 0),
            _ when type.IsValueType => Activator.CreateInstance(type),
            _ => null,
        };
    }
}
