using System.Text;
using Provisioner.TestSupport;
using RabbitMQ.Client;

namespace Provisioner.Web.Tests.Infrastructure;

/// <summary>A uniquely named queue on the test broker, holding the messages the test put there; deleted on dispose.</summary>
public sealed class TestQueue : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private TestQueue(IConnection connection, IChannel channel, string name)
    {
        _connection = connection;
        _channel = channel;
        Name = name;
    }

    public string Name { get; }

    public static async Task<TestQueue> DeclareAsync(int messages)
    {
        var factory = new ConnectionFactory { Uri = TestEnvironment.RabbitMqUri, ClientProvidedName = "web-tests" };
        var connection = await factory.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var name = $"web-tests-{Guid.NewGuid():N}";
        await channel.QueueDeclareAsync(name, durable: false, exclusive: false, autoDelete: false);
        for (var i = 0; i < messages; i++)
        {
            await channel.BasicPublishAsync(string.Empty, name, Encoding.UTF8.GetBytes($"message {i}"));
        }

        return new TestQueue(connection, channel, name);
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.QueueDeleteAsync(Name);
        await _channel.CloseAsync();
        await _connection.CloseAsync();
        _channel.Dispose();
        _connection.Dispose();
    }
}
