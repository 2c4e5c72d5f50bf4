namespace Provisioner.AuditService.Ingestion;

/// <summary>
/// The names MassTransit gives a message type on the wire, so publishers and running installations keep working: the
/// fanout exchange every publish goes to (<c>Namespace:Type</c>) and the urn in the envelope's <c>messageType</c>.
/// Nested types are joined with <c>+</c> as MassTransit does; generic types are not contracts and are refused.
/// </summary>
public static class MessageNames
{
    public static string ExchangeOf(Type type)
    {
        if (type.IsGenericType)
        {
            throw new ArgumentException($"Generic type {type.Name} cannot be an audited contract.", nameof(type));
        }

        var name = type.Name;
        for (var outer = type.DeclaringType; outer is not null; outer = outer.DeclaringType)
        {
            name = outer.Name + "+" + name;
        }

        return type.Namespace is { Length: > 0 } ns ? $"{ns}:{name}" : name;
    }

    public static string UrnOf(Type type) => "urn:message:" + ExchangeOf(type);
}
