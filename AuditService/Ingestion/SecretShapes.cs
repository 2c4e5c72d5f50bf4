using System.Collections;
using System.Reflection;
using System.Text.Json.Serialization;

namespace Provisioner.AuditService.Ingestion;

/// <summary>
/// Decides once per message type whether its JSON can hold a property that <see cref="PayloadRedactor"/> masks. Most
/// contracts cannot (a job step event is ids, names and times), and for them the consumer serialises straight to text
/// instead of building a <c>JsonNode</c> tree per message: the tree was the consumer's largest allocation under load.
/// Anything whose shape is not known from its type (object, dictionaries, JSON values, interfaces other than sequences)
/// counts as possibly secret, so a doubt always takes the redacting path.
/// </summary>
public static class SecretShapes
{
    public static bool MayHoldSecrets(Type type) => MayHoldSecrets(type, []);

    private static bool MayHoldSecrets(Type type, HashSet<Type> seen)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalar(type) || !seen.Add(type))
        {
            return false;
        }

        if (type.IsArray)
        {
            return MayHoldSecrets(type.GetElementType()!, seen);
        }

        if (SequenceElement(type) is { } element)
        {
            return MayHoldSecrets(element, seen);
        }

        if (type == typeof(object) || type.IsInterface || type.IsAbstract || typeof(IDictionary).IsAssignableFrom(type)
            || type.Namespace is "System.Text.Json" or "System.Text.Json.Nodes" || IsGenericDictionary(type))
        {
            return true;
        }

        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is not null && p.GetIndexParameters().Length == 0)
            .Any(p => PayloadRedactor.IsSecretName(p.Name)
                || p.GetCustomAttribute<JsonPropertyNameAttribute>() is { } renamed && PayloadRedactor.IsSecretName(renamed.Name)
                || p.GetCustomAttribute<JsonExtensionDataAttribute>() is not null
                || MayHoldSecrets(p.PropertyType, seen));
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
        || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly) || type == typeof(TimeOnly)
        || type == typeof(TimeSpan) || type == typeof(Uri);

    /// <summary>The element type of a list-like type (IEnumerable&lt;T&gt;) that is not a dictionary; null otherwise.</summary>
    private static Type? SequenceElement(Type type)
    {
        if (IsGenericDictionary(type))
        {
            return null;
        }

        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }

    private static bool IsGenericDictionary(Type type) =>
        (type.IsGenericType ? [type, .. type.GetInterfaces()] : type.GetInterfaces()).Any(i => i.IsGenericType
            && (i.GetGenericTypeDefinition() == typeof(IDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)));
}
