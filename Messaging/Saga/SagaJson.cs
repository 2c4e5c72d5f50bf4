using System.Text.Json;
using MassTransit;
using Provisioner.Messaging.Schema;

namespace Provisioner.Messaging.Saga;

/// <summary>How a saga instance is stored: System.Text.Json of its public properties, keyed by its type's full name.</summary>
internal static class SagaJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    public static string TypeKey<TSaga>() => typeof(TSaga).FullName ?? typeof(TSaga).Name;

    public static string Serialize<TSaga>(TSaga instance) => JsonSerializer.Serialize(instance, Options);

    public static TSaga Deserialize<TSaga>(SagaInstance row) where TSaga : class, ISaga
    {
        var instance = JsonSerializer.Deserialize<TSaga>(row.Data, Options)
            ?? throw new SagaException("The stored saga instance is empty.", typeof(TSaga), row.CorrelationId);
        SetVersion(instance, row.Version);
        return instance;
    }

    /// <summary>The row's version (incremented on every update) is mirrored onto sagas that implement ISagaVersion.</summary>
    public static void SetVersion<TSaga>(TSaga instance, int version)
    {
        if (instance is ISagaVersion versioned)
        {
            versioned.Version = version;
        }
    }
}
